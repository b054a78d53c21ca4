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
 * it (`above`, T's root's ancestors at that moment: a move changes them): root_id is the
 * section when it is in T, 0 when it is above T (it covers all of T).
 */
function rootsOnSubtree(ids: SQL, above: SQL): SQL {
  // One array of sections, so that the planner sees how few grants it reads (an OR of two
  // conditions was estimated at every team's members, and read them all).
  const inScope = (column: SQL) => sql`${column} = any(${ids} || ${above})`;
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

/** A person as the checks below read them: their id, whether they are organisational, and their grant roots. */
interface Someone {
  id: SQL;
  organisational: SQL;
  /** The section `root` is one of their grant roots. */
  holdsRoot: (root: SQL) => SQL;
}

/** `p`, a people row in the query: their grant roots read live. */
const personP: Someone = {
  id: sql`p.id`,
  organisational: sql`(p.audience = 'organisational')`,
  holdsRoot: (root) => sql`${root} in ${grantRootIds(sql`p.id`)}`,
};

/** Class `k`'s probe: its first member, whose grant roots were read once for all the items tried (impact_classes). */
const probeOfK: Someone = {
  id: sql`k.probe`,
  organisational: sql`k.probe_organisational`,
  holdsRoot: (root) => sql`${root} = any(k.probe_roots)`,
};

/** The person `who` (by default `p`, a people row in the query) can view the section `t` as things are now (S5 S6; S2 S3 S7 read live). */
export function seesNow(t: SQL, who: Someone = personP): SQL {
  return sql`(
    (${who.organisational} and coalesce((select not s_n.effectively_restricted from sections s_n where s_n.id = ${t}), false))
    or exists (select 1 from section_closure sc_n where sc_n.descendant_id = ${t} and ${who.holdsRoot(sql`sc_n.ancestor_id`)})
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
 * (k, section_id): the sections of T (`ids`) each class can view through its roots in `state`,
 * as a set — a root above T gives all of it, a root in T its subtree (as classSees, for every
 * class at once).
 */
function classesReach(state: State, ids: SQL): SQL {
  const roots = sql.raw(`k.${state.roots}`);
  return sql`select k.k, t.id as section_id from impact_classes k cross join unnest(${ids}) t(id) where 0 = any(${roots})
    union select k.k, v.descendant_id from impact_classes k cross join unnest(${roots}) r(id) join section_closure v on v.ancestor_id = r.id where r.id <> 0`;
}

/**
 * (k, ext, section_id): the sections of T each class can view in `to` and could not in `from`.
 * A class views its roots' sections and, if organisational, the open ones; a section open at
 * both moments is in neither difference, so only the sections whose openness changed are
 * paired with every organisational class (lifting Restricted on a subtree opens each of its
 * sections to hundreds of classes; the rest of the subtree was compared for nothing).
 */
function classesGain(to: State, from: State, ids: SQL): SQL {
  return sql`select k.k, k.ext, v.section_id from (
      (${classesReach(to, ids)}
        union select k.k, o.section_id from impact_classes k cross join (select section_id from ${to.open} except select section_id from ${from.open}) o where not k.ext)
      except (${classesReach(from, ids)})
    ) v join impact_classes k on k.k = v.k
    where k.ext or v.section_id not in (select section_id from ${from.open})`;
}

/**
 * The people of class `k` for whom `condition` holds: its probe first (its first member, read
 * once: most items are decided by it), then those with roots (its members, an array: probed in
 * turn, without a scan for them) and, for the organisation at large (k.everyone), every
 * organisational person with none.
 */
function someoneInClass(condition: (who: Someone) => SQL): SQL {
  return sql`(
    (k.probe is not null and ${condition(probeOfK)})
    or exists (select 1 from unnest(k.members[2:]) m join people p on p.id = m where ${condition(personP)})
    or (k.everyone and exists (
      select 1 from people p where p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
        and not exists (select 1 from impact_sigs s_x where s_x.id = p.id) and ${condition(personP)}))
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
  const readsGroup = (who: Someone) => sql`(c.home_group_id is not null and (
    exists (select 1 from group_members gm_i where gm_i.group_id = c.home_group_id and gm_i.person_id = ${who.id})
    or (exists (select 1 from groups g_i where g_i.id = c.home_group_id and g_i.visibility = 'public') and (${who.organisational} or ${externalSwitchOn("groups")}))
  ))`;
  // The sections and classes this side changes, read once (each was a scan of the changes in every subquery).
  const [changed] = rowsOf<{ sections: number[] | null; classes: number[] | null }>(
    await tx.execute(sql`select array_agg(distinct section_id) as sections, array_agg(distinct k) as classes from ${changes}`),
  );
  const sectionIds = intArray((changed!.sections ?? []).map(Number));
  const changedSections = sql`(select unnest(${sectionIds}) as section_id)`;
  const gaining = intArray((changed!.classes ?? []).map(Number));
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
        -- homed in a changed section and shared: the shares hashed against the section's items
        -- (asking each item whether it is shared read the share index tens of thousands of times)
        select cs_s.content_id from content_shares cs_s join content c_h on c_h.id = cs_s.content_id
          where c_h.home_section_id = any(${sectionIds}) and c_h.status = 'published'
        union
        select cs_s.content_id from ${changedSections} cs cross join lateral (
          select cs_s.content_id from content_shares cs_s where cs_s.section_id = cs.section_id and cs_s.status = 'published') cs_s)`,
    [],
  );
  // Opened to a class k gaining one of its places, to which none of its places in T was visible
  // before, when someone in k could view it nowhere outside T and not in its group.
  // (OFFSET 0 keeps the classes gaining one of its places the outer loop, tried in turn until
  // one is opened to: the planner otherwise may try every class's people first, most of them
  // for nothing. Not distinct: a class gaining two of its places is seldom tried twice, and
  // collecting them first cost more than the tries.)
  const openedTo = (external: boolean) => sql`exists (
    select 1 from (select ch.k from ${placesOf} pl join ${changes} ch on ch.section_id = pl.section_id and ch.ext = ${sql.raw(String(external))} offset 0) g
      join impact_classes k on k.k = g.k
    where not exists (select 1 from ${placesOf} pl where pl.section_id = any(${ids}) and ${classSees(from, sql`pl.section_id`)})
      and (not c.elsewhere or ${someoneInClass((who) => sql`not exists (select 1 from ${placesOf} pl where not (pl.section_id = any(${ids})) and ${seesNow(sql`pl.section_id`, who)}) and not ${readsGroup(who)}`)})
  )`;
  const opened = sql`(${openedTo(true)} or (not c.seen_by_organisation and ${openedTo(false)}))`;
  const members = sql`(select sp.id, sp.name, sp.ext from impact_sigs sp where sp.k = any(${gaining}))`;
  const everyoneGains = sql`exists (select 1 from impact_classes k where k.everyone and k.k = any(${gaining}))`;
  const everyone = sql`(select p.id, p.name, false as ext from people p where ${everyoneGains} and p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
    and not exists (select 1 from impact_sigs s_x where s_x.id = p.id))`;
  // Items in one place only (most) are opened exactly when that section is gained: counted per
  // section along its published-items index (every item has one home, section or group), less
  // those homed there that are listed elsewhere too (all of which are candidates).
  const query = sql`
    select ${sql.raw(`'${side}'`)} as side,
      (select count(*)::int from ${members} m) + (select count(*)::int from ${everyone} e) as people,
      (select count(*)::int from ${members} m where m.ext) as external_people,
      cardinality(${sectionIds}) as sections,
      (select coalesce(sum(n.n), 0)::int from ${changedSections} cs cross join lateral (
        select count(*) as n from content c where c.home_section_id = cs.section_id and c.status = 'published') n)
      - (select count(*)::int from ${candidates} c where c.home_section_id = any(${sectionIds}))
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

/** The ancestors of `sectionId` (not itself), as they are now. */
async function aboveOf(tx: Db, sectionId: number): Promise<SQL> {
  const rows = rowsOf<{ id: number | string }>(
    await tx.execute(sql`select sc.ancestor_id as id from section_closure sc where sc.descendant_id = ${sectionId} and sc.ancestor_id <> ${sectionId}`),
  );
  return intArray(rows.map((r) => Number(r.id)));
}

/**
 * A temporary table (dropped at the transaction's end) from `query`, with indexes on
 * `indexes` and the statistics of the columns its readers filter on (`analyze`; none when
 * it is only ever read whole): the impact's steps read each other's results by key, which a
 * CTE cannot be indexed for (a lookup into one scans all of it).
 */
async function scratchTable(tx: Db, name: string, query: SQL, indexes: string[], analyze: string[] = []): Promise<void> {
  await tx.execute(sql.raw(`drop table if exists ${name}`));
  await tx.execute(sql`create temporary table ${sql.raw(name)} on commit drop as ${query}`);
  for (const columns of indexes) await tx.execute(sql.raw(`create index on ${name} (${columns})`));
  if (analyze.length > 0) await tx.execute(sql.raw(`analyze ${name} (${analyze.join(", ")})`));
}

const openSections = (ids: SQL) => sql`select s.id as section_id from sections s where s.id = any(${ids}) and not s.effectively_restricted`;

/** Each person's grant roots on T and above it, as a sorted array (their half of a class's signature). */
const rootsByPerson = (ids: SQL, above: SQL) =>
  sql`select r.person_id, array_agg(distinct r.root_id order by r.root_id) as roots from ${rootsOnSubtree(ids, above)} r group by r.person_id`;

/** Records the grant roots on T and above it, and T's open sections, before the change. */
async function recordBefore(tx: Db, subtree: number[], rootId: number): Promise<void> {
  const ids = intArray(subtree);
  await scratchTable(tx, "impact_roots_before", rootsByPerson(ids, await aboveOf(tx, rootId)), []);
  await scratchTable(tx, "impact_open_before", openSections(ids), []);
}

/** After the change: who gained and who lost which sections of T, and the items that opened or closed for them. */
async function readImpact(tx: Db, subtree: number[], rootId: number): Promise<AccessImpact> {
  const ids = intArray(subtree);
  const before: State = { roots: "rb", open: sql`impact_open_before` };
  const after: State = { roots: "ra", open: sql`impact_open_after` };
  await scratchTable(tx, "impact_open_after", openSections(ids), []);
  const [open] = rowsOf<{ changed: boolean }>(
    await tx.execute(sql`select exists (select section_id from impact_open_after except select section_id from impact_open_before)
      or exists (select section_id from impact_open_before except select section_id from impact_open_after) as changed`),
  );
  const openChanged = sql.raw(open!.changed ? "true" : "false");
  // Each person with a root on T or above it, before or after: their roots then and now (their
  // signature), and k, the class whose access may differ (roots that changed, or organisational
  // people when openness changed; 0: none).
  await scratchTable(
    tx,
    "impact_sigs",
    sql`with sig as (
        select r.id, p.name, p.audience = 'external' as ext, r.rb, r.ra
        from (
          select coalesce(a.person_id, b.person_id) as id, coalesce(b.roots, '{}') as rb, coalesce(a.roots, '{}') as ra
          from impact_roots_before b
          full join (${rootsByPerson(ids, await aboveOf(tx, rootId))}) a on a.person_id = b.person_id
        ) r
        -- each person read by key (OFFSET 0): joined, all 100 000 people were read and hashed
        cross join lateral (select p.name, p.audience, p.roles from people p where p.id = r.id and not p.blocked offset 0) p
        -- unless openness changed (when everyone with a root is told apart from the organisation
        -- at large), only the people whose roots changed are of any class
        where (${openChanged} or r.rb <> r.ra) and ${notWebmaster("p")}
      )
      -- numbered in one sort, the classes whose access may differ first (fewest roots first:
      -- the classes gaining a section are tried in this order, and most items are decided by
      -- the first); the others then take 0
      select sig.id, sig.name, sig.ext, sig.rb, sig.ra,
        case when sig.changed then dense_rank() over (order by sig.changed desc, sig.ext desc, cardinality(sig.rb) + cardinality(sig.ra), sig.rb, sig.ra) else 0 end as k
      from (select *, rb <> ra or (not ext and ${openChanged}) as changed from sig) sig`,
    ["id", "k, id"],
    ["id", "k", "ext"],
  );
  // The classes, with the organisation at large (organisational people who hold no root on T or
  // above it) as class -1 when openness changed, and each one's probe (its first member, with
  // their grant roots as they are now).
  await scratchTable(
    tx,
    "impact_classes",
    sql`select c.*, c.members[1] as probe, not c.ext as probe_organisational,
        case when c.members[1] is null then '{}'::int[] else array(select r.section_id from ${grantRootIds(sql`c.members[1]`)} r) end as probe_roots
      from (
      select k, rb, ra, ext, false as everyone, array_agg(id) as members from impact_sigs where k > 0 group by k, rb, ra, ext
      union all
      select -1, '{}'::int[], '{}'::int[], false, true, '{}'::uuid[] where ${openChanged} and exists (
        select 1 from people p where p.audience = 'organisational' and not p.blocked and ${notWebmaster("p")}
          and not exists (select 1 from impact_sigs s_x where s_x.id = p.id))
      ) c`,
    ["k"],
    ["k", "ext"],
  );
  await scratchTable(tx, "impact_gives", classesGain(after, before, ids), ["section_id, ext, k"]);
  await scratchTable(tx, "impact_removes", classesGain(before, after, ids), ["section_id, ext, k"]);
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
