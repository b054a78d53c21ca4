import "server-only";
/** K5: marking one's own notifications read (the action has re-read the viewer). */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications } from "@/db/schema";

/** Marks one of the viewer's notifications read; answers whether it changed (someone else's id changes nothing). */
export async function markRead(tx: Db, viewerId: string, id: number): Promise<boolean> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, viewerId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Marks every unread notification of the viewer read; answers how many. */
export async function markAllRead(tx: Db, viewerId: string): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.recipientId, viewerId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
