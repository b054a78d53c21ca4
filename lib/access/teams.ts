import "server-only";
/**
 * Who may see and manage teams (P5, E4, E5), as SQL predicates and checks.
 *
 * Viewing: webmasters and organisational people view every team. External people view
 * the Teams directory only when the webmaster's "External user access → Teams" switch is
 * on (settings 'externalAccess' → {teams: true}, E5); without it, an external person who
 * administers teams still opens those teams (and the teams below them), nothing else.
 *
 * Managing (`team.manage`): a team is managed by its administrators AND by the
 * administrators of every team above it (through team_closure), and by webmasters.
 * Reason: P5 lets a team's administrators create child teams; a child team starts with
 * no administrators of its own, and its creator must be able to manage it without
 * joining it (joining would give them the child's section access). This matches the
 * way S2 reads the team tree ("with children"). An administrator of a child team does
 * not manage its parent or its siblings.
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { externalSwitchOn } from "./external-access";
import type { AccessSubject } from "./types";

const externalTeamsSwitchOn = externalSwitchOn("teams");

/** The teams the viewer administers, or administers an ancestor of (a subquery of ids). */
export function administeredTeamIds(viewer: AccessSubject): SQL {
  return sql`(
    select tc_adm.descendant_id from team_members tm_adm
    join team_closure tc_adm on tc_adm.ancestor_id = tm_adm.team_id
    where tm_adm.person_id = ${viewer.id} and tm_adm.is_admin
  )`;
}

/** True when the team whose id is in `column` may be shown to the viewer (E4, E5, P5). */
export function isVisibleTeamId(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL {
  if (viewer.isWebmaster || viewer.audience === "organisational") return sql`${column} is not null`;
  return sql`(${externalTeamsSwitchOn} or ${column} in ${administeredTeamIds(viewer)})`;
}

/** True when the viewer may manage (members, admins, name, child teams) the team in `column`. */
export function isManagedTeamId(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL {
  if (viewer.isWebmaster) return sql`${column} is not null`;
  return sql`${column} in ${administeredTeamIds(viewer)}`;
}

async function truth(db: Db, predicate: SQL): Promise<boolean> {
  const rows = rowsOf<{ ok: boolean }>(await db.execute(sql`select (${predicate}) as ok`));
  return rows[0]?.ok === true;
}

/**
 * May the viewer open the Teams directory at all (the "Teams" link, /teams)? Webmasters
 * and organisational people: yes. External people: with the Teams switch (E5), or when
 * they administer at least one team (P5).
 */
export async function canViewTeams(viewer: AccessSubject, db?: Db): Promise<boolean> {
  if (viewer.isWebmaster || viewer.audience === "organisational") return true;
  return truth(db ?? (await getDb()), externalMayViewTeams(viewer.id));
}

/**
 * canViewTeams' rule for an external person, as SQL on their id: loadViewer reads it
 * with the account, so the header's Teams link costs no query of its own.
 */
export function externalMayViewTeams(personId: string | SQL | AnyPgColumn): SQL {
  return sql`(${externalTeamsSwitchOn} or exists (select 1 from team_members tm where tm.person_id = ${personId} and tm.is_admin))`;
}
