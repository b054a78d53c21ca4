import "server-only";
/**
 * The outbox as webmasters read it (/admin/outbox). Every read checks the viewer itself:
 * messages hold other people's addresses and the titles of items only they may view.
 */
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { type Lookup, FORBIDDEN, NOT_FOUND, ok } from "@/lib/lookup";
import type { Viewer } from "@/lib/access/types";
import { canAsWebmaster } from "@/lib/access/policies";
import { countOneTimeLinks, maskOneTimeLinks } from "./one-time-links";

export const OUTBOX_PAGE_SIZE = 50;

type OutboxViewer = Pick<Viewer, "id" | "isWebmaster">;
export type OutboxStatus = (typeof outboxMessages.status.enumValues)[number];

export interface OutboxSummary {
  id: number;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  deliveredVia: string | null;
}

/** Both parts with every one-time link masked (lib/mail/one-time-links.ts, P3 P7). */
export interface OutboxMessage extends OutboxSummary {
  html: string;
  text: string;
  /** How many one-time links the message holds (masked in `html` and `text`). */
  oneTimeLinks: number;
  nextAttemptAt: Date;
  lastError: string | null;
}

export type Forbidden = { status: "forbidden" };

/** "resend" when RESEND_API_KEY is set (messages leave the machine), else "local". */
export function mailTransport(env: Record<string, string | undefined> = process.env): "resend" | "local" {
  return env.RESEND_API_KEY?.trim() ? "resend" : "local";
}

/** created_at as the database prints it, then the id; a malformed cursor reads as "from the start". */
const outboxCursor = cursorCodec({ at: "timestamp", id: "int" });

/** Newest first, one page at a time along outbox_messages_created_idx (keyset, no offsets). */
export async function listOutbox(
  viewer: OutboxViewer,
  cursor?: string | null,
  options: { limit?: number } = {},
): Promise<Forbidden | { status: "ok"; items: OutboxSummary[]; next: string | null }> {
  if (!canAsWebmaster(viewer, "outbox.view")) return { status: "forbidden" };
  const db = await getDb();
  const limit = options.limit ?? OUTBOX_PAGE_SIZE;
  const after = outboxCursor.decode(cursor);
  const rows = await db
    .select({
      id: outboxMessages.id,
      to: outboxMessages.toAddress,
      subject: outboxMessages.subject,
      status: outboxMessages.status,
      attempts: outboxMessages.attempts,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
      deliveredVia: outboxMessages.deliveredVia,
      cursorAt: sql<string>`${outboxMessages.createdAt}::text`,
    })
    .from(outboxMessages)
    .where(
      after
        ? sql`(${outboxMessages.createdAt} < ${after.at}::timestamptz or (${outboxMessages.createdAt} = ${after.at}::timestamptz and ${outboxMessages.id} < ${after.id}))`
        : undefined,
    )
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit + 1);
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return {
    status: "ok",
    items: rows.slice(0, limit).map(({ cursorAt: _, ...item }) => ({ ...item, subject: maskOneTimeLinks(item.subject) })),
    next: last ? outboxCursor.encode({ at: last.cursorAt, id: last.id }) : null,
  };
}

export async function getOutboxMessage(
  viewer: OutboxViewer,
  rawId: string,
): Promise<Lookup<OutboxMessage>> {
  if (!canAsWebmaster(viewer, "outbox.view")) return FORBIDDEN;
  if (!/^\d{1,10}$/.test(rawId) || Number(rawId) > 2_147_483_647) return NOT_FOUND;
  const db = await getDb();
  const [row] = await db
    .select({
      id: outboxMessages.id,
      to: outboxMessages.toAddress,
      subject: outboxMessages.subject,
      status: outboxMessages.status,
      attempts: outboxMessages.attempts,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
      deliveredVia: outboxMessages.deliveredVia,
      html: outboxMessages.html,
      text: outboxMessages.text,
      nextAttemptAt: outboxMessages.nextAttemptAt,
      lastError: outboxMessages.lastError,
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.id, Number(rawId)))
    .limit(1);
  if (!row) return NOT_FOUND;
  // P3, P7: a one-time link is as good as the account; only revealOutboxLinkAction shows one.
  return ok({
    ...row,
    subject: maskOneTimeLinks(row.subject),
    html: maskOneTimeLinks(row.html),
    text: maskOneTimeLinks(row.text),
    lastError: row.lastError === null ? null : maskOneTimeLinks(row.lastError),
    oneTimeLinks: countOneTimeLinks(row.text),
  });
}
