/**
 * The Queries app's inputs (G4 G8 E5), shared by the forms (react-hook-form) and the server
 * actions that parse whatever the browser sent again, and the listing's address parameters.
 * Client-safe: no server-only imports.
 */
import { z } from "zod";
import { dbId, plainText } from "@/lib/validation/text";

/** The columns' checks agree (db/schema/org-queries.ts). */
export const QUERY_TITLE_MAX = 200;
export const QUERY_BODY_MAX = 10_000;
export const ANSWER_MAX = 10_000;

const reload = (what: string) => `This ${what} could not be found. Reload the page, then try again.`;
const formId = z.uuid("This form is out of date. Reload the page, then send it again.");
const queryId = z.uuid(reload("query"));
const answerId = z.uuid(reload("answer"));

export const queryTitle = plainText(QUERY_TITLE_MAX, {
  required: "Enter a title for your query",
  invalid: "Enter a title for your query",
  tooLong: `Use ${QUERY_TITLE_MAX} characters or fewer for the title`,
});
export const queryBody = plainText(QUERY_BODY_MAX, {
  required: "Write your question",
  invalid: "Write your question",
  multiline: true,
  tooLong: `Your question can be at most ${QUERY_BODY_MAX.toLocaleString("en-GB")} characters. Shorten it, or add the rest as a comment once it is asked.`,
});
export const answerBody = plainText(ANSWER_MAX, {
  required: "Write your answer first",
  invalid: "Write your answer first",
  multiline: true,
  tooLong: `An answer can be at most ${ANSWER_MAX.toLocaleString("en-GB")} characters. Shorten it.`,
});

export const CHOOSE_TEAM_MESSAGE = "Choose the team your query goes to";

/**
 * G4 G8: ask a query. `id` is made by the form once per query it sends, so a second submit
 * of the same form (a double click, a retry) asks nothing more.
 */
export const askQueryInput = z.object({
  id: formId,
  teamId: z.coerce.number<unknown>({ error: CHOOSE_TEAM_MESSAGE }).pipe(dbId(CHOOSE_TEAM_MESSAGE)),
  title: queryTitle,
  body: queryBody,
});
export type AskQueryForm = z.input<typeof askQueryInput>;

/** G8: answer a query; `id` as for asking (one answer per form sent). */
export const answerQueryInput = z.object({ id: formId, queryId, body: answerBody });

/**
 * G8: edit one's own answer. `version` is the answer's last edit as the form read it ("" for
 * never edited): an answer changed since (another tab) is not overwritten.
 */
export const editAnswerInput = z.object({ answerId, queryId, body: answerBody, version: z.string().max(64) });

/** G8: accept an answer, which resolves the query. */
export const acceptAnswerInput = z.object({ queryId, answerId });

/** Teams accept queries: the team's admins (and webmasters) switch it (P5). */
export const teamAcceptsQueriesInput = z.object({
  teamId: dbId("This team could not be found. Reload the page, then try again."),
  accepts: z.boolean({ error: "Choose whether the team accepts queries" }),
});

// ── The listing's address parameters ──

export const QUERY_STATUSES = ["open", "answered", "resolved"] as const;
export type QueryStatus = (typeof QUERY_STATUSES)[number];
export const STATUS_LABELS: Record<QueryStatus, string> = { open: "Open", answered: "Answered", resolved: "Resolved" };

export const QUERY_STATUS_FILTERS = ["all", ...QUERY_STATUSES] as const;
export type QueryStatusFilter = (typeof QUERY_STATUS_FILTERS)[number];
export const STATUS_FILTER_LABELS: Record<QueryStatusFilter, string> = { all: "Any status", ...STATUS_LABELS };

/** Whose queries: every one, "Asked by me", or "My teams' queue" (sent to a team of mine or a team above it, P5). */
export const QUERY_SCOPES = ["all", "mine", "queue"] as const;
export type QueryScope = (typeof QUERY_SCOPES)[number];
export const SCOPE_LABELS: Record<QueryScope, string> = { all: "All queries", mine: "Asked by me", queue: "My teams' queue" };

export interface QueryListParams {
  status: QueryStatusFilter;
  scope: QueryScope;
  before: string | null;
}

const one = (value: string | string[] | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/** The listing's parameters from a query string: anything unknown reads as its default. */
export function queryListParams(raw: Record<string, string | string[] | undefined>): QueryListParams {
  const status = QUERY_STATUS_FILTERS.find((s) => s === one(raw.status)) ?? "all";
  const scope = QUERY_SCOPES.find((s) => s === one(raw.scope)) ?? "all";
  const before = one(raw.before);
  return { status, scope, before: before && before.length <= 600 ? before : null };
}
