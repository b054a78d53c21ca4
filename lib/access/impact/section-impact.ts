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

/** A class `k` (a classes row) can view the section `s` of T in `state`. */
function classSees(state: State, s: SQL): SQL {
  const roots = sql.raw(`k.${state.roots}`);
  return sql`(0 = any(${roots})
    or exists (select 1 from section_closure v where v.descendant_id = ${s} and v.ancestor_id = any(${roots}))
    or (not k.ext and ${s} in (select section_id from ${state.open})))`;
}

/**
 * The people of class `k` for whom `condition` (on `p`, a people row) holds: those with roots
 * (the `sigs` rows of its signature) and, for the organisation at large (k.everyone), every
 * organisational person with none.
 */
function someoneInClass(condition: SQL): SQL {
  return sql`(
    exists (select 1 from sigs sp join people p on p.id = sp.id where sp.rb = k.rb and sp.ra = k.ra and sp.ext = k.ext and ${condition})
    or (k.everyone and exists (
      select 1 from people p where p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
        and not exists (select 1 from sigs s_x where s_x.id = p.id) and ${condition}))
  )`;
}

/**
 * One side of the change: what `to` gives that `from` did not (gives: before → after; removes:
 * after → before), as one row: people, external people, sections, items, the first names.
 */
function sideRow(side: "gives" | "removes", from: State, to: State, ids: SQL): SQL {
  const changes = sql.raw(`${side}_sections`);
  // The item `c` is listed in a section of T: its places in T and outside it.
  const placesOf = sql`(select c.home_section_id as section_id where c.home_section_id is not null
    union all select cs_p.section_id from content_shares cs_p where cs_p.content_id = c.id)`;
  const readsGroup = sql`(c.home_group_id is not null and (
    exists (select 1 from group_members gm_i where gm_i.group_id = c.home_group_id and gm_i.person_id = p.id)
    or (exists (select 1 from groups g_i where g_i.id = c.home_group_id and g_i.visibility = 'public') and (p.audience = 'organisational' or ${externalSwitchOn("groups")}))
  ))`;
  const openedToClass = sql`exists (
    select 1 from classes k
    where exists (select 1 from ${placesOf} pl join ${changes} ch on ch.section_id = pl.section_id and ch.k = k.k)
      and not exists (select 1 from ${placesOf} pl where pl.section_id = any(${ids}) and ${classSees(from, sql`pl.section_id`)})
      -- The organisation at large views every open section and public group: an item in one is never opened to it (a shortcut, not a rule).
      and not (k.everyone and (exists (select 1 from ${placesOf} pl join sections s_o on s_o.id = pl.section_id where not (pl.section_id = any(${ids})) and not s_o.effectively_restricted)
        or exists (select 1 from groups g_o where g_o.id = c.home_group_id and g_o.visibility = 'public')))
      and ${someoneInClass(sql`not exists (select 1 from ${placesOf} pl where not (pl.section_id = any(${ids})) and ${seesNow(sql`pl.section_id`)}) and not ${readsGroup}`)}
  )`;
  const changedSections = sql`(select distinct section_id from ${changes})`;
  const gaining = sql`(select k from ${changes})`;
  const members = sql`(select sp.id, sp.name, sp.ext from sigs sp join classes k on sp.rb = k.rb and sp.ra = k.ra and sp.ext = k.ext where k.k in ${gaining})`;
  const everyoneGains = sql`exists (select 1 from classes k where k.everyone and k.k in ${gaining})`;
  const everyone = sql`(select p.id, p.name, false as ext from people p where ${everyoneGains} and p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
    and not exists (select 1 from sigs s_x where s_x.id = p.id))`;
  return sql`
    select ${sql.raw(`'${side}'`)} as side,
      (select count(*)::int from ${members} m) + (select count(*)::int from ${everyone} e) as people,
      (select count(*)::int from ${members} m where m.ext) as external_people,
      (select count(*)::int from ${changedSections} cs) as sections,
      (select count(*)::int from ${changedSections} cs join content c on c.home_section_id = cs.section_id
        where c.status = 'published' and c.home_group_id is null and not exists (select 1 from content_shares cs_s where cs_s.content_id = c.id))
      + (select count(*)::int from content c where c.status = 'published'
          and c.id in (
            select c_h.id from ${changedSections} cs join content c_h on c_h.home_section_id = cs.section_id
              where exists (select 1 from content_shares cs_s where cs_s.content_id = c_h.id)
            union
            select cs_s.content_id from ${changedSections} cs join content_shares cs_s on cs_s.section_id = cs.section_id)
          and ${openedToClass}) as items,
      (select coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'audience', case when x.ext then 'external' else 'organisational' end) order by x.name, x.id), '[]'::json)
        from (select * from (select * from ${members} m union all (select * from ${everyone} e order by e.name, e.id limit ${IMPACT_SAMPLE})) u
          order by u.name, u.id limit ${IMPACT_SAMPLE}) x) as sample`;
}

