import "server-only";
/**
 * K5: the fan-out worker. Expands each recorded event (./events.ts) into notifications,
 * after the change committed, so the writer pays only for writing the event.
 *
 * - Claiming sets a lease (`locked_until`) over a `for update skip locked` selection, like
 *   the outbox (lib/mail/worker.ts), so several instances never take the same event; an
 *   instance that dies mid-way leaves a lease that expires, and the event is due again.
 * - Each event is expanded in one transaction that first locks its row and checks it is
 *   still unprocessed, and writes notifications under the unique (event_id, recipient_id):
 *   even a lease that ran out mid-way never gives anyone a second notification or e-mail.
 * - Everyone is checked AS THE RECIPIENT (./access.ts, the pages' own predicates), one
 *   query a chunk of recipients, never one a person: 5 000 followers expand in seconds.
 * - At-once e-mails are queued right there, after the check; "off" is decided there too;
 *   the rest wait for the daily digest (./mail.ts).
 */
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { notifications, people } from "@/db/schema";
import { deliverableToEach } from "./access";
import { type NotificationKind } from "./kinds";
import { markEmailed, queueImmediateMails } from "./mail";
import { preferencesOfMany } from "./preferences";
import { type Candidate, type StoredEvent, candidatesOf } from "./recipients";

export const EVENT_BATCH = 10;
export const EVENT_LEASE_MS = 5 * 60_000;
export const MAX_EVENT_ATTEMPTS = 5;
/** Recipients checked and written per statement. */
export const RECIPIENT_CHUNK = 1000;

/** Takes up to `batchSize` due events and leases them until `now + leaseMs` (a materialised CTE, as the outbox does). */
export async function claimDueEvents(db: Db, now: Date, batchSize = EVENT_BATCH, leaseMs = EVENT_LEASE_MS): Promise<StoredEvent[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const rows = rowsOf<StoredEvent>(
    await db.execute(sql`
      with due as materialized (
        select id from notification_events
        where processed_at is null and (locked_until is null or locked_until < ${at}::timestamptz)
        order by created_at, id
        limit ${batchSize}
        for update skip locked
      )
      update notification_events e set locked_until = ${until}::timestamptz, attempts = e.attempts + 1
      from due where e.id = due.id
      returning e.id, e.kind, e.actor_id as "actorId", e.content_id as "contentId", e.comment_id as "commentId",
        e.group_id as "groupId", e.idea_id as "ideaId", e.wall_post_id as "wallPostId", e.query_id as "queryId", to_json(e.recipient_ids) as "recipientIds", e.detail, e.attempts, e.created_at::text as "createdAt"`),
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);
}

