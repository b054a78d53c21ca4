import "server-only";
/**
 * K5: e-mails of notifications, through the outbox (lib/mail/outbox.ts) so they are sent
 * once whatever instance queues them:
 *   - at once: queued by the fan-out right after the recipient's access check, idempotency
 *     key `notification:<id>`;
 *   - the daily digest: one a person a day (notification_digests' primary key and the
 *     outbox key `digest:<person>:<day>`), listing only what they may view when it is sent.
 * A notification's `emailed_at` is set once its e-mail is queued, or it was decided none goes.
 */
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { notificationDigests, notifications, people } from "@/db/schema";
import type { AccessSubject } from "@/lib/access/types";
import { type QueuedMail, enqueueMails, isSingleAddress } from "@/lib/mail/outbox";
import { renderGroupInvitation } from "@/lib/mail/templates/group-invitation";
import { renderGroupRequest } from "@/lib/mail/templates/group-request";
import { renderDigestMail, renderNotificationMail } from "@/lib/mail/templates/notification";
import { publicOrigin } from "@/lib/site-url";
import { deliverableTo } from "./access";
import { FACT_COLUMNS, FACT_JOINS, type NotificationFacts, factsOf, pathOf, reasonOf, summaryOf } from "./describe";
import type { NotificationKind } from "./kinds";
import { preferencesOf } from "./preferences";

export const PREFERENCES_PATH = "/me/notifications";
export const NOTIFICATIONS_PATH = "/notifications";
const url = (path: string) => `${publicOrigin()}${path}`;

function excerptOf(f: NotificationFacts): string | null {
  if (f.kind === "idea_status") return f.ideaNote;
  if (f.kind === "mention" && f.wallPostId) return f.wallPostExcerpt; // G4: a wall post's mention
  return f.kind === "mention" || f.kind === "reply" || f.kind === "comment_on_my_item" ? f.commentExcerpt : null;
}

/**
 * Queues the at-once e-mails of notifications just written (their recipients passed the
 * access check in this transaction). `recipients` maps a notification id to its
 * recipient's address; people whose stored address cannot be used are skipped.
 */
export async function queueImmediateMails(tx: Db, recipients: Map<number, { personId: string; email: string }>): Promise<number> {
  const facts = await factsOf(tx, [...recipients.keys()]);
  const messages: QueuedMail[] = [];
  for (const f of facts) {
    const person = recipients.get(f.id)!;
    if (!isSingleAddress(person.email)) {
      // Never fail the fan-out over one unusable address; say who, not what.
      console.warn(`notification e-mail for person ${person.personId} skipped: their e-mail address cannot be used`);
      continue;
    }
    const mail = await render(tx, f);
    messages.push({ idempotencyKey: `notification:${f.id}`, recipientId: person.personId, to: person.email, ...mail });
  }
  return enqueueMails(tx, messages);
}

/** One notification's e-mail: the group e-mails keep their own wording (G1 G5), the rest share one. */
async function render(tx: Db, f: NotificationFacts) {
  if (f.kind === "group_request" && f.groupSlug) {
    // The requester's note, from their request still waiting (written by them for the admins).
    const [request] = rowsOf<{ message: string }>(
      await tx.execute(sql`
        select r.message from group_join_requests r join notifications n on n.group_id = r.group_id and n.actor_id = r.person_id
        where n.id = ${f.id} and r.status = 'pending' order by r.id desc limit 1`),
    );
    return renderGroupRequest({ groupName: f.groupName ?? "", requesterName: f.actorName ?? "Someone", message: request?.message ?? "", url: url(pathOf(f)) });
  }
  if (f.kind === "group_invitation" && f.groupSlug) {
    return renderGroupInvitation({ groupName: f.groupName ?? "", inviterName: f.actorName ?? "Someone", url: url(`/groups/${encodeURIComponent(f.groupSlug)}`), invitationsUrl: url(pathOf(f)) });
  }
  return renderNotificationMail({ summary: summaryOf(f), url: url(pathOf(f)), excerpt: excerptOf(f), reason: reasonOf(f.kind), preferencesUrl: url(PREFERENCES_PATH) });
}

