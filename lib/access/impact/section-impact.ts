import "server-only";
/**
 * B4: what a change to a section's access does, before it is saved — who gains or loses the
 * right to view which sections, and how many published items that opens or closes — measured
 * on the real data: the change is made in a transaction, the access before and after it is
 * compared, and (for a preview) the transaction is rolled back.
 *
 * The changes measured here (members and teams added or removed, Restricted set or lifted, a
 * section moved) change the access of one section's subtree T only (S2, S3, S5, S7 cascade
 * down the tree; sections outside it are unchanged, so they are read live). Within T, what a
 * person can view depends on two things only (./filters.ts: the same grant roots the
 * predicates expand): their grant roots on T's sections or above T (a root above T covers all
 * of it, one inside covers its own subtree), and, for organisational people, which of T's
 * sections are open (S5). So people are taken by class — the same roots before, the same after,
 * the same audience — and each class's sections before and after are compared once: adding a
 * 5 000-member team is one class, not 5 000 × |T| (person, section) pairs. Organisational
 * people with no root on T or above form one more class, which changes only with openness.
 * Webmasters view everything and blocked people nothing, either way: both are left out.
 *
 * An item is opened to a class when one of its places (its home section and the sections it is
 * shared into, C2) is a section the class gains, none of its places in T was visible to the
 * class before, and someone in the class could view it nowhere outside T (read live) and not
 * in its group (G1 G3 G6, unchanged by a section's change). An item in one place only (most)
 * is opened exactly when that section is gained, so those are counted per section.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { intArray } from "@/db/sql";
import { externalSwitchOn } from "../external-access";
import { grantRootIds } from "../filters";
import { type AccessImpact, IMPACT_SAMPLE, sideFromRow } from "./impact";
import { rolledBack } from "./rollback";

const notWebmaster = (p: string) => sql.raw(`not (${p}.audience = 'organisational' and 'webmaster' = any(${p}.roles))`);

/**
 * (person_id, root_id) for every grant root a person holds on a section of T (`ids`) or above
 * its root `rootId`, as the tree is at query time: root_id is the section when it is in T,
 * 0 when it is above T (it covers all of T).
 */
function rootsOnSubtree(ids: SQL, rootId: number): SQL {
  const inScope = (column: SQL) => sql`(${column} = any(${ids}) or ${column} in (select sc_a.ancestor_id from section_closure sc_a where sc_a.descendant_id = ${rootId}))`;
  return sql`(
    select distinct g.person_id, case when g.section_id = any(${ids}) then g.section_id else 0 end as root_id
    from (
      select smp.person_id, smp.section_id from section_member_people smp where ${inScope(sql`smp.section_id`)}
      union all
      select sr.person_id, sr.section_id from section_roles sr where ${inScope(sql`sr.section_id`)}
      union all
      select tm.person_id, smt.section_id
      from section_member_teams smt
      join team_closure tc on tc.ancestor_id = smt.team_id and (tc.depth = 0 or smt.include_children)
      join team_members tm on tm.team_id = tc.descendant_id
      where ${inScope(sql`smt.section_id`)}
    ) g
  )`;
}

/** The person `p` (a people row in the query) can view the section `t` as things are now (S5 S6; S2 S3 S7 read live). */
export function seesNow(t: SQL): SQL {
  return sql`(
    (p.audience = 'organisational' and coalesce((select not s_n.effectively_restricted from sections s_n where s_n.id = ${t}), false))
    or exists (select 1 from section_closure sc_n where sc_n.descendant_id = ${t} and sc_n.ancestor_id in ${grantRootIds(sql`p.id`)})
  )`;
}

/** One moment's access to T: the class's roots column ("rb" before, "ra" after) and the table of T's open sections. */
interface State {
  roots: "rb" | "ra";
  open: SQL;
}

