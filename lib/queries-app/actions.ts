"use server";
/**
 * The Queries app's server actions (G4 G8 P5 E4 E5). Each is a defineAction: the viewer
 * re-read, the input parsed, the catalogue entries decided inside the transaction (an
 * external person whose Queries switch was turned off is refused at once), the change
 * audited (M8). Titles and bodies are not copied into the audit log: their lengths are.
 */
import { revalidatePath } from "next/cache";
import { externalMayUse } from "@/lib/access/external-access";
import { can } from "@/lib/access/policies";
import { defineAction } from "@/lib/actions";
import { acceptAnswer, answerQuery, askQuery, editAnswer, setTeamAcceptsQueries } from "./mutations";
import { acceptAnswerInput, answerQueryInput, askQueryInput, editAnswerInput, teamAcceptsQueriesInput } from "./schemas";

const target = (id: string) => ({ type: "query", id });

function refresh(queryId?: string) {
  revalidatePath("/queries");
  if (queryId) revalidatePath(`/queries/${queryId}`);
}

/** G4 E4 E5: ask a query of a team that accepts them (the team is checked in the transaction). */
export const askQueryAction = defineAction({
  name: "query.ask",
  input: askQueryInput,
  authorize: "queries.use",
  run: async ({ viewer, input, tx }) => {
    const result = await askQuery(tx, viewer, input);
    refresh();
    return result;
  },
  audit: (input, result) => ({ target: target(result.id), details: { teamId: input.teamId, titleLength: input.title.length, bodyLength: input.body.length, created: result.created } }),
});

/** G8 P5: the members of the query's team and its child teams, and the app's moderators, answer it. */
export const answerQueryAction = defineAction({
  name: "query.answer",
  input: answerQueryInput,
  authorize: { policies: ["query.answer"], check: ({ viewer, input, tx }) => can(viewer, "query.answer", { kind: "query", id: input.queryId }, tx) },
  run: async ({ viewer, input, tx }) => {
    const result = await answerQuery(tx, viewer, input);
    refresh(input.queryId);
    return result;
  },
  audit: (input, result) => ({ target: target(input.queryId), details: { answerId: result.id, bodyLength: input.body.length, created: result.created } }),
});

/** G8 K2: an answer's author edits it while the query is not resolved (the author is checked with the row). */
export const editAnswerAction = defineAction({
  name: "query.answer.edit",
  input: editAnswerInput,
  authorize: { policies: ["queries.use"], check: ({ viewer, tx }) => externalMayUse(viewer, "queries", tx) },
  run: async ({ viewer, input, tx }) => {
    const result = await editAnswer(tx, viewer, input);
    refresh(input.queryId);
    return result;
  },
  audit: (input, result) => ({ target: target(input.queryId), details: { answerId: input.answerId, bodyLength: input.body.length, changed: result.changed } }),
});

/** G8: the asker, or a moderator for them, accepts one answer; the query is then resolved. */
export const acceptAnswerAction = defineAction({
  name: "query.accept",
  input: acceptAnswerInput,
  authorize: { policies: ["query.accept"], check: ({ viewer, input, tx }) => can(viewer, "query.accept", { kind: "query", id: input.queryId }, tx) },
  run: async ({ viewer, input, tx }) => {
    const result = await acceptAnswer(tx, viewer, input);
    refresh(input.queryId);
    return result;
  },
  audit: (input, result) => ({ target: target(input.queryId), details: { answerId: input.answerId, onBehalfOfAsker: result.onBehalf } }),
});

/** P5: a team's admins (admins above it, webmasters) let the team receive queries, or stop it; only while they may use Queries. */
export const setTeamAcceptsQueriesAction = defineAction({
  name: "team.queries.set",
  input: teamAcceptsQueriesInput,
  authorize: {
    policies: ["team.manage", "queries.use"],
    check: async ({ viewer, input, tx }) => (await externalMayUse(viewer, "queries", tx)) && (await can(viewer, "team.manage", { kind: "team", id: input.teamId }, tx)),
  },
  run: async ({ input, tx }) => {
    const result = await setTeamAcceptsQueries(tx, input);
    revalidatePath(`/teams/${result.key}`);
    revalidatePath("/queries/new");
    return { accepts: input.accepts, changed: result.changed };
  },
  audit: (input, result) => ({ target: { type: "team", id: input.teamId }, details: { acceptsQueries: input.accepts, changed: result.changed } }),
});
