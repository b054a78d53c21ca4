import "server-only";
/**
 * E4, E5: the one rule for whom a caller may find in a picker — any control that offers
 * people or teams by what is typed (a section's "+ Add member" and "+ Add team", a team
 * page's "Add members", the review that counts a team's people). A picker answers names
 * and e-mail addresses, so it is a window on the people directory and the Teams
 * directory, and E4/E5 decide who may look through it:
 *
 *   - organisational people and webmasters search the whole directory and every team;
 *   - external people find a person only by typing that person's exact e-mail address,
 *     unless the webmaster's Users switch (E5) opens the directory to them; and find
 *     only the teams they may view (isVisibleTeamId: every team with the Teams switch on,
 *     otherwise just the teams they administer, P5).
 *
 * Managing something (a section role, S7; a team's administrators, P5) lets a person use
 * the picker at all — the caller's action checks that first — but never widens what it
 * finds. Every picker, existing or later (mentions, invitations, …), MUST go through
 * `pickPeople` / `pickableTeam` here rather than call lib/people/search.ts or query
 * `teams` itself, so the rule is decided in one place. E6 (mentions reach only people who
 * may view the item) narrows this further for mentions; it never widens it.
 */
import type { SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { type PersonMatch, searchPeople } from "@/lib/people/search";
import { externalMayUse } from "./external-access";
import { isVisibleTeamId } from "./teams";
import type { AccessSubject } from "./types";

/**
 * May the viewer search people by free text (E4, E5)? Staff: yes. External people: only
 * with the Users switch; otherwise their pickers match an exact e-mail address only.
 */
export function mayBrowsePeople(viewer: AccessSubject, db?: Db): Promise<boolean> {
  return externalMayUse(viewer, "users", db);
}

/**
 * People a picker offers for `query`, under the rule above: the directory for those who
 * may browse it, else only the person whose e-mail is exactly `query`. Blocked people are
 * never offered (lib/people/search.ts). The caller has checked that the viewer may use
 * this picker at all. `where` narrows the answer further (E6: only people who can view
 * the item a mention is for); it can never widen it.
 */
export async function pickPeople(
  viewer: AccessSubject,
  query: string,
  options: { db?: Db; limit?: number; excludeIds?: string[]; notInTeamId?: number; where?: SQL } = {},
): Promise<PersonMatch[]> {
  const browse = await mayBrowsePeople(viewer, options.db);
  return searchPeople(query, { ...options, limit: options.limit ?? 10, exactEmailOnly: !browse });
}

/**
 * SQL: the team whose id is in `column` may be offered to the viewer by a team picker, or
 * counted for them (E4, E5, P5). The same as the teams they may view: AND it into every
 * team picker's query, and check it before answering anything about a chosen team.
 */
export function pickableTeam(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL {
  return isVisibleTeamId(viewer, column);
}
