/**
 * Prints EXPLAIN ANALYZE of the access-filtered queries the pages run, for the two
 * benchmark people, on the database DATABASE_URL names (built by bench/large-org.ts),
 * and a summary of each query's execution time (target: ≤ 5 ms at full size).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/portico_bench npx tsx --conditions=react-server bench/explain.ts
 *   (EXPLAIN_ONLY=search,tag: only those queries, or explainer, exposure, impact; VERBOSE=0: the table only)
 */
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { getDb } from "../db/client";
import { content, people, sections } from "../db/schema";
import { alias } from "drizzle-orm/pg-core";
import { grantRootIds, isVisibleSectionRow, visibleContent, visibleInSectionListing, visibleSections } from "../lib/access/filters";
import type { AccessSubject } from "../lib/access/types";
import { listingWhere, summaryQuery } from "../lib/content/listings";
import { groupDirectoryQuery, groupPageQuery } from "../lib/groups/queries";
import { sectionQuery } from "../lib/sections/queries";
import { peopleDirectoryQuery } from "../lib/people/directory";
import { planSearch, searchMatchesStatement } from "../lib/people/directory-search";
import { ideaListQuery } from "../lib/ideas/queries";
import { queryListStatement } from "../lib/queries-app/queries";
import { wallListQuery } from "../lib/wall/queries";
import { PgDialect } from "drizzle-orm/pg-core";
import { BENCH_COMMON_TERM, BENCH_RARE_TERM } from "./apps";
import { BENCH_SEARCH_APPS, BENCH_SEARCH_COMMON, BENCH_SEARCH_RARE, BENCH_SUGGEST_COMMON, BENCH_SUGGEST_RARE, BENCH_TAG } from "./search-terms";
import { prepareSearch } from "../lib/search/content-search";
import { suggestionsStatement } from "../lib/search/suggest";
import { searchParams } from "../lib/search/params";
import { BENCH_EXT, BENCH_ORG } from "./large-org";
import { explainAccess } from "../lib/access/explain/explain";
import type { ExplainTarget } from "../lib/access/explain/types";
import type { ExposureSubject } from "../lib/access/exposure/types";
import { getExposure } from "../lib/exposure/queries";
import { previewSectionImpact } from "../lib/access/impact/section-impact";
import { measureExternalAccessImpact, measureGroupVisibilityImpact } from "../lib/access/impact/group-impact";
import type { AccessImpact } from "../lib/access/impact/impact";
import { rolledBack } from "../lib/access/impact/rollback";
import { getExternalAccess } from "../lib/settings/queries";
import { addTeam, setRestricted } from "../lib/sections/mutations";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL to the benchmark database");
/**
 * PLAN=force_generic_plan (or force_custom_plan, auto): the round trips are timed as named
 * prepared statements under that plan_cache_mode (as the server runs them, db/connect.ts),
 * to compare a generic plan's cost with planning every execution.
 */
const planMode = process.env.PLAN;
const client = postgres(url, { max: 1, connection: { jit: "off", ...(planMode ? { plan_cache_mode: planMode } : {}) } });
const db = await getDb();
const verbose = process.env.VERBOSE !== "0";
/** EXPLAIN_ONLY=search,tag: only the queries whose label holds one of these (for iterating). */
const only = process.env.EXPLAIN_ONLY?.split(",").filter(Boolean);
const parentSection = alias(sections, "s_parent");

type Query = { toSQL(): { sql: string; params: unknown[] } };
const dialect = new PgDialect();
/** A query written as SQL (the apps' listings), in the shape explain() reads. */
const asQuery = (statement: ReturnType<typeof sql>): Query => ({ toSQL: () => dialect.sqlToQuery(statement) });
const directoryParams = { team: null, location: null, audience: "all", after: null } as const;

