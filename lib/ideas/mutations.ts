import "server-only";
/**
 * The write side of Ideas (G4 G8 E4 E5). Each function runs inside a defineAction's
 * transaction (./actions.ts) whose policy was checked there, and changes nothing when it
 * refuses (an ActionError rolls the transaction back).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ideaVotes, ideas } from "@/db/schema";
import { isTimestampText } from "@/lib/access/cursor";
import { ActionError } from "@/lib/actions";
import { sanitizeRichText } from "@/lib/content/sanitize";
import { recordNotificationEvent } from "@/lib/notifications/events";
import { type CreateIdeaInput, IDEA_STATUS_LABEL, type IdeaStatus, type SetIdeaStatusInput, type UpdateIdeaInput } from "./schemas";

export const GONE_MESSAGE = "This idea no longer exists. It may have been deleted.";
export const STALE_MESSAGE =
  "Someone changed this idea after you opened it, so your changes were not saved. Your text is still in the form: copy it, reload the page to see the other changes, then edit again.";

/**
 * C6: ideas keep the editor's safe subset, without images: an upload is shown only with the
 * item it belongs to (lib/uploads), and an idea is not one, so the editor offers none and
 * any that arrive are dropped.
 */
export function sanitizeDescription(html: string): string {
  const clean = sanitizeRichText(html, { keepUpload: () => false });
  // The editor's empty document is an empty paragraph: store nothing for it.
  return /^(<p>(\s|&nbsp;|<br\s*\/?>)*<\/p>)*$/.test(clean.trim()) ? "" : clean;
}

export async function createIdea(tx: Db, authorId: string, input: CreateIdeaInput): Promise<{ id: string }> {
  const [row] = await tx
    .insert(ideas)
    .values({ authorId, title: input.title, description: sanitizeDescription(input.description), tags: input.tags })
    .returning({ id: ideas.id });
  return row!;
}

/**
 * Saves an edit only against the version the form read (`baseUpdatedAt`, PostgreSQL's text
 * of updated_at): an edit of an older version is refused with a message, never written over
 * someone else's.
 */
export async function updateIdea(tx: Db, input: UpdateIdeaInput): Promise<{ id: string; updatedAt: string }> {
  if (!isTimestampText(input.baseUpdatedAt)) throw new ActionError(STALE_MESSAGE);
  const [current] = await tx
    .select({ stale: sql<boolean>`${ideas.updatedAt} <> ${input.baseUpdatedAt}::timestamptz` })
    .from(ideas)
    .where(eq(ideas.id, input.ideaId))
    .for("update");
  if (!current) throw new ActionError(GONE_MESSAGE);
  if (current.stale) throw new ActionError(STALE_MESSAGE);
  const [row] = await tx
    .update(ideas)
    // Never the same instant twice, even within one clock tick: the next edit must see a change.
    .set({
      title: input.title,
      description: sanitizeDescription(input.description),
      tags: input.tags,
      updatedAt: sql`greatest(now(), ${ideas.updatedAt} + interval '1 microsecond')`,
    })
    .where(eq(ideas.id, input.ideaId))
    .returning({ id: ideas.id, updatedAt: sql<string>`${ideas.updatedAt}::text` });
  return row!;
}

export async function deleteIdea(tx: Db, ideaId: string): Promise<{ title: string }> {
  const [row] = await tx.delete(ideas).where(eq(ideas.id, ideaId)).returning({ title: ideas.title });
  if (!row) throw new ActionError(GONE_MESSAGE);
  return row;
}

export interface VoteResult {
  voted: boolean;
  voteCount: number;
}

/**
 * G8: one vote a person an idea. The vote row and the counter change in one transaction:
 * the insert is conflict-safe (a second vote, from another tab at the same moment, waits
 * on the primary key and then inserts nothing), and the counter moves only by the rows
 * actually inserted or deleted, under the row lock of the UPDATE, so it stays exact.
 */
export async function setVote(tx: Db, personId: string, ideaId: string, vote: boolean): Promise<VoteResult> {
  let delta = 0;
  if (vote) {
    const inserted = await tx.insert(ideaVotes).values({ ideaId, personId }).onConflictDoNothing().returning({ ideaId: ideaVotes.ideaId });
    delta = inserted.length;
  } else {
    const deleted = await tx
      .delete(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.personId, personId)))
      .returning({ ideaId: ideaVotes.ideaId });
    delta = -deleted.length;
  }
  const [row] = await tx
    .update(ideas)
    .set({ voteCount: sql`${ideas.voteCount} + ${delta}` })
    .where(eq(ideas.id, ideaId))
    .returning({ voteCount: ideas.voteCount });
  if (!row) throw new ActionError(GONE_MESSAGE);
  return { voted: vote, voteCount: row.voteCount };
}

/**
 * G8 K5: moves an idea to a status with a note, and records the event that tells its author
 * and followers (ids only: the worker expands it, and each notification is checked again
 * when shown or sent).
 */
export async function setStatus(tx: Db, actorId: string, input: SetIdeaStatusInput): Promise<{ from: IdeaStatus; to: IdeaStatus }> {
  const [current] = await tx.select({ status: ideas.status }).from(ideas).where(eq(ideas.id, input.ideaId)).for("update");
  if (!current) throw new ActionError(GONE_MESSAGE);
  if (current.status === input.status && input.note === "") {
    throw new ActionError(`This idea is already ${IDEA_STATUS_LABEL[input.status].toLowerCase()}. Choose another status, or write a note to send.`, "status");
  }
  await tx
    .update(ideas)
    .set({ status: input.status, statusNote: input.note || null, statusChangedAt: sql`now()`, statusChangedBy: actorId })
    .where(eq(ideas.id, input.ideaId));
  await recordNotificationEvent(tx, { kind: "idea_status", actorId, ideaId: input.ideaId, detail: input.status });
  return { from: current.status, to: input.status };
}
