import "server-only";
/**
 * The write side of the Queries app (G8 P5 K5). Each runs in the transaction of a server
 * action that has checked its permission already (./actions.ts); each change that tells
 * people records its notification event in that same transaction (ids only).
 *
 * A query's row is locked (`for update`) by every change to it or its answers: answering,
 * editing an answer and accepting one wait for each other, so an answer sent from a stale
 * tab while another tab accepts either lands before the acceptance or is refused with the
 * "resolved" message, never written after it.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { orgQueries, queryAnswers, teams } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import { formatDateTime } from "@/lib/content/time";
import type { AccessSubject } from "@/lib/access/types";
import { recordNotificationEvent } from "@/lib/notifications/events";

export const TEAM_NOT_ACCEPTING_MESSAGE = "This team does not accept queries (any more). Choose another team.";
export const QUERY_GONE_MESSAGE = "This query could not be found: it may have been deleted. Reload the page.";
export const ANSWER_GONE_MESSAGE = "This answer could not be found: it may have been deleted. Reload the page.";
export const STALE_ANSWER_MESSAGE = "This answer was changed in another window or tab since you opened it. Copy your text, reload the page, then edit it again.";

/** G8: said whenever a resolved query is asked to change; nothing is written. */
export function resolvedMessage(resolvedAt: Date | string | null, what: "answer" | "edit" | "accept"): string {
  const when = resolvedAt ? ` on ${formatDateTime(new Date(resolvedAt))}` : "";
  const then =
    what === "answer"
      ? "so it takes no more answers. Your answer was not posted; you can still add a comment."
      : what === "edit"
        ? "so its answers can no longer be changed. Your change was not saved."
        : "and its accepted answer stays as it is.";
  return `This query was resolved${when}, ${then}`;
}

interface LockedQuery {
  id: string;
  askerId: string;
  teamId: number;
  status: "open" | "answered" | "resolved";
  resolvedAt: Date | null;
}

/** The query, its row locked until the transaction ends. */
async function lockQuery(tx: Db, queryId: string): Promise<LockedQuery> {
  const [row] = await tx
    .select({ id: orgQueries.id, askerId: orgQueries.askerId, teamId: orgQueries.teamId, status: orgQueries.status, resolvedAt: orgQueries.resolvedAt })
    .from(orgQueries)
    .where(eq(orgQueries.id, queryId))
    .for("update")
    .limit(1);
  if (!row) throw new ActionError(QUERY_GONE_MESSAGE);
  return row;
}

export interface AskInput {
  id: string;
  teamId: number;
  title: string;
  body: string;
}

/**
 * G4 G8: asks a query of a team that accepts queries (its row shared-locked, so its admins'
 * switching it off waits or goes first). The same form sent twice asks once.
 */
export async function askQuery(tx: Db, viewer: AccessSubject, input: AskInput): Promise<{ id: string; created: boolean }> {
  const [team] = await tx.select({ id: teams.id, accepts: teams.acceptsQueries }).from(teams).where(eq(teams.id, input.teamId)).for("share").limit(1);
  const [existing] = await tx.select({ askerId: orgQueries.askerId }).from(orgQueries).where(eq(orgQueries.id, input.id)).limit(1);
  if (existing) {
    if (existing.askerId !== viewer.id) throw new ActionError("This form is out of date. Reload the page, then send it again.");
    return { id: input.id, created: false };
  }
  if (!team?.accepts) throw new ActionError(TEAM_NOT_ACCEPTING_MESSAGE, "teamId");
  await tx.insert(orgQueries).values({ id: input.id, askerId: viewer.id, teamId: team.id, title: input.title, body: input.body });
  await recordNotificationEvent(tx, { kind: "query_new", actorId: viewer.id, queryId: input.id });
  return { id: input.id, created: true };
}

