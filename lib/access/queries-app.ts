import "server-only";
/**
 * The Queries app (G4 G8 P5 E4 E5), as SQL predicates on a `queries` row:
 *   - reading: a query is a question to the organisation, readable by everyone who may use
 *     the app (mayUseAppSql: staff, externals with the Queries switch; nobody while the app is
 *     turned off);
 *   - answering ("queryAnswerers"): members of the team it was sent to and of that team's
 *     child teams, at any depth (P5, through team_closure, as S2 reads "with children"), and
 *     the app's moderators (webmasters and the people they name);
 *   - accepting an answer ("queryAcceptors"): its asker, and the app's moderators.
 * Each also needs the app, so an external person whose switch was turned off does nothing.
 * Whether the query is still open is the mutation's (a clear message, not a refusal).
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { isUuid } from "@/db/sql";
import { appModeratorSql } from "./app-moderators";
import { mayUseAppSql } from "./external-access";
import type { AccessSubject } from "./types";

export type QueryDecision = "queryAnswerers" | "queryAcceptors";
export const QUERY_DECISIONS: readonly QueryDecision[] = ["queryAnswerers", "queryAcceptors"];
export function isQueryDecision(decision: string): decision is QueryDecision {
  return (QUERY_DECISIONS as readonly string[]).includes(decision);
}

/** SQL: the viewer may read queries (every one of them: they are questions to the organisation). */
export function readableQueries(viewer: AccessSubject): SQL {
  return mayUseAppSql(viewer, "queries");
}

/** The teams whose queries the viewer answers as a member: their own teams and every team above them (P5). */
export function answeredTeamIds(viewer: AccessSubject): SQL {
  return sql`(select tc_q.ancestor_id from team_members tm_q join team_closure tc_q on tc_q.descendant_id = tm_q.team_id where tm_q.person_id = ${viewer.id})`;
}

/** SQL on a query's team column: the viewer is a member of that team or of one of its child teams. */
export function inAnsweringTeam(viewer: AccessSubject, teamId: AnyPgColumn | SQL): SQL {
  return sql`${teamId} in ${answeredTeamIds(viewer)}`;
}

/** SQL on a `queries` row (its team in `teamId`): the viewer may answer it. */
export function mayAnswerQuery(viewer: AccessSubject, teamId: AnyPgColumn | SQL): SQL {
  return sql`(${readableQueries(viewer)} and (${inAnsweringTeam(viewer, teamId)} or ${appModeratorSql(viewer, "queries")}))`;
}

/** SQL on a `queries` row (its asker in `askerId`): the viewer may accept one of its answers. */
export function mayAcceptQuery(viewer: AccessSubject, askerId: AnyPgColumn | SQL): SQL {
  return sql`(${readableQueries(viewer)} and (${askerId} = ${viewer.id} or ${appModeratorSql(viewer, "queries")}))`;
}

/** `can`'s answer for a query entry (lib/access/policies.ts dispatches here). */
export async function canOnQuery(viewer: AccessSubject, decision: QueryDecision, queryId: string, db: Db): Promise<boolean> {
  if (typeof queryId !== "string" || !isUuid(queryId)) return false;
  const allowed = decision === "queryAnswerers" ? mayAnswerQuery(viewer, sql`q.team_id`) : mayAcceptQuery(viewer, sql`q.asker_id`);
  const [row] = rowsOf<{ ok: boolean }>(await db.execute(sql`select (${allowed}) as ok from queries q where q.id = ${queryId}::uuid limit 1`));
  return row?.ok === true;
}
