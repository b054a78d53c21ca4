import "server-only";
/**
 * The read side of the Queries app (G4 G8 P5 E5): the listing, one query's page, the teams a
 * query may be sent to, and a team's "Accepts queries" setting. Every read takes the viewer
 * and ANDs in lib/access/queries-app.ts's predicates in the same SQL query: nothing of a
 * query reaches someone who may not use the app (the pages answer 404 to them before this,
 * and these answer nothing on their own too).
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { isUuid } from "@/db/sql";
import { cursorCodec } from "@/lib/access/cursor";
import { mayUseAppSql } from "@/lib/access/external-access";
import { isManagedTeamId } from "@/lib/access/teams";
import { answeredTeamIds, mayAcceptQuery, mayAnswerQuery, readableQueries } from "@/lib/access/queries-app";
import type { AccessSubject } from "@/lib/access/types";
import { type Lookup, NOT_FOUND, ok } from "@/lib/lookup";
import type { QueryListParams, QueryStatus } from "./schemas";

export const QUERY_PAGE_SIZE = 20;
/** A query page shows at most this many answers (the accepted one always among them). */
export const ANSWER_LIMIT = 200;
/** The ask form offers at most this many teams. */
const TEAM_CHOICE_LIMIT = 500;

export interface QueryRow {
  id: string;
  title: string;
  status: QueryStatus;
  teamName: string;
  askerName: string;
  createdAt: string;
  answerCount: number;
}

export interface QueryListPage {
  items: QueryRow[];
  next: string | null;
}

/** Newest first: the next page starts after the last row's (created_at, id). */
const listCursor = cursorCodec({ at: "timestamp", id: "uuid" });

function scopeCondition(viewer: AccessSubject, scope: QueryListParams["scope"]): SQL {
  switch (scope) {
    case "mine":
      return sql`q.asker_id = ${viewer.id}`;
    case "queue":
      return sql`q.team_id in ${answeredTeamIds(viewer)}`;
    default:
      return sql`true`;
  }
}

