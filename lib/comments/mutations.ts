import "server-only";
/**
 * Writing comments and moderating them (K1 K2 K3). Each function runs inside the
 * transaction of a defineAction (./actions.ts) whose `authorize` has already checked the
 * catalogue entry there; these check what the person can fix (comments turned off, a reply
 * to a reply) and throw ActionError, which rolls everything back. The target's comment count
 * (content_conversation for an item, C4; the idea's, post's or query's own) changes in the
 * same transaction as the comment (lib/comments/target.ts).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { commentReports, comments } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { mentionedIds } from "@/lib/mentions/syntax";
import { recordNotificationEvent } from "@/lib/notifications/events";
import type { CreateCommentInput } from "./schemas";
import { type CommentTarget, NOT_PUBLISHED_MESSAGE, addToCount, commentsOffMessage, goneMessage, lockTarget, sameTarget, targetColumns, targetOfComment, writeCommentsOff } from "./target";

export { COMMENTS_OFF_MESSAGE, NOT_PUBLISHED_MESSAGE } from "./target";
const GONE_MESSAGE = "This comment no longer exists. Reload the page.";

type CommentRow = typeof comments.$inferSelect;

async function lockComment(tx: Db, id: string): Promise<CommentRow> {
  const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for("update").limit(1);
  if (!row) throw new ActionError(GONE_MESSAGE);
  return row;
}

/**
 * K1: writes a comment or a reply, counts it, and records the `comment` notification event
 * (with the people its text mentions, E6: the fan-out decides who may be told). Sending the
 * same form twice (its `id`) writes one comment.
 */
export async function createComment(tx: Db, viewer: Pick<Viewer, "id">, input: CreateCommentInput): Promise<{ id: string; created: boolean }> {
  const target: CommentTarget = input.target;
  // The target's switch (and an item's status) is read under a lock: a change that commits first is seen here.
  const locked = await lockTarget(tx, target);
  if (locked.state === "gone") throw new ActionError(goneMessage(target));
  if (locked.state === "unpublished") throw new ActionError(NOT_PUBLISHED_MESSAGE);
  if (locked.commentsOff) throw new ActionError(commentsOffMessage(target));

  const [existing] = await tx.select().from(comments).where(eq(comments.id, input.id)).limit(1);
  if (existing) {
    // A second submit of the same form: the first one's comment stands, nothing more is written.
    if (existing.authorId === viewer.id && sameTarget(targetOfComment(existing), target)) return { id: existing.id, created: false };
    throw new ActionError("This form is out of date. Reload the page, then write your comment again.");
  }
  if (input.parentId) {
    const [parent] = await tx.select().from(comments).where(eq(comments.id, input.parentId)).limit(1);
    if (!parent || !sameTarget(targetOfComment(parent), target) || parent.deletedAt) throw new ActionError("The comment you are replying to no longer exists. Reload the page.");
    if (parent.parentId !== null) throw new ActionError("Replies go under the first comment of a thread: reply to that one instead.");
    if (parent.hiddenAt) throw new ActionError("A moderator hid the comment you are replying to, so it takes no replies.");
  }
  const [row] = await tx
    .insert(comments)
    .values({ id: input.id, ...targetColumns(target), parentId: input.parentId ?? null, authorId: viewer.id, body: input.body })
    .onConflictDoNothing()
    .returning({ id: comments.id });
  // Lost a race with the same form's other submit: that one wrote it.
  if (!row) return { id: input.id, created: false };
  await addToCount(tx, target, 1);
  await recordNotificationEvent(tx, { kind: "comment", actorId: viewer.id, target, commentId: row.id, mentionedIds: mentionedIds(input.body) });
  return { id: row.id, created: true };
}

/** K2: the author changes their comment's text; it is then shown as edited. */
export async function editComment(tx: Db, input: { commentId: string; body: string }): Promise<{ id: string; target: CommentTarget }> {
  const row = await lockComment(tx, input.commentId);
  if (row.deletedAt) throw new ActionError(GONE_MESSAGE);
  if (row.hiddenAt) throw new ActionError("A moderator hid this comment, so it can no longer be edited.");
  if (row.body !== input.body) await tx.update(comments).set({ body: input.body, editedAt: sql`now()` }).where(eq(comments.id, row.id));
  return { id: row.id, target: targetOfComment(row) };
}

