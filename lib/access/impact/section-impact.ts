import "server-only";
/**
 * B4: what a change to a section's access does, before it is saved — who gains or loses the
 * right to view which sections, and how many published items that opens or closes — measured
 * on the real data: the change is made in a transaction, the access before and after it is
 * compared, and (for a preview) the transaction is rolled back.
 *
 * The changes measured here (members and teams added or removed, Restricted set or lifted, a
 * section moved) change the access of one section and the sections below it only (S2, S3, S5,
 * S7 cascade down the tree), so "before" and "after" are read for that subtree alone: the
 * people who can view each of its sections (members by the same grant roots the predicates
 * expand, ./filters.ts#grantRootIds; organisational people where it is open, S5; webmasters
 * everywhere, S4, who never gain or lose anything). Blocked people are left out: they see
 * nothing either way. An item is opened to someone when it is listed in a section they gain
 * (homed or shared there, C2) and they could view it nowhere before: not in another section
 * (one outside the subtree, unchanged, read live; one inside it, read from "before") and not
 * in its group (G1 G3 G6, unchanged by a section's change).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { intArray } from "@/db/sql";
import { externalSwitchOn } from "../external-access";
import { grantRootIds } from "../filters";
import { type AccessImpact, IMPACT_SAMPLE, sideFromRow } from "./impact";
import { rolledBack } from "./rollback";

const isWebmaster = (p: string) => sql.raw(`(${p}.audience = 'organisational' and 'webmaster' = any(${p}.roles))`);

/** (person, section) for every non-blocked person who is a member of a section in `ids` (S2 S3 S7, cascaded). */
function memberPairs(ids: SQL): SQL {
  return sql`(
    select distinct g.person_id, sc_m.descendant_id as section_id
    from (
      select smp.person_id, smp.section_id from section_member_people smp
        where smp.section_id in (select sc_a.ancestor_id from section_closure sc_a where sc_a.descendant_id = any(${ids}))
      union
      select sr.person_id, sr.section_id from section_roles sr
        where sr.section_id in (select sc_a.ancestor_id from section_closure sc_a where sc_a.descendant_id = any(${ids}))
      union
      select tm.person_id, smt.section_id
      from section_member_teams smt
      join team_closure tc on tc.ancestor_id = smt.team_id and (tc.depth = 0 or smt.include_children)
      join team_members tm on tm.team_id = tc.descendant_id
      where smt.section_id in (select sc_a.ancestor_id from section_closure sc_a where sc_a.descendant_id = any(${ids}))
    ) g
    join section_closure sc_m on sc_m.ancestor_id = g.section_id and sc_m.descendant_id = any(${ids})
    join people p_m on p_m.id = g.person_id and not p_m.blocked
  )`;
}

/** The person `p` (a people row in the query) can view the section `t` as things are now (S5 S6; S2 S3 S7 read live). */
export function seesNow(t: SQL): SQL {
  return sql`(
    (p.audience = 'organisational' and coalesce((select not s_n.effectively_restricted from sections s_n where s_n.id = ${t}), false))
    or exists (select 1 from section_closure sc_n where sc_n.descendant_id = ${t} and sc_n.ancestor_id in ${grantRootIds(sql`p.id`)})
  )`;
}

/** Who can view a subtree's sections at one moment: member pairs (person_id, section_id) and open sections (section_id). */
interface Access {
  members: SQL;
  open: SQL;
}

/**
 * (person, section) pairs of people who can view the section in `to` and could not in `from`:
 * a membership they lacked (and the section was not open to them), or a section newly open to
 * every organisational person who was not a member. Webmasters view everything either way.
 */
function pairsOnlyIn(to: Access, from: Access): SQL {
  return sql`
    select m.person_id, m.section_id from ${to.members} m join people p on p.id = m.person_id
    where not ${isWebmaster("p")}
      and not exists (select 1 from ${from.members} f where f.person_id = m.person_id and f.section_id = m.section_id)
      and not (p.audience = 'organisational' and m.section_id in (select section_id from ${from.open}))
    union
    select p.id, o.section_id from ${to.open} o join people p on p.audience = 'organisational' and not p.blocked
    where o.section_id not in (select section_id from ${from.open}) and not ${isWebmaster("p")}
      and not exists (select 1 from ${from.members} f where f.person_id = p.id and f.section_id = o.section_id)`;
}

/**
 * How many published items the people of `pairs` reach through those sections and can view
 * nowhere else (`elsewhere`: a section, by the state on the other side of the change; their
 * group, which a section's change leaves as it is).
 */
function itemsReachedThrough(pairs: SQL, places: SQL, elsewhere: (section: SQL) => SQL, readsGroup: SQL): SQL {
  return sql`
    select count(distinct c.id)::int as n from content c
    where c.status = 'published' and exists (
      select 1 from ${places} pl join ${pairs} g on g.section_id = pl.section_id join people p on p.id = g.person_id
      where not exists (select 1 from ${places} pe where ${elsewhere(sql`pe.section_id`)}) and not ${readsGroup}
    )`;
}