/** listQueries' statement (a page and one more row), unexecuted, so benchmarks can EXPLAIN it. Its order is queries_newest_idx's, NULLS LAST included, so the index is walked, not every query sorted. */
export function queryListStatement(viewer: AccessSubject, params: QueryListParams, limit = QUERY_PAGE_SIZE): SQL {
  const after = listCursor.decode(params.before);
  return sql`
      select q.id, q.title, q.status::text as status, t.name as "teamName", p.name as "askerName",
        q.created_at::text as "createdAt",
        (select count(*)::int from query_answers qa where qa.query_id = q.id) as "answerCount"
      from queries q
      join teams t on t.id = q.team_id
      join people p on p.id = q.asker_id
      where ${readableQueries(viewer)}
        and ${params.status === "all" ? sql`true` : sql`q.status = ${params.status}::query_status`}
        and ${scopeCondition(viewer, params.scope)}
        ${after ? sql`and (q.created_at, q.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
      order by q.created_at desc nulls last, q.id desc nulls last
      limit ${limit + 1}`;
}

/**
 * /queries: every query the viewer may read (all of them, while they may use the app),
 * filtered by status and by whose (asked by me; my teams' queue: sent to a team I am a
 * member of, or to a team above one of mine, P5), newest first, a keyset page at a time.
 */
export async function listQueries(viewer: AccessSubject, params: QueryListParams, limit = QUERY_PAGE_SIZE, given?: Db): Promise<QueryListPage> {
  const db = given ?? (await getDb());
  const rows = rowsOf<QueryRow>(await db.execute(queryListStatement(viewer, params, limit)));
  const items = rows.slice(0, limit).map((r) => ({ ...r, answerCount: Number(r.answerCount) }));
  const last = rows.length > limit ? items[items.length - 1]! : null;
  return { items, next: last ? listCursor.encode({ at: last.createdAt, id: last.id }) : null };
}

export interface AnswerView {
  id: string;
  authorName: string;
  body: string;
  createdAt: string;
  /** The last edit (PostgreSQL's text of it: the edit form's version), or null. */
  editedAt: string | null;
  accepted: boolean;
  mine: boolean;
}

export interface QueryView {
  id: string;
  title: string;
  body: string;
  status: QueryStatus;
  teamName: string;
  teamKey: string;
  askerName: string;
  askedByMe: boolean;
  createdAt: string;
  resolvedAt: string | null;
  /** The accepted answer first, then the rest oldest first; at most ANSWER_LIMIT. */
  answers: AnswerView[];
  answerCount: number;
  /** G8 P5: the viewer answers it (the team's and its child teams' members, moderators); the action decides again. */
  mayAnswer: boolean;
  /** G8: the viewer accepts an answer (the asker, moderators). */
  mayAccept: boolean;
}

/** One query's page (G8): not-found for an unknown id and, alike, for anyone who may not use Queries. */
export async function getQueryPage(viewer: AccessSubject, id: string, given?: Db): Promise<Lookup<QueryView>> {
  if (!isUuid(id)) return NOT_FOUND;
  const db = given ?? (await getDb());
  const [row] = rowsOf<Omit<QueryView, "answers" | "answerCount"> & { answers: AnswerView[] | string | null; answerCount: number }>(
    await db.execute(sql`
      select q.id, q.title, q.body, q.status::text as status, t.name as "teamName", t.key as "teamKey",
        p.name as "askerName", (q.asker_id = ${viewer.id}) as "askedByMe",
        q.created_at::text as "createdAt", q.resolved_at::text as "resolvedAt",
        (${mayAnswerQuery(viewer, sql`q.team_id`)}) as "mayAnswer",
        (${mayAcceptQuery(viewer, sql`q.asker_id`)}) as "mayAccept",
        (select count(*)::int from query_answers qa_n where qa_n.query_id = q.id) as "answerCount",
        (select coalesce(json_agg(json_build_object(
            'id', a.id, 'authorName', a.author_name, 'body', a.body, 'createdAt', a.created_at::text,
            'editedAt', a.edited_at::text, 'accepted', a.accepted, 'mine', a.mine)
            order by a.accepted desc, a.created_at, a.id), '[]'::json)
          from (select qa.id, ap.name as author_name, qa.body, qa.created_at, qa.edited_at,
              coalesce(qa.id = q.accepted_answer_id, false) as accepted, (qa.author_id = ${viewer.id}) as mine
            from query_answers qa join people ap on ap.id = qa.author_id
            where qa.query_id = q.id
            order by coalesce(qa.id = q.accepted_answer_id, false) desc, qa.created_at, qa.id
            limit ${ANSWER_LIMIT}) a) as answers
      from queries q
      join teams t on t.id = q.team_id
      join people p on p.id = q.asker_id
      where q.id = ${id}::uuid and ${readableQueries(viewer)}
      limit 1`),
  );
  if (!row) return NOT_FOUND;
  const answers = (typeof row.answers === "string" ? (JSON.parse(row.answers) as AnswerView[]) : (row.answers ?? [])).map((a) => ({
    ...a,
    accepted: a.accepted === true,
    mine: a.mine === true,
  }));
  return ok({ ...row, answers, answerCount: Number(row.answerCount), askedByMe: row.askedByMe === true, mayAnswer: row.mayAnswer === true, mayAccept: row.mayAccept === true });
}

export interface TeamChoice {
  id: number;
  name: string;
  /** The team above it, to tell two teams of one name apart. */
  parentName: string | null;
}

/** The teams a query may be sent to now (those whose admins turned "Accepts queries" on), in name order; none for someone who may not use Queries. */
export async function teamsAcceptingQueries(viewer: AccessSubject, given?: Db): Promise<TeamChoice[]> {
  const db = given ?? (await getDb());
  return rowsOf<TeamChoice>(
    await db.execute(sql`
      select t.id, t.name, parent.name as "parentName"
      from teams t left join teams parent on parent.id = t.parent_id
      where t.accepts_queries and ${mayUseAppSql(viewer, "queries")}
      order by lower(t.name), t.name, t.id
      limit ${TEAM_CHOICE_LIMIT}`),
  );
}

export interface TeamQueriesSetting {
  teamId: number;
  acceptsQueries: boolean;
  /** P5: the viewer manages the team (its admins, admins above it, webmasters): the switch is theirs. */
  canManage: boolean;
}

/**
 * The team page's Queries block: whether the team accepts queries and whether the viewer
 * may switch it; null when the viewer may not use Queries (the app is absent for them).
 */
export async function getTeamQueriesSetting(viewer: AccessSubject, teamId: number, given?: Db): Promise<TeamQueriesSetting | null> {
  const db = given ?? (await getDb());
  const [row] = rowsOf<{ id: number; accepts: boolean; manages: boolean }>(
    await db.execute(sql`
      select t.id, t.accepts_queries as accepts, (${isManagedTeamId(viewer, sql`t.id`)}) as manages
      from teams t where t.id = ${teamId} and ${mayUseAppSql(viewer, "queries")} limit 1`),
  );
  return row ? { teamId: row.id, acceptsQueries: row.accepts === true, canManage: row.manages === true } : null;
}