/** Median wall time of running the query itself (no EXPLAIN instrumentation), round trip included. */
async function timeQuery(text: string, params: unknown[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    await client.unsafe(text, params as never[], { prepare: !!planMode && process.env.PREPARE !== "0" });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function explain(label: string, query: Query): Promise<{ ms: number; planning: number; wall: number }> {
  const { sql: text, params } = query.toSQL();
  const wall = await timeQuery(text, params); // also warms the cache the way a running server has it
  const rows = await client.unsafe(`explain (analyze, buffers) ${text}`, params as never[]);
  const plan = rows.map((r) => r["QUERY PLAN"] as string);
  const ms = Number(plan.find((l) => l.startsWith("Execution Time"))?.match(/([\d.]+) ms/)?.[1] ?? NaN);
  const planning = Number(plan.find((l) => l.startsWith("Planning Time"))?.match(/([\d.]+) ms/)?.[1] ?? NaN);
  if (verbose) console.log(`\n### ${label}\n\n\`\`\`\n${plan.join("\n")}\n\`\`\``);
  return { ms, planning, wall };
}

type Figures = { ms: number; planning: number; wall: number };
const summary: { label: string; inQuery: Figures; roots: Figures }[] = [];

/**
 * D4: search (targets: ≤ 10 ms for a rare word, ≤ 50 ms for a common one), organisational
 * people only (E4): the matches counted (deciding the plan), then the one statement of the
 * results, exactly as lib/search/content-search.ts#searchContent prepares them; and with the
 * tag filter; and the header's suggestions.
 */
async function searchQueries(db: Awaited<ReturnType<typeof getDb>>, viewer: AccessSubject, who: string): Promise<[string, Query][]> {
  const asked = [
    { q: BENCH_SEARCH_COMMON },
    { q: BENCH_SEARCH_RARE },
    { q: BENCH_SEARCH_APPS },
    { q: BENCH_SEARCH_COMMON, tag: BENCH_TAG },
  ];
  const queries: [string, Query][] = [];
  for (const raw of asked) {
    const prepared = await prepareSearch(db, viewer, searchParams(raw));
    if (!prepared) continue;
    const name = `search "${raw.q}"${raw.tag ? ` tagged "${raw.tag}"` : ""}`;
    queries.push([`${name}: content's matches counted (${who})`, asQuery(prepared.countStatement)]);
    queries.push([`${name}: the results, content ${prepared.contentBroad ? "broad" : "narrow"} (${who})`, asQuery(prepared.results)]);
  }
  // The header's suggestions (target ≤ 10 ms): content, sections, groups, teams and locations in
  // one statement; people's are the directory's search, above.
  for (const typed of [BENCH_SUGGEST_COMMON, BENCH_SUGGEST_RARE]) {
    queries.push([`suggestions for "${typed}" (${who})`, asQuery(suggestionsStatement(viewer, typed, { teams: true, locations: true }))]);
  }
  return queries;
}
for (const email of [BENCH_ORG, BENCH_EXT]) {
  const [person] = await db.select({ id: people.id, audience: people.audience }).from(people).where(eq(people.email, email));
  if (!person) throw new Error(`${email} is missing: build the organisation with bench/large-org.ts first`);
  // As pages have it: the grant roots read with the account (loadViewer). Each query is also
  // run with the grants computed inside it (a viewer without roots), to compare.
  const [{ roots }] = (await db.execute(sql`select array${grantRootIds(person.id)} as roots`)) as unknown as [{ roots: number[] }];
  const pageViewer = { id: person.id, audience: person.audience, isWebmaster: false, grantRoots: roots };
  for (const viewer of [pageViewer, { id: person.id, audience: person.audience, isWebmaster: false }] as AccessSubject[]) {
  const who = person.audience;

  const [section] = await db.select({ id: sections.id, slug: sections.slug }).from(sections).where(visibleSections(viewer)).orderBy(sections.id).limit(1);
  const [item] = await db.select({ id: content.id }).from(content).where(and(eq(content.homeSectionId, section!.id), eq(content.status, "published"))).limit(1);
  const firstPage = await summaryQuery(db, viewer, listingWhere.feed(viewer), "published", null);
  const last = firstPage[19];
  const cursor = last ? `${last.cursorAt}_${last.id}` : null;

  const queries: [string, Query][] = [
    [`feed, first page (${who})`, summaryQuery(db, viewer, listingWhere.feed(viewer), "published", null)],
    [`feed, second page (${who})`, summaryQuery(db, viewer, listingWhere.feed(viewer, cursor), "published", cursor)],
    [`section page: the section, its breadcrumbs, children and first page of content (${who})`, sectionQuery(db, viewer, section!.slug, { content: {} })],
    [`section content listing alone (${who})`, summaryQuery(db, viewer, listingWhere.section(section!.id), "published", null, undefined, visibleInSectionListing(viewer, sql`${section!.id}`))],
    [`home: latest news (${who})`, summaryQuery(db, viewer, listingWhere.latest(viewer, ["news"], 6), "published", null, 6)],
    [`my content (${who})`, summaryQuery(db, viewer, listingWhere.mine(viewer), "updated", null)],
    [`item page: the item and its visibility (${who})`, db.select({ id: content.id, visible: sql`${visibleContent(viewer)}` }).from(content).where(eq(content.id, item!.id))],
    [`groups directory, first page (${who})`, groupDirectoryQuery(db, viewer, { filter: "all", q: "", after: null })],
    [`groups directory, searched by name (${who})`, groupDirectoryQuery(db, viewer, { filter: "all", q: "roup 12", after: null })],
    // bench/large-org.ts: group 1 is public (the organisational person's), group 2 public (the external person's).
    [`group page: the group, its members and first page of items (${who})`, groupPageQuery(db, viewer, who === "organisational" ? "group-1" : "group-2")],
    // As lib/sections/queries.ts#listReachableSections.
    // P6: the people directory's search (target: ≤ 10 ms), a common and a rare term; G4: the ideas listing.
    // Each search is two queries: the first matches (deciding how to find the page), then the page.
    [`people directory, "${BENCH_COMMON_TERM}": first matches (${who})`, asQuery(searchMatchesStatement(BENCH_COMMON_TERM))],
    [`people directory, "${BENCH_COMMON_TERM}": the page (${who})`, peopleDirectoryQuery(db, viewer, directoryParams, 24, await planSearch(db, BENCH_COMMON_TERM))],
    [`people directory, "${BENCH_RARE_TERM}": first matches (${who})`, asQuery(searchMatchesStatement(BENCH_RARE_TERM))],
    [`people directory, "${BENCH_RARE_TERM}": the page (${who})`, peopleDirectoryQuery(db, viewer, directoryParams, 24, await planSearch(db, BENCH_RARE_TERM))],
    [`ideas, most votes first (${who})`, asQuery(ideaListQuery(viewer, { sort: "votes", status: null, after: null }))],
    [`wall, newest first (${who})`, wallListQuery(db, viewer, null, 20)],
    [`queries, newest first (${who})`, asQuery(queryListStatement(viewer, { status: "all", scope: "all", before: null }))],
    [`queries, my teams' queue (${who})`, asQuery(queryListStatement(viewer, { status: "all", scope: "queue", before: null }))],
    // D4: search (targets: ≤ 10 ms for a rare word, ≤ 50 ms for a common one), organisational
    // people only (E4). Two queries: the matches counted (deciding the plan), then the results.
    ...(who === "organisational" ? await searchQueries(db, viewer, who) : []),
    // D7: a tag's page (the content listing; the page adds a few ideas and files).
    [`tag "${BENCH_TAG}" (${who})`, summaryQuery(db, viewer, listingWhere.tagged(BENCH_TAG), "published", null)],
    [`reachable sections (${who})`, db.select({ slug: sections.slug }).from(sections).leftJoin(parentSection, eq(parentSection.id, sections.parentId)).where(and(visibleSections(viewer), sql`(${parentSection.id} is null or not ${isVisibleSectionRow(viewer, parentSection)})`))],
  ];
  for (const [label, query] of queries) {
    if (only && !only.some((o) => label.includes(o))) continue;
    const figures = await explain(`${label}${viewer.grantRoots ? "" : ", grants computed in the query"}`, query);
    const row = summary.find((r) => r.label === label);
    if (row) row.inQuery = figures;
    else summary.push({ label, roots: figures, inQuery: figures });
  }
  }
}

/**
 * B1: the access explainer's whole answer (target ≤ 50 ms), as a webmaster asks it, for each
 * benchmark person about a section they can view, a restricted one they cannot, an item, a
 * group and a group file: every statement explainAccess runs, round trips included.
 */
const explainerFigures: { label: string; median: number; max: number; paths: number }[] = [];
if (!only || only.some((o) => "explainer".includes(o))) {
  const asker: AccessSubject = { id: "00000000-0000-4000-8000-000000000000", audience: "organisational", isWebmaster: true };
  for (const email of [BENCH_ORG, BENCH_EXT]) {
    const [person] = await db.select({ id: people.id, audience: people.audience }).from(people).where(eq(people.email, email));
    const subject: AccessSubject = { id: person!.id, audience: person!.audience, isWebmaster: false };
    const [open] = await db.select({ id: sections.id }).from(sections).where(visibleSections(subject)).orderBy(sections.id).limit(1);
    const [closed] = await db.select({ id: sections.id }).from(sections).where(sql`${sections.restricted} and not ${visibleSections(subject)}`).orderBy(sections.id).limit(1);
    const [item] = await db.select({ id: content.id }).from(content).where(and(eq(content.homeSectionId, open!.id), eq(content.status, "published"))).limit(1);
    const [group] = (await db.execute(sql`select g.id from groups g where g.slug = ${person!.audience === "organisational" ? "group-1" : "group-2"}`)) as unknown as { id: number }[];
    const [file] = (await db.execute(sql`select f.id from group_files f order by f.group_id limit 1`)) as unknown as { id: string }[];
    const targets: [string, ExplainTarget][] = [
      ["a section they can view", { kind: "section", id: open!.id }],
      ["a restricted section they cannot view", { kind: "section", id: closed!.id }],
      ["an item", { kind: "item", id: item!.id }],
      ["a group", { kind: "group", id: Number(group!.id) }],
      ...(file ? [["a group file", { kind: "file", id: file.id }] as [string, ExplainTarget]] : []),
    ];
    for (const [what, target] of targets) {
      const times: number[] = [];
      let paths = 0;
      for (let i = 0; i < 15; i++) {
        const start = performance.now();
        const answer = await explainAccess(db, asker, person!.id, target);
        times.push(performance.now() - start);
        paths = answer?.paths.length ?? -1;
      }
      times.sort((a, b) => a - b);
      explainerFigures.push({ label: `explainer: ${what} (${person!.audience})`, median: times[7]!, max: times[14]!, paths });
    }
  }
}

/**
 * B4: the exposure report's whole answer for each benchmark person (a staff member views most
 * of the organisation: every open section, every public group, their items counted), for a
 * team and for a partner organisation, as the page reads it. No target is set by its issue;
 * the figures say what a webmaster waits for.
 */
const exposureFigures: { label: string; median: number; max: number; rows: string }[] = [];
if (!only || only.some((o) => "exposure".includes(o))) {
  const asker: AccessSubject = { id: "00000000-0000-4000-8000-000000000000", audience: "organisational", isWebmaster: true };
  const subjects: [string, ExposureSubject][] = [];
  for (const email of [BENCH_ORG, BENCH_EXT]) {
    const [person] = await db.select({ id: people.id, audience: people.audience, organisation: people.organisation }).from(people).where(eq(people.email, email));
    subjects.push([`a person (${person!.audience})`, { kind: "person", id: person!.id }]);
    if (person!.audience === "external" && person!.organisation) subjects.push(["their partner organisation", { kind: "organisation", name: person!.organisation }]);
  }
  const [team] = (await db.execute(sql`select tm.team_id as id from team_members tm group by tm.team_id order by count(*) desc limit 1`)) as unknown as { id: number }[];
  if (team) subjects.push(["the largest team", { kind: "team", id: Number(team.id) }]);
  for (const [what, subject] of subjects) {
    const times: number[] = [];
    let rows = "";
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const answer = await getExposure(asker, subject, db);
      times.push(performance.now() - start);
      rows = answer.status === "ok" ? `${answer.value.sections.length} sections, ${answer.value.groups.length} groups, ${answer.value.items} items` : "none";
    }
    times.sort((a, b) => a - b);
    exposureFigures.push({ label: `exposure: ${what}`, median: times[2]!, max: times[4]!, rows });
  }
}

/**
 * B4: the impact previews, each the change made (or counted), measured and rolled back as the
 * form asks it: adding a team of about 5 000 people (the smallest team whose members with its
 * child teams' reach 5 000, added with them; target ≤ 500 ms) to the restricted top section
 * with the most items below it that it is not in (the hardest case); lifting Restricted on the restricted top section with the most items below it;
 * making the largest public group private; and turning the Groups switch the other way (every
 * external person and every public group).
 */
const impactFigures: { label: string; median: number; max: number; rows: string }[] = [];
if (!only || only.some((o) => "impact".includes(o))) {
  const asker: AccessSubject = { id: "00000000-0000-4000-8000-000000000000", audience: "organisational", isWebmaster: true };
  const describe = (i: AccessImpact) => {
    const side = (name: string, s: AccessImpact["gives"]) =>
      s.people ? `${name} ${s.people} people (${s.externalPeople} external), ${s.sections} sections, ${s.groups} groups, ${s.items} items` : null;
    return [side("gives", i.gives), side("removes", i.removes)].filter(Boolean).join("; ") || "nothing";
  };
  const timeImpact = async (label: string, preview: () => Promise<AccessImpact>) => {
    const times: number[] = [];
    let rows = "";
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      rows = describe(await preview());
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    impactFigures.push({ label, median: times[2]!, max: times[4]!, rows });
  };
  const [team] = (await db.execute(sql`
    select tc.ancestor_id as id, count(distinct tm.person_id)::int as members
    from team_closure tc join team_members tm on tm.team_id = tc.descendant_id
    group by tc.ancestor_id having count(distinct tm.person_id) >= 5000 order by 2 limit 1`)) as unknown as { id: number; members: number }[];
  const [section] = team
    ? ((await db.execute(
        sql`select s.id, s.title, count(c.id)::int as items from sections s join section_closure sc on sc.ancestor_id = s.id join content c on c.home_section_id = sc.descendant_id
          where s.restricted and s.parent_id is null and s.id not in (select smt.section_id from section_member_teams smt where smt.team_id = ${team.id})
          group by s.id, s.title order by 3 desc limit 1`,
      )) as unknown as { id: number; title: string; items: number }[])
    : [];
  if (team && section) {
    await timeImpact(`add a team of ${team.members} people with its child teams to "${section.title}" (${section.items} items below it)`, () =>
      previewSectionImpact(db, Number(section.id), (tx) =>
        addTeam(tx, asker, { sectionId: Number(section.id), teamId: Number(team.id), includeChildren: true, acknowledgeExternal: true }),
      ),
    );
  }
  const [restricted] = (await db.execute(sql`
    select s.id, s.title, count(c.id)::int as items from sections s join section_closure sc on sc.ancestor_id = s.id
    join content c on c.home_section_id = sc.descendant_id
    where s.restricted and s.parent_id is null group by s.id, s.title order by 3 desc limit 1`)) as unknown as { id: number; title: string; items: number }[];
  if (restricted) {
    await timeImpact(`lift Restricted on "${restricted.title}" (${restricted.items} items below it)`, () =>
      previewSectionImpact(db, Number(restricted.id), (tx) => setRestricted(tx, { sectionId: Number(restricted.id), restricted: false, confirmed: true })),
    );
  }
  const [group] = (await db.execute(sql`
    select g.id, g.name, count(c.id)::int as items from groups g join content c on c.home_group_id = g.id
    where g.visibility = 'public' group by g.id, g.name order by 3 desc limit 1`)) as unknown as { id: number; name: string; items: number }[];
  if (group) {
    await timeImpact(`make the public group "${group.name}" (${group.items} items) private`, () =>
      rolledBack(db, (tx) => measureGroupVisibilityImpact(tx, Number(group.id), "private")),
    );
  }
  const switches = await getExternalAccess(db);
  await timeImpact(`turn the Groups switch ${switches.groups ? "off" : "on"}`, () =>
    rolledBack(db, (tx) => measureExternalAccessImpact(tx, { ...switches, groups: !switches.groups })),
  );
}

console.log(
  "\n| query | execution (ms) | planning (ms) | round trip, median of 15 (ms) | the same with grants computed in the query: execution / planning / round trip (ms) |\n| --- | --- | --- | --- | --- |",
);
const f = (n: number) => n.toFixed(2);
for (const { label, roots, inQuery } of summary) {
  console.log(`| ${label} | ${f(roots.ms)} | ${f(roots.planning)} | ${f(roots.wall)} | ${f(inQuery.ms)} / ${f(inQuery.planning)} / ${f(inQuery.wall)} |`);
}
if (explainerFigures.length) {
  console.log("\n| B1 explainer answer (target ≤ 50 ms) | median of 15 (ms) | slowest (ms) | paths listed |\n| --- | --- | --- | --- |");
  for (const r of explainerFigures) console.log(`| ${r.label} | ${f(r.median)} | ${f(r.max)} | ${r.paths} |`);
}
if (exposureFigures.length) {
  console.log("\n| B4 exposure report | median of 5 (ms) | slowest (ms) | what it lists |\n| --- | --- | --- | --- |");
  for (const r of exposureFigures) console.log(`| ${r.label} | ${f(r.median)} | ${f(r.max)} | ${r.rows} |`);
}
if (impactFigures.length) {
  console.log("\n| B4 impact preview (target ≤ 500 ms, 5 000-member team) | median of 5 (ms) | slowest (ms) | what it gives or removes |\n| --- | --- | --- | --- |");
  for (const r of impactFigures) console.log(`| ${r.label} | ${f(r.median)} | ${f(r.max)} | ${r.rows} |`);
}
await client.end();
process.exit(0);