/** A class `k` (an impact_classes row) can view the section `s` of T in `state`. */
function classSees(state: State, s: SQL): SQL {
  const roots = sql.raw(`k.${state.roots}`);
  return sql`(0 = any(${roots})
    or exists (select 1 from section_closure v where v.descendant_id = ${s} and v.ancestor_id = any(${roots}))
    or (not k.ext and ${s} in (select section_id from ${state.open})))`;
}

/**
 * The people of class `k` for whom `condition` (on `p`, a people row) holds: those with roots
 * (its members, an array: probed in turn, without a scan for them) and, for the organisation at large (k.everyone), every
 * organisational person with none.
 */
function someoneInClass(condition: SQL): SQL {
  return sql`(
    exists (select 1 from unnest(k.members) m join people p on p.id = m where ${condition})
    or (k.everyone and exists (
      select 1 from people p where p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
        and not exists (select 1 from impact_sigs s_x where s_x.id = p.id) and ${condition}))
  )`;
}

/**
 * One side of the change: what `to` gives that `from` did not (gives: before → after; removes:
 * after → before), as one row: people, external people, sections, items, the first names.
 */
async function sideOf(tx: Db, side: "gives" | "removes", from: State, ids: SQL): Promise<SideRow> {
  const changes = sql.raw(`impact_${side}`);
  const candidates = sql.raw(`impact_${side}_items`);
  // The item `c` is listed in a section of T: its places in T and outside it.
  const placesOf = sql`(select c.home_section_id as section_id where c.home_section_id is not null
    union all select cs_p.section_id from content_shares cs_p where cs_p.content_id = c.id)`;
  const readsGroup = sql`(c.home_group_id is not null and (
    exists (select 1 from group_members gm_i where gm_i.group_id = c.home_group_id and gm_i.person_id = p.id)
    or (exists (select 1 from groups g_i where g_i.id = c.home_group_id and g_i.visibility = 'public') and (p.audience = 'organisational' or ${externalSwitchOn("groups")}))
  ))`;
  const changedSections = sql`(select distinct section_id from ${changes})`;
  // The published items in a changed section that are listed elsewhere too (C2), with what is
  // known of each before any class is tried: organisational people view every open section
  // and public group (S5, G1), so an item in one outside T is never opened to them; and an item
  // with no place outside T and no group is opened to whoever gains one of its places.
  await scratchTable(
    tx,
    `impact_${side}_items`,
    sql`select c.id, c.home_section_id, c.home_group_id,
        (exists (select 1 from ${placesOf} pl join sections s_o on s_o.id = pl.section_id where not (pl.section_id = any(${ids})) and not s_o.effectively_restricted)
          or exists (select 1 from groups g_o where g_o.id = c.home_group_id and g_o.visibility = 'public')) as seen_by_organisation,
        (c.home_group_id is not null or exists (select 1 from ${placesOf} pl where not (pl.section_id = any(${ids})))) as elsewhere
      from content c
      where c.status = 'published' and c.id in (
        select c_h.id from ${changedSections} cs cross join lateral (
          select c_h.id from content c_h where c_h.home_section_id = cs.section_id and c_h.status = 'published'
            and exists (select 1 from content_shares cs_s where cs_s.content_id = c_h.id)) c_h
        union
        select cs_s.content_id from ${changedSections} cs cross join lateral (
          select cs_s.content_id from content_shares cs_s where cs_s.section_id = cs.section_id and cs_s.status = 'published') cs_s)`,
    [],
  );
  // Opened to a class k gaining one of its places, to which none of its places in T was visible
  // before, when someone in k could view it nowhere outside T and not in its group.
  // (OFFSET 0 keeps the classes gaining one of its places the outer loop: the planner otherwise
  // may try every class's people first, most of them for nothing.)
  const openedTo = (external: boolean) => sql`exists (
    select 1 from (select distinct ch.k from ${placesOf} pl join ${changes} ch on ch.section_id = pl.section_id and ch.ext = ${sql.raw(String(external))} offset 0) g
      join impact_classes k on k.k = g.k
    where not exists (select 1 from ${placesOf} pl where pl.section_id = any(${ids}) and ${classSees(from, sql`pl.section_id`)})
      and (not c.elsewhere or ${someoneInClass(sql`not exists (select 1 from ${placesOf} pl where not (pl.section_id = any(${ids})) and ${seesNow(sql`pl.section_id`)}) and not ${readsGroup}`)})
  )`;
  const opened = sql`(${openedTo(true)} or (not c.seen_by_organisation and ${openedTo(false)}))`;
  const gaining = sql`(select k from ${changes})`;
  const members = sql`(select sp.id, sp.name, sp.ext from impact_sigs sp where sp.k in ${gaining})`;
  const everyoneGains = sql`exists (select 1 from impact_classes k where k.everyone and k.k in ${gaining})`;
  const everyone = sql`(select p.id, p.name, false as ext from people p where ${everyoneGains} and p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
    and not exists (select 1 from impact_sigs s_x where s_x.id = p.id))`;
  // Items in one place only (most) are opened exactly when that section is gained: counted per section.
  const query = sql`
    select ${sql.raw(`'${side}'`)} as side,
      (select count(*)::int from ${members} m) + (select count(*)::int from ${everyone} e) as people,
      (select count(*)::int from ${members} m where m.ext) as external_people,
      (select count(*)::int from ${changedSections} cs) as sections,
      (select coalesce(sum(n.n), 0)::int from ${changedSections} cs cross join lateral (
        select count(*) as n from content c where c.home_section_id = cs.section_id and c.status = 'published' and c.home_group_id is null
          and not exists (select 1 from content_shares cs_s where cs_s.content_id = c.id)) n)
      + (select count(*)::int from ${candidates} c where ${opened}) as items,
      (select coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'audience', case when x.ext then 'external' else 'organisational' end) order by x.name, x.id), '[]'::json)
        from (select * from (select * from ${members} m union all (select * from ${everyone} e order by e.name, e.id limit ${IMPACT_SAMPLE})) u
          order by u.name, u.id limit ${IMPACT_SAMPLE}) x) as sample`;
  const [row] = rowsOf<SideRow>(await tx.execute(query));
  return row!;
}