/**
 * K2: the author deletes their comment. One with replies keeps its place, marked deleted
 * (its text gone); one without goes, and so does a deleted comment whose last reply it was.
 */
export async function deleteComment(tx: Db, input: { commentId: string }): Promise<{ id: string; target: CommentTarget; kept: boolean }> {
  const row = await lockComment(tx, input.commentId);
  const [replies] = await tx.select({ n: sql<number>`count(*)::int` }).from(comments).where(eq(comments.parentId, row.id));
  const kept = (replies?.n ?? 0) > 0;
  if (kept) await tx.update(comments).set({ body: "", deletedAt: sql`now()`, editedAt: null }).where(eq(comments.id, row.id));
  else await tx.delete(comments).where(eq(comments.id, row.id));
  if (!kept && row.parentId) {
    // A thread whose first comment was deleted earlier ends with its last reply.
    await tx.delete(comments).where(
      and(eq(comments.id, row.parentId), sql`${comments.deletedAt} is not null`, sql`not exists (select 1 from comments r where r.parent_id = ${row.parentId})`),
    );
  }
  const target = targetOfComment(row);
  await addToCount(tx, target, -1);
  return { id: row.id, target, kept };
}

/** K3: a report waits for the comment's moderators; reporting again while one waits changes nothing. */
export async function reportComment(tx: Db, viewer: Pick<Viewer, "id">, input: { commentId: string; reason: string }): Promise<{ reported: boolean }> {
  const rows = await tx.insert(commentReports).values({ commentId: input.commentId, reporterId: viewer.id, reason: input.reason }).onConflictDoNothing().returning({ id: commentReports.id });
  return { reported: rows.length > 0 };
}

/** Closes every open report of a comment as decided by the moderator. */
async function closeReports(tx: Db, viewer: Pick<Viewer, "id">, commentId: string, status: "dismissed" | "actioned"): Promise<number> {
  const rows = await tx
    .update(commentReports)
    .set({ status, decidedBy: viewer.id, decidedAt: sql`now()` })
    .where(and(eq(commentReports.commentId, commentId), eq(commentReports.status, "open")))
    .returning({ id: commentReports.id });
  return rows.length;
}

/** K2: a moderator hides a comment with a reason (shown to its author); its open reports are settled. */
export async function hideComment(tx: Db, viewer: Pick<Viewer, "id">, input: { commentId: string; reason: string }): Promise<{ target: CommentTarget; reports: number }> {
  const row = await lockComment(tx, input.commentId);
  if (row.deletedAt) throw new ActionError("Its author deleted this comment: there is nothing to hide.");
  if (row.hiddenAt) throw new ActionError("This comment is already hidden.");
  await tx.update(comments).set({ hiddenAt: sql`now()`, hiddenBy: viewer.id, hiddenReason: input.reason }).where(eq(comments.id, row.id));
  return { target: targetOfComment(row), reports: await closeReports(tx, viewer, row.id, "actioned") };
}

/** K2: a moderator shows a hidden comment again. */
export async function restoreComment(tx: Db, input: { commentId: string }): Promise<{ target: CommentTarget }> {
  const row = await lockComment(tx, input.commentId);
  if (!row.hiddenAt) throw new ActionError("This comment is not hidden.");
  await tx.update(comments).set({ hiddenAt: null, hiddenBy: null, hiddenReason: null }).where(eq(comments.id, row.id));
  return { target: targetOfComment(row) };
}

/** K3: a moderator dismisses a comment's open reports, leaving it as it is. */
export async function dismissReports(tx: Db, viewer: Pick<Viewer, "id">, input: { commentId: string }): Promise<{ reports: number }> {
  await lockComment(tx, input.commentId);
  const reports = await closeReports(tx, viewer, input.commentId, "dismissed");
  if (reports === 0) throw new ActionError("These reports were already dealt with. Reload the page.");
  return { reports };
}

/** K1: turns a target's comments off (new ones are refused) or on again; what was written stays. */
export async function setCommentsOff(tx: Db, input: { target: CommentTarget; off: boolean }): Promise<{ off: boolean }> {
  if ((await lockTarget(tx, input.target)).state === "gone") throw new ActionError(goneMessage(input.target));
  await writeCommentsOff(tx, input.target, input.off);
  return { off: input.off };
}