/** G8: answers a query that is not resolved; an open one becomes answered. The same form sent twice answers once. */
export async function answerQuery(tx: Db, viewer: AccessSubject, input: { id: string; queryId: string; body: string }): Promise<{ id: string; created: boolean }> {
  const query = await lockQuery(tx, input.queryId);
  const [existing] = await tx.select({ authorId: queryAnswers.authorId, queryId: queryAnswers.queryId }).from(queryAnswers).where(eq(queryAnswers.id, input.id)).limit(1);
  if (existing) {
    if (existing.authorId !== viewer.id || existing.queryId !== query.id) throw new ActionError("This form is out of date. Reload the page, then send it again.");
    return { id: input.id, created: false };
  }
  if (query.status === "resolved") throw new ActionError(resolvedMessage(query.resolvedAt, "answer"));
  await tx.insert(queryAnswers).values({ id: input.id, queryId: query.id, authorId: viewer.id, body: input.body });
  await tx
    .update(orgQueries)
    .set({ status: query.status === "open" ? "answered" : query.status, updatedAt: sql`now()` })
    .where(eq(orgQueries.id, query.id));
  await recordNotificationEvent(tx, { kind: "query_answer", actorId: viewer.id, queryId: query.id });
  return { id: input.id, created: true };
}

/**
 * G8 K2: its author edits an answer while the query is not resolved. `version` is the edit
 * the form was opened on ("" for never edited): a newer one is not overwritten.
 */
export async function editAnswer(tx: Db, viewer: AccessSubject, input: { answerId: string; queryId: string; body: string; version: string }): Promise<{ changed: boolean }> {
  const query = await lockQuery(tx, input.queryId);
  const [answer] = rowsOf<{ author_id: string; body: string; version: string }>(
    await tx.execute(sql`select author_id, body, coalesce(edited_at::text, '') as version from query_answers where id = ${input.answerId}::uuid and query_id = ${query.id}::uuid`),
  );
  if (!answer) throw new ActionError(ANSWER_GONE_MESSAGE);
  if (answer.author_id !== viewer.id) throw new ActionError("Only the answer's author can change it.");
  if (query.status === "resolved") throw new ActionError(resolvedMessage(query.resolvedAt, "edit"));
  if (answer.version !== input.version) throw new ActionError(STALE_ANSWER_MESSAGE);
  if (answer.body === input.body) return { changed: false };
  await tx.update(queryAnswers).set({ body: input.body, editedAt: sql`now()` }).where(and(eq(queryAnswers.id, input.answerId), eq(queryAnswers.queryId, query.id)));
  return { changed: true };
}

/** G8: accepts one of the query's answers; the query is then resolved, for good. */
export async function acceptAnswer(tx: Db, viewer: AccessSubject, input: { queryId: string; answerId: string }): Promise<{ onBehalf: boolean }> {
  const query = await lockQuery(tx, input.queryId);
  if (query.status === "resolved") throw new ActionError(resolvedMessage(query.resolvedAt, "accept"));
  const [answer] = await tx
    .select({ id: queryAnswers.id })
    .from(queryAnswers)
    .where(and(eq(queryAnswers.id, input.answerId), eq(queryAnswers.queryId, query.id)))
    .limit(1);
  if (!answer) throw new ActionError(ANSWER_GONE_MESSAGE);
  await tx
    .update(orgQueries)
    .set({ status: "resolved", acceptedAnswerId: answer.id, resolvedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(orgQueries.id, query.id));
  await recordNotificationEvent(tx, { kind: "query_resolved", actorId: viewer.id, queryId: query.id });
  return { onBehalf: query.askerId !== viewer.id };
}

/** Teams accept queries (or stop): the team's admins switch it. Queries already sent stay. */
export async function setTeamAcceptsQueries(tx: Db, input: { teamId: number; accepts: boolean }): Promise<{ key: string; changed: boolean }> {
  const [team] = await tx.select({ key: teams.key, accepts: teams.acceptsQueries }).from(teams).where(eq(teams.id, input.teamId)).for("update").limit(1);
  if (!team) throw new ActionError("This team could not be found. Reload the page, then try again.");
  if (team.accepts === input.accepts) return { key: team.key, changed: false };
  await tx.update(teams).set({ acceptsQueries: input.accepts }).where(eq(teams.id, input.teamId));
  return { key: team.key, changed: true };
}