type SideRow = { side: "gives" | "removes"; people: number; external_people: number; sections: number; items: number; sample: unknown };

/** The section ids of `sectionId`'s subtree (itself included), as they are now. */
async function subtreeOf(tx: Db, sectionId: number): Promise<number[]> {
  const rows = rowsOf<{ id: number | string }>(await tx.execute(sql`select sc.descendant_id as id from section_closure sc where sc.ancestor_id = ${sectionId} order by 1`));
  return rows.map((r) => Number(r.id));
}

/**
 * A temporary table (dropped at the transaction's end) from `query`, with indexes on
 * `indexes` and its statistics gathered: the impact's steps read each other's results by
 * key, which a CTE cannot be indexed for (a lookup into one scans all of it).
 */
async function scratchTable(tx: Db, name: string, query: SQL, indexes: string[]): Promise<void> {
  await tx.execute(sql.raw(`drop table if exists ${name}`));
  await tx.execute(sql`create temporary table ${sql.raw(name)} on commit drop as ${query}`);
  for (const columns of indexes) await tx.execute(sql.raw(`create index on ${name} (${columns})`));
  await tx.execute(sql.raw(`analyze ${name}`));
}

const openSections = (ids: SQL) => sql`select s.id as section_id from sections s where s.id = any(${ids}) and not s.effectively_restricted`;

/** Records the grant roots on T and above it, and T's open sections, before the change. */
async function recordBefore(tx: Db, subtree: number[], rootId: number): Promise<void> {
  const ids = intArray(subtree);
  await scratchTable(tx, "impact_roots_before", sql`select person_id, root_id from ${rootsOnSubtree(ids, rootId)} r`, ["person_id"]);
  await scratchTable(tx, "impact_open_before", openSections(ids), []);
}

