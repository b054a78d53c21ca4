import "server-only";
/**
 * B4: what a change to who reads groups' content does, before it is saved: a group's
 * visibility (G1: public content is read by the organisation, and by external people while
 * the Groups switch is on; private and secret content by members only), and the Groups switch
 * itself (E5, G3: external people read public groups' content only while it is on).
 *
 * Both change one thing for a set of groups and a set of people: each of those people who is
 * not a member of one of those groups gains (or loses) reading it. Members read their groups
 * either way, webmasters read every group (S4), blocked people read nothing. So the impact is
 * counted straight from the data as it is before the change — no before-and-after tables,
 * which for the switch would be every external person times every public group. An item
 * opens (or closes) for someone when it is published in such a group and they cannot view it
 * through a section it is shared into (C2; sections are unchanged, read live).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { getAppAccessSettings } from "@/lib/settings/queries";
import { EXTERNAL_APPS, EXTERNAL_APP_LABELS, type ExternalAccess, isSwitchableApp } from "@/lib/settings/schemas";
import { type AccessImpact, type AppChange, IMPACT_SAMPLE, noSide, sideFromRow } from "./impact";
import { externalSwitchOn } from "../external-access";
import { seesNow } from "./section-impact";

/** G1 (the groups table's own values). */
type GroupVisibility = "public" | "private" | "secret";

const notWebmaster = sql`not (p.audience = 'organisational' and 'webmaster' = any(p.roles))`;

/**
 * The side of the change for the groups `gs` (a condition on `g`, a groups row) and the people
 * `ps` (a condition on `p`, a people row) who are to gain or lose reading them.
 */
async function readersOfGroups(tx: Db, gs: SQL, ps: SQL) {
  const notMember = (group: SQL, person: SQL) => sql`not exists (select 1 from group_members gm where gm.group_id = ${group} and gm.person_id = ${person})`;
  const [row] = rowsOf<{ people: number; external_people: number; groups: number; items: number; sample: unknown }>(
    await tx.execute(sql`
      with gs as materialized (select g.id from groups g where ${gs}),
      ps as materialized (select p.id, p.name, p.audience, p.roles from people p where not p.blocked and ${notWebmaster} and ${ps}),
      reach as materialized (select ps.id, ps.name, ps.audience from ps where exists (select 1 from gs where ${notMember(sql`gs.id`, sql`ps.id`)}))
      select
        (select count(*)::int from reach) as people,
        (select count(*)::int from reach where audience = 'external') as external_people,
        (select count(*)::int from gs where exists (select 1 from ps where ${notMember(sql`gs.id`, sql`ps.id`)})) as groups,
        (select count(*)::int from content c where c.status = 'published' and c.home_group_id in (select id from gs) and exists (
          select 1 from ps p where ${notMember(sql`c.home_group_id`, sql`p.id`)}
            and not exists (select 1 from content_shares cs where cs.content_id = c.id and ${seesNow(sql`cs.section_id`)})
        )) as items,
        (select coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'audience', x.audience) order by x.name, x.id), '[]'::json)
          from (select id, name, audience from reach order by name, id limit ${IMPACT_SAMPLE}) x) as sample
    `),
  );
  return sideFromRow(row!);
}

const isPublic = (v: GroupVisibility) => v === "public";

/**
 * G1: what setting the group's visibility to `to` does. Only crossing public changes who reads
 * its content (private and secret differ in who finds it, which the form says in words). Locks
 * the group's row, so the save's measure and its change see the same visibility.
 */
export async function measureGroupVisibilityImpact(tx: Db, groupId: number, to: GroupVisibility): Promise<AccessImpact> {
  const [group] = rowsOf<{ visibility: GroupVisibility }>(await tx.execute(sql`select visibility from groups where id = ${groupId} for update`));
  const impact: AccessImpact = { gives: noSide(), removes: noSide(), apps: [] };
  if (!group || isPublic(group.visibility) === isPublic(to)) return impact;
  // Who reads a public group without being in it: the organisation, and external people while the Groups switch is on (G3).
  const readers = sql`(p.audience = 'organisational' or ${externalSwitchOn("groups")})`;
  impact[isPublic(to) ? "gives" : "removes"] = await readersOfGroups(tx, sql`g.id = ${groupId}`, readers);
  return impact;
}

/**
 * E5: what saving the external access switches as `next` does: with the Groups switch turned
 * on or off, the public groups' content external people gain or lose (G3); with any other, the
 * app or directory every external person gains or loses (none while the app is off for everyone).
 */
export async function measureExternalAccessImpact(tx: Db, next: ExternalAccess): Promise<AccessImpact> {
  const { externalAccess: now, appsEnabled } = await getAppAccessSettings(tx);
  const impact: AccessImpact = { gives: noSide(), removes: noSide(), apps: [] };
  if (now.groups !== next.groups) {
    impact[next.groups ? "gives" : "removes"] = await readersOfGroups(tx, sql`g.visibility = 'public'`, sql`p.audience = 'external'`);
  }
  const switched = EXTERNAL_APPS.filter((app) => app !== "groups" && now[app] !== next[app] && !(isSwitchableApp(app) && appsEnabled[app] === false));
  if (switched.length) {
    const [row] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from people where audience = 'external' and not blocked`));
    impact.apps = switched.map(
      (app): AppChange => ({ app, label: EXTERNAL_APP_LABELS[app].label, change: next[app] ? "gives" : "removes", people: Number(row!.n) }),
    );
  }
  return impact;
}