/** The candidates who may be told now, asked as each of them, one query a chunk. */
async function allowedOf(tx: Db, event: StoredEvent, candidates: Candidate[]): Promise<Candidate[]> {
  const byAccess = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.audience}:${c.isWebmaster}`;
    byAccess.set(key, [...(byAccess.get(key) ?? []), c]);
  }
  const groupId = event.kind === "group_request" || event.kind === "group_invitation" ? event.groupId : null;
  const allowed = new Set<string>();
  for (const group of byAccess.values()) {
    const { audience, isWebmaster } = group[0]!;
    for (let i = 0; i < group.length; i += RECIPIENT_CHUNK) {
      const values = sql.join(
        group.slice(i, i + RECIPIENT_CHUNK).map((c) => sql`(${c.personId}::uuid, ${c.kind}::text)`),
        sql`, `,
      );
      // The notification as it would be written, one for each candidate.
      const rows = rowsOf<{ person_id: string }>(
        await tx.execute(sql`
          select cand.person_id from (values ${values}) as cand(person_id, kind)
          cross join lateral (select ${event.contentId}::uuid as content_id, ${event.commentId}::uuid as comment_id,
            ${groupId}::int as group_id, ${event.ideaId ?? null}::uuid as idea_id, ${event.wallPostId ?? null}::uuid as wall_post_id,
            ${event.queryId ?? null}::uuid as query_id, cand.kind as kind) n
          where ${deliverableToEach(sql`cand.person_id`, { audience, isWebmaster })}`),
      );
      for (const row of rows) allowed.add(row.person_id);
    }
  }
  return candidates.filter((c) => allowed.has(c.personId));
}

/** Expands one claimed event; answers how many notifications it wrote (0 if another instance had done it). */
export async function expandEvent(db: Db, event: StoredEvent, now = new Date()): Promise<number> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = rowsOf<{ processed_at: string | null }>(await tx.execute(sql`select processed_at from notification_events where id = ${event.id} for update`));
    if (!row || row.processed_at) return 0;
    const candidates = await candidatesOf(tx, event);
    const recipients = candidates.length ? await allowedOf(tx, event, candidates) : [];
    const groupId = event.kind === "group_request" || event.kind === "group_invitation" ? event.groupId : null;
    let written = 0;
    for (let i = 0; i < recipients.length; i += RECIPIENT_CHUNK) {
      const chunk = recipients.slice(i, i + RECIPIENT_CHUNK);
      const inserted = await tx
        .insert(notifications)
        .values(
          chunk.map((c) => ({
            recipientId: c.personId,
            kind: c.kind,
            actorId: event.actorId,
            contentId: event.contentId,
            commentId: event.commentId,
            groupId,
            ideaId: event.ideaId ?? null,
            wallPostId: event.wallPostId ?? null,
            queryId: event.queryId ?? null,
            detail: event.detail,
            eventId: event.id,
            // When it happened, not when it was expanded: the list is in that order.
            createdAt: event.createdAt ? new Date(event.createdAt) : now,
          })),
        )
        .onConflictDoNothing({ target: [notifications.eventId, notifications.recipientId] })
        .returning({ id: notifications.id, recipientId: notifications.recipientId, kind: notifications.kind });
      written += inserted.length;
      await decideEmails(tx, inserted.map((n) => ({ ...n, kind: n.kind as NotificationKind })), now);
    }
    await tx.execute(sql`update notification_events set processed_at = ${now.toISOString()}::timestamptz, locked_until = null where id = ${event.id}`);
    return written;
  });
}

/** At once: queued now; off: decided now; digest: left for the daily digest. */
async function decideEmails(tx: Db, written: { id: number; recipientId: string; kind: NotificationKind }[], now: Date): Promise<void> {
  if (!written.length) return;
  const prefs = await preferencesOfMany(tx, [...new Set(written.map((n) => n.recipientId))]);
  const immediate = written.filter((n) => prefs.get(n.recipientId)?.[n.kind] === "immediate");
  const off = written.filter((n) => prefs.get(n.recipientId)?.[n.kind] === "off");
  if (immediate.length) {
    const emails = new Map(
      (await tx.select({ id: people.id, email: people.email }).from(people).where(inArray(people.id, [...new Set(immediate.map((n) => n.recipientId))]))).map((p) => [p.id, p.email]),
    );
    await queueImmediateMails(tx, new Map(immediate.map((n) => [n.id, { personId: n.recipientId, email: emails.get(n.recipientId) ?? "" }])));
  }
  await markEmailed(tx, [...immediate, ...off].map((n) => n.id), now);
}

export interface FanOutResult {
  claimed: number;
  notified: number;
  failed: number;
}

/** One pass: claim due events and expand each. Never throws for one bad event: it is retried after its lease, then given up. */
export async function processNotificationEventsOnce(db: Db, options: { now?: Date; batchSize?: number } = {}): Promise<FanOutResult> {
  const now = options.now ?? new Date();
  const claimed = await claimDueEvents(db, now, options.batchSize ?? EVENT_BATCH);
  const result: FanOutResult = { claimed: claimed.length, notified: 0, failed: 0 };
  for (const event of claimed) {
    try {
      result.notified += await expandEvent(db, event, now);
    } catch (error) {
      result.failed++;
      const attempts = (event as StoredEvent & { attempts?: number }).attempts ?? 0;
      console.error(`notification event ${event.id} (${event.kind}) failed on attempt ${attempts}: ${error instanceof Error ? error.name : "error"}`);
      if (attempts >= MAX_EVENT_ATTEMPTS) {
        await db.execute(sql`update notification_events set processed_at = ${now.toISOString()}::timestamptz, locked_until = null where id = ${event.id}`);
      }
    }
  }
  return result;
}

/** Drains what is due now (the worker's job, and tests): passes until a batch comes back short. */
export async function expandDueEvents(db: Db, options: { now?: Date } = {}): Promise<FanOutResult> {
  const total: FanOutResult = { claimed: 0, notified: 0, failed: 0 };
  for (let i = 0; i < 100; i++) {
    const pass = await processNotificationEventsOnce(db, options);
    total.claimed += pass.claimed;
    total.notified += pass.notified;
    total.failed += pass.failed;
    if (pass.claimed < EVENT_BATCH) break;
  }
  return total;
}