/** After the change: who gained and who lost which sections of T, and the items that opened or closed for them. */
async function readImpact(tx: Db, subtree: number[], rootId: number): Promise<AccessImpact> {
  const ids = intArray(subtree);
  const before: State = { roots: "rb", open: sql`impact_open_before` };
  const after: State = { roots: "ra", open: sql`impact_open_after` };
  await scratchTable(tx, "impact_roots_after", sql`select person_id, root_id from ${rootsOnSubtree(ids, rootId)} r`, []);
  await scratchTable(tx, "impact_open_after", openSections(ids), []);
  const [open] = rowsOf<{ changed: boolean }>(
    await tx.execute(sql`select exists (select section_id from impact_open_after except select section_id from impact_open_before)
      or exists (select section_id from impact_open_before except select section_id from impact_open_after) as changed`),
  );
  const openChanged = sql.raw(open!.changed ? "true" : "false");
  // Each person with a root on T or above it, before or after: their roots then and now (their signature).
  await scratchTable(
    tx,
    "impact_sigs",
    sql`select p.id, p.name, p.audience = 'external' as ext, coalesce(b.roots, '{}') as rb, coalesce(a.roots, '{}') as ra, 0::bigint as k
      from (select person_id, array_agg(distinct root_id order by root_id) as roots from impact_roots_before group by person_id) b
      full join (select person_id, array_agg(distinct root_id order by root_id) as roots from impact_roots_after group by person_id) a on a.person_id = b.person_id
      join people p on p.id = coalesce(a.person_id, b.person_id)
      where not p.blocked and ${notWebmaster("p")}`,
    ["id"],
  );
  // The classes whose access may differ: roots that changed, or organisational people when openness
  // changed (with the organisation at large, who hold no root on T or above it, numbered first).
  await scratchTable(
    tx,
    "impact_classes",
    sql`select row_number() over (order by c.everyone desc, c.ext desc, cardinality(c.rb) + cardinality(c.ra), c.rb, c.ra) as k, c.* from (
      select rb, ra, ext, false as everyone, array_agg(id) as members from impact_sigs where rb <> ra or (not ext and ${openChanged}) group by rb, ra, ext
      union all
      select '{}'::int[], '{}'::int[], false, true, '{}'::uuid[] where ${openChanged} and exists (
        select 1 from people p where p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
          and not exists (select 1 from impact_sigs s_x where s_x.id = p.id))
    ) c`,
    ["k"],
  );
  await tx.execute(sql`update impact_sigs sp set k = k_s.k from impact_classes k_s where k_s.rb = sp.rb and k_s.ra = sp.ra and k_s.ext = sp.ext and not k_s.everyone`);
  await tx.execute(sql`create index on impact_sigs (k, id)`);
  await tx.execute(sql`analyze impact_sigs`);
  const t = sql`(select unnest(${ids}) as id)`;
  await scratchTable(tx, "impact_gives", sql`select k.k, k.ext, t.id as section_id from impact_classes k cross join ${t} t where ${classSees(after, sql`t.id`)} and not ${classSees(before, sql`t.id`)}`, [
    "section_id, ext, k",
    "k",
  ]);
  await scratchTable(tx, "impact_removes", sql`select k.k, k.ext, t.id as section_id from impact_classes k cross join ${t} t where ${classSees(before, sql`t.id`)} and not ${classSees(after, sql`t.id`)}`, [
    "section_id, ext, k",
    "k",
  ]);
  const rows = [await sideOf(tx, "gives", before, ids), await sideOf(tx, "removes", after, ids)];
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
  await recordBefore(tx, subtree, sectionId);
  const result = await apply(tx);
  return { result, impact: await readImpact(tx, subtree, sectionId) };
}

/** The impact of the change without making it: measured in a transaction that is then rolled back. */
export async function previewSectionImpact(db: Db, sectionId: number, apply: (tx: Db) => Promise<unknown>): Promise<AccessImpact> {
  return rolledBack(db, async (tx) => (await measureSectionImpact(tx, sectionId, apply)).impact);
}
