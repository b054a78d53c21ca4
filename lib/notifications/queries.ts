import "server-only";
/**
 * K5: a person's notifications as the bell and /notifications show them. Every read is
 * checked with deliverableTo AS the viewer at that moment (C4, E6): a notification about
 * something they may no longer view is neither listed nor counted.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { cursorCodec } from "@/lib/access/cursor";
import type { AccessSubject } from "@/lib/access/types";
import { deliverableTo } from "./access";
import { FACT_COLUMNS, FACT_JOINS, type NotificationFacts, withNumberId } from "./describe";

/** The bell shows "99+" past this. */
export const UNREAD_CAP = 99;

/**
 * The unread count: one query along notifications_unread_idx, with the access check,
 * stopping at UNREAD_CAP + 1 rows so a large backlog costs what a small one does.
 */
export async function unreadCount(db: Db, viewer: AccessSubject): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from (
        select 1 from notifications n
        where n.recipient_id = ${viewer.id}::uuid and n.read_at is null and ${deliverableTo(viewer)}
        limit ${UNREAD_CAP + 1}
      ) unread`),
  );
  return row?.n ?? 0;
}

/** "99+" past the cap. */
export const unreadLabel = (count: number) => (count > UNREAD_CAP ? `${UNREAD_CAP}+` : String(count));

const notificationCursor = cursorCodec({ at: "timestamp", id: "int" });
export const NOTIFICATIONS_PAGE_SIZE = 20;

export interface NotificationPage {
  rows: NotificationFacts[];
  next: string | null;
}

/** One keyset page, newest first; `unreadOnly` for the Unread filter. */
export async function listNotifications(
  db: Db,
  viewer: AccessSubject,
  options: { unreadOnly?: boolean; before?: string | null; pageSize?: number } = {},
): Promise<NotificationPage> {
  const size = options.pageSize ?? NOTIFICATIONS_PAGE_SIZE;
  const cursor = notificationCursor.decode(options.before);
  const rows = rowsOf<NotificationFacts>(
    await db.execute(sql`
      select ${FACT_COLUMNS} from notifications n ${FACT_JOINS}
      where n.recipient_id = ${viewer.id}::uuid
        ${options.unreadOnly ? sql`and n.read_at is null` : sql``}
        ${cursor ? sql`and (n.created_at, n.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
        and ${deliverableTo(viewer)}
      order by n.created_at desc, n.id desc
      limit ${size + 1}`),
  ).map(withNumberId);
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > size && last ? notificationCursor.encode({ at: last.createdAt, id: last.id }) : null };
}
