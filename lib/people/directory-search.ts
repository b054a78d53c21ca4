import "server-only";
/**
 * P6: the people directory's one search box — "name, job title, team, location, department
 * or organisation contains the text", case-insensitive, wildcards literal — kept fast at any
 * number of matches by choosing how to find them:
 *
 *   - first, the matching people's ids are read along each part's own index (the trigram
 *     indexes on people's name, job title and organisation and on teams' names, team_members
 *     by team, people by location), stopping at BROAD_SEARCH_MATCHES rows;
 *   - a narrow search (fewer than that: a surname, a rare title) is then cut from those ids,
 *     read by primary key and sorted: a few hundred rows at most;
 *   - a broad one (a word a quarter of the organisation has in its job title) walks the
 *     directory's name order (people_name_id_idx) instead, testing each person as it goes,
 *     and stops at the end of the page: a page of matches is found within the first few
 *     hundred people, where sorting every match would cost tens of milliseconds.
 *
 * Either way the page is the same: who may be viewed is the caller's predicate, ANDed in.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { people } from "@/db/schema";
import { escapeLike } from "./search";

/** A search matching at least this many (person, part) rows walks the name order instead of sorting its matches. */
export const BROAD_SEARCH_MATCHES = 500;

export type SearchPlan = { kind: "ids"; ids: string[] } | { kind: "walk"; text: string };

const pattern = (text: string) => `%${escapeLike(text)}%`;

/** The ids the text matches, part by part along each part's index (a person may come more than once), at most `cap`. */
export function searchMatchesStatement(text: string, cap = BROAD_SEARCH_MATCHES): SQL {
  const like = pattern(text);
  return sql`select m.id from (
      select p_s.id from people p_s
        where p_s.name ilike ${like} escape '\\' or p_s.job_title ilike ${like} escape '\\' or p_s.organisation ilike ${like} escape '\\'
      union all
      select tm_s.person_id from teams t_s join team_members tm_s on tm_s.team_id = t_s.id where t_s.name ilike ${like} escape '\\'
      union all
      select p_l.id from people p_l where p_l.location_id in (select l_s.id from locations l_s where l_s.name ilike ${like} escape '\\')
    ) m limit ${cap}`;
}

/** Reads the first matches, and decides: a narrow search's ids, or a walk. One query. */
export async function planSearch(db: Db, text: string, broadAt = BROAD_SEARCH_MATCHES): Promise<SearchPlan> {
  const rows = rowsOf<{ id: string }>(await db.execute(searchMatchesStatement(text, broadAt)));
  if (rows.length >= broadAt) return { kind: "walk", text };
  return { kind: "ids", ids: [...new Set(rows.map((r) => r.id))] };
}

/**
 * SQL on `people`: the row matches the plan. A walk tests each person it passes: their own
 * fields, then their teams and location, one index lookup each (scalar subqueries with a
 * limit, so the planner does not first collect every member of every matching team).
 */
export function matchesPlan(plan: SearchPlan): SQL {
  if (plan.kind === "ids") {
    if (!plan.ids.length) return sql`false`;
    return sql`${people.id} = any(${`{${plan.ids.join(",")}}`}::uuid[])`;
  }
  const like = pattern(plan.text);
  return sql`(${people.name} ilike ${like} escape '\\' or ${people.jobTitle} ilike ${like} escape '\\' or ${people.organisation} ilike ${like} escape '\\'
    or (select true from team_members tm_w join teams t_w on t_w.id = tm_w.team_id where tm_w.person_id = ${people.id} and t_w.name ilike ${like} escape '\\' limit 1)
    or (select true from locations l_w where l_w.id = ${people.locationId} and l_w.name ilike ${like} escape '\\'))`;
}
