import "server-only";
/**
 * K5: how each person wants each kind by e-mail. A missing row is the kind's default
 * (DEFAULT_DELIVERY); saving writes only the kinds that differ from it.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notificationPreferences } from "@/db/schema";
import { DEFAULT_DELIVERY, type Delivery, NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

export type Preferences = Record<NotificationKind, Delivery>;

/** One person's preferences, defaults filled in. */
export async function preferencesOf(db: Db, personId: string): Promise<Preferences> {
  return (await preferencesOfMany(db, [personId])).get(personId) ?? { ...DEFAULT_DELIVERY };
}

/** Several people's preferences in one query (the fan-out asks for a chunk of recipients). */
export async function preferencesOfMany(db: Db, personIds: readonly string[]): Promise<Map<string, Preferences>> {
  const result = new Map<string, Preferences>(personIds.map((id) => [id, { ...DEFAULT_DELIVERY }]));
  if (!personIds.length) return result;
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.personId, [...personIds]));
  for (const row of rows) {
    const prefs = result.get(row.personId);
    if (prefs && (NOTIFICATION_KINDS as readonly string[]).includes(row.kind)) prefs[row.kind as NotificationKind] = row.delivery;
  }
  return result;
}

/** Saves every kind at once; answers the kinds whose delivery changed. */
export async function savePreferences(tx: Db, personId: string, wanted: Preferences): Promise<NotificationKind[]> {
  const before = await preferencesOf(tx, personId);
  const changed = NOTIFICATION_KINDS.filter((kind) => before[kind] !== wanted[kind]);
  for (const kind of changed) {
    if (wanted[kind] === DEFAULT_DELIVERY[kind]) {
      await tx.delete(notificationPreferences).where(and(eq(notificationPreferences.personId, personId), eq(notificationPreferences.kind, kind)));
    } else {
      await tx
        .insert(notificationPreferences)
        .values({ personId, kind, delivery: wanted[kind] })
        .onConflictDoUpdate({ target: [notificationPreferences.personId, notificationPreferences.kind], set: { delivery: wanted[kind] } });
    }
  }
  return changed;
}