/** One side's figures and first names, as one row of readImpact's answer. */
function sideRow(side: "gives" | "removes", pairs: SQL, items: SQL): SQL {
  return sql`
    select ${sql.raw(`'${side}'`)} as side,
      (select count(distinct person_id)::int from ${pairs}) as people,
      (select count(distinct x.person_id)::int from ${pairs} x join people p on p.id = x.person_id where p.audience = 'external') as external_people,
      (select count(distinct section_id)::int from ${pairs}) as sections,
      (select n from ${items}) as items,
      (select coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'audience', x.audience) order by x.name, x.id), '[]'::json) from (
        select p.id, p.name, p.audience from people p where p.id in (select person_id from ${pairs}) order by p.name, p.id limit ${IMPACT_SAMPLE}) x) as sample`;
}

/** The section ids of `sectionId`'s subtree (itself included), as they are now. */
async function subtreeOf(tx: Db, sectionId: number): Promise<number[]> {
  const rows = rowsOf<{ id: number | string }>(await tx.execute(sql`select sc.descendant_id as id from section_closure sc where sc.ancestor_id = ${sectionId} order by 1`));
  return rows.map((r) => Number(r.id));
}

/** Records who can view each section of the subtree now, in two temporary tables (dropped at the transaction's end). */
async function recordBefore(tx: Db, subtree: number[]): Promise<void> {
  const ids = intArray(subtree);
  await tx.execute(sql`drop table if exists impact_members_before`);
  await tx.execute(sql`drop table if exists impact_open_before`);
  await tx.execute(sql`create temporary table impact_members_before on commit drop as select person_id, section_id from ${memberPairs(ids)} mp`);
  await tx.execute(sql`create temporary table impact_open_before on commit drop as select s.id as section_id from sections s where s.id = any(${ids}) and not s.effectively_restricted`);
}

/**
 * After the change: who gained and who lost which sections of the subtree, and the items that
 * opened or closed for them, compared with recordBefore's tables.
 */
async function readImpact(tx: Db, subtree: number[]): Promise<AccessImpact> {
  const ids = intArray(subtree);
  // "Could view it before", for a person `p` and a section id `t` anywhere: inside the subtree
  // from the recorded tables; outside it (unchanged by the change) live.
  const sawBefore = (t: SQL) => sql`(case when ${t} = any(${ids}) then (
      exists (select 1 from impact_members_before b_s where b_s.person_id = p.id and b_s.section_id = ${t})
      or (p.audience = 'organisational' and ${t} in (select section_id from impact_open_before))
    ) else ${seesNow(t)} end)`;
  const readsGroup = sql`(c.home_group_id is not null and (
    exists (select 1 from group_members gm_i where gm_i.group_id = c.home_group_id and gm_i.person_id = p.id)
    or (exists (select 1 from groups g_i where g_i.id = c.home_group_id and g_i.visibility = 'public') and (p.audience = 'organisational' or ${externalSwitchOn("groups")}))
  ))`;
  // An item's places: its home section and the sections it is shared into (C2).
  const places = sql`(select c.home_section_id as section_id where c.home_section_id is not null
    union all select cs_p.section_id from content_shares cs_p where cs_p.content_id = c.id)`;

  // Who can view which sections of the subtree: now (materialised by the query) and before (recordBefore's tables).
  const now: Access = { members: sql`members_after`, open: sql`open_after` };
  const before: Access = { members: sql`impact_members_before`, open: sql`impact_open_before` };
  const rows = rowsOf<{ side: "gives" | "removes"; people: number; external_people: number; sections: number; items: number; sample: unknown }>(
    await tx.execute(sql`
      with members_after as materialized (select person_id, section_id from ${memberPairs(ids)} mp),
      open_after as materialized (select s.id as section_id from sections s where s.id = any(${ids}) and not s.effectively_restricted),
      gained as materialized (${pairsOnlyIn(now, before)}),
      lost as materialized (${pairsOnlyIn(before, now)}),
      gained_items as (${itemsReachedThrough(sql`gained`, places, sawBefore, readsGroup)}),
      lost_items as (${itemsReachedThrough(sql`lost`, places, seesNow, readsGroup)})
      ${sideRow("gives", sql`gained`, sql`gained_items`)}
      union all
      ${sideRow("removes", sql`lost`, sql`lost_items`)}
    `),
  );
  const side = (name: "gives" | "removes") => sideFromRow(rows.find((r) => r.side === name)!);
  return { gives: side("gives"), removes: side("removes"), apps: [] };
}

/**
 * Makes the change (`apply`) in `tx` and measures what it does to the access of `sectionId`'s
 * subtree. For the save: the change stays made, with its impact, for the caller to compare
 * with the preview that was confirmed.
 */
export async function measureSectionImpact<T>(tx: Db, sectionId: number, apply: (tx: Db) => Promise<T>): Promise<{ result: T; impact: AccessImpact }> {
  const subtree = await subtreeOf(tx, sectionId);
  await recordBefore(tx, subtree);
  const result = await apply(tx);
  return { result, impact: await readImpact(tx, subtree) };
}

/** The impact of the change without making it: measured in a transaction that is then rolled back. */
export async function previewSectionImpact(db: Db, sectionId: number, apply: (tx: Db) => Promise<unknown>): Promise<AccessImpact> {
  return rolledBack(db, async (tx) => (await measureSectionImpact(tx, sectionId, apply)).impact);
}