/** The section ids of `sectionId`'s subtree (itself included), as they are now. */
async function subtreeOf(tx: Db, sectionId: number): Promise<number[]> {
  const rows = rowsOf<{ id: number | string }>(await tx.execute(sql`select sc.descendant_id as id from section_closure sc where sc.ancestor_id = ${sectionId} order by 1`));
  return rows.map((r) => Number(r.id));
}

/** Records the grant roots on T and above it, and T's open sections, in two temporary tables (dropped at the transaction's end). */
async function recordBefore(tx: Db, subtree: number[], rootId: number): Promise<void> {
  const ids = intArray(subtree);
  await tx.execute(sql`drop table if exists impact_roots_before`);
  await tx.execute(sql`drop table if exists impact_open_before`);
  await tx.execute(sql`create temporary table impact_roots_before on commit drop as select person_id, root_id from ${rootsOnSubtree(ids, rootId)} r`);
  await tx.execute(sql`create index on impact_roots_before (person_id)`);
  await tx.execute(sql`analyze impact_roots_before`);
  await tx.execute(sql`create temporary table impact_open_before on commit drop as select s.id as section_id from sections s where s.id = any(${ids}) and not s.effectively_restricted`);
}

/** After the change: who gained and who lost which sections of T, and the items that opened or closed for them. */
async function readImpact(tx: Db, subtree: number[], rootId: number): Promise<AccessImpact> {
  const ids = intArray(subtree);
  const before: State = { roots: "rb", open: sql`impact_open_before` };
  const after: State = { roots: "ra", open: sql`open_after` };
  const rows = rowsOf<{ side: "gives" | "removes"; people: number; external_people: number; sections: number; items: number; sample: unknown }>(
    await tx.execute(sql`
      with roots_after as materialized (select person_id, root_id from ${rootsOnSubtree(ids, rootId)} r),
      open_after as materialized (select s.id as section_id from sections s where s.id = any(${ids}) and not s.effectively_restricted),
      open_changed as materialized (select exists (select section_id from open_after except select section_id from impact_open_before)
        or exists (select section_id from impact_open_before except select section_id from open_after) as changed),
      -- Each person with a root on T or above it, before or after: their roots then and now (their signature).
      sigs as materialized (
        select p.id, p.name, p.audience = 'external' as ext,
          coalesce((select array_agg(distinct b.root_id order by b.root_id) from impact_roots_before b where b.person_id = p.id), '{}') as rb,
          coalesce((select array_agg(distinct a.root_id order by a.root_id) from roots_after a where a.person_id = p.id), '{}') as ra
        from people p
        where p.id in (select person_id from impact_roots_before union select person_id from roots_after) and not p.blocked and ${notWebmaster("p")}
      ),
      -- The classes whose access may differ: roots that changed, or organisational people when openness changed
      -- (with the organisation at large, who hold no root on T or above it).
      classes as materialized (
        select row_number() over () as k, c.* from (
          select distinct rb, ra, ext, false as everyone from sigs where rb <> ra or (not ext and (select changed from open_changed))
          union all
          select '{}'::int[], '{}'::int[], false, true where (select changed from open_changed) and exists (
            select 1 from people p where p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
              and not exists (select 1 from sigs s_x where s_x.id = p.id))
        ) c
      ),
      t as (select unnest(${ids}) as id),
      gives_sections as materialized (select k.k, t.id as section_id from classes k cross join t where ${classSees(after, sql`t.id`)} and not ${classSees(before, sql`t.id`)}),
      removes_sections as materialized (select k.k, t.id as section_id from classes k cross join t where ${classSees(before, sql`t.id`)} and not ${classSees(after, sql`t.id`)})
      ${sideRow("gives", before, after, ids)}
      union all
      ${sideRow("removes", after, before, ids)}
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
  await recordBefore(tx, subtree, sectionId);
  const result = await apply(tx);
  return { result, impact: await readImpact(tx, subtree, sectionId) };
}

/** The impact of the change without making it: measured in a transaction that is then rolled back. */
export async function previewSectionImpact(db: Db, sectionId: number, apply: (tx: Db) => Promise<unknown>): Promise<AccessImpact> {
  return rolledBack(db, async (tx) => (await measureSectionImpact(tx, sectionId, apply)).impact);
}