/** The UTC day a digest belongs to ("2026-12-03"). */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export interface DigestOptions {
  now?: Date;
  /** People served in one pass. */
  limit?: number;
}

/**
 * One pass of the daily digest: for each person with notifications waiting for it (and
 * none sent yet today), claims today's digest row (the primary key lets exactly one
 * instance do it), queues one e-mail listing what they may view now, and marks every
 * waiting notification e-mailed (those they may no longer view, or read in the site
 * meanwhile, are decided: none goes).
 * Answers how many digests were queued.
 */
export async function sendDueDigests(db: Db, options: DigestOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const day = dayOf(now);
  const due = rowsOf<{ person_id: string }>(
    await db.execute(sql`
      select distinct n.recipient_id as person_id from notifications n
      where n.emailed_at is null and n.created_at <= ${now.toISOString()}::timestamptz
        and not exists (select 1 from notification_digests d where d.person_id = n.recipient_id and d.day = ${day})
      limit ${options.limit ?? 200}`),
  );
  let sent = 0;
  for (const { person_id: personId } of due) {
    try {
      if (await db.transaction(async (tx) => digestFor(tx as unknown as Db, personId, day, now))) sent++;
    } catch (error) {
      console.error(`digest for person ${personId}: ${error instanceof Error ? error.name : "error"}`);
    }
  }
  return sent;
}

async function digestFor(tx: Db, personId: string, day: string, now: Date): Promise<boolean> {
  const [claimed] = await tx.insert(notificationDigests).values({ personId, day, sentAt: now }).onConflictDoNothing().returning({ personId: notificationDigests.personId });
  if (!claimed) return false; // another instance has it
  const [person] = await tx
    .select({ id: people.id, email: people.email, audience: people.audience, roles: people.roles, blocked: people.blocked })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  const waiting = and(eq(notifications.recipientId, personId), isNull(notifications.emailedAt), lte(notifications.createdAt, now));
  const settle = () => tx.update(notifications).set({ emailedAt: now }).where(waiting);
  if (!person || person.blocked) {
    await settle(); // blocked people get nothing
    return false;
  }
  const prefs = await preferencesOf(tx, personId);
  const digestKinds = (Object.keys(prefs) as NotificationKind[]).filter((kind) => prefs[kind] === "digest");
  const recipient: AccessSubject = { id: personId, audience: person.audience, isWebmaster: person.audience === "organisational" && person.roles.includes("webmaster") };
  const facts = digestKinds.length
    ? rowsOf<NotificationFacts>(
        await tx.execute(sql`
          select ${FACT_COLUMNS} from notifications n ${FACT_JOINS}
          where n.recipient_id = ${personId}::uuid and n.emailed_at is null and n.created_at <= ${now.toISOString()}::timestamptz
            and n.read_at is null and n.kind::text in ${digestKinds} and ${deliverableTo(recipient)}
          order by n.created_at, n.id limit 100`),
      )
    : [];
  await settle();
  if (!facts.length || !isSingleAddress(person.email)) return false;
  const mail = await renderDigestMail({
    day,
    lines: facts.map((f) => ({ summary: summaryOf(f), url: url(pathOf(f)), excerpt: excerptOf(f) })),
    notificationsUrl: url(NOTIFICATIONS_PATH),
    preferencesUrl: url(PREFERENCES_PATH),
  });
  return (await enqueueMails(tx, [{ idempotencyKey: `digest:${personId}:${day}`, recipientId: personId, to: person.email, ...mail }])) > 0;
}

/** Marks notifications e-mailed (queued, or decided that none goes). */
export async function markEmailed(tx: Db, ids: number[], at: Date): Promise<void> {
  if (ids.length) await tx.update(notifications).set({ emailedAt: at }).where(inArray(notifications.id, ids));
}
