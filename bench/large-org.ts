/**
 * Builds a large organisation straight in the database with set-based SQL (no rows
 * through JavaScript): by default 100 000 people, 10 000 teams in a tree up to 8 deep,
 * 5 000 sections up to 6 deep, 1 000 000 content items, 20 000 groups (10 % private, 5 %
 * secret) with 200 000 items and 100 000 files (one in five with a second version) of their
 * own, 5 000 000 comments, 1 000 000 favourites and 1 000 000 ratings, 500 000 follows and
 * 10 000 000 notifications; a third of the items and files carry a topic tag and a seventh an
 * area tag (D7), and every file has a page of text to search (D4). SCALE=0.1 makes it 10 × smaller. The files' stored objects are not written: the pages
 * list files, and no benchmark downloads one.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/portico_bench npx tsx bench/large-org.ts
 *
 * The database must be empty or hold a previous run (it is reset). Demo sign-ins for the
 * benchmark: bench-org@example.org (organisational) and bench-ext@example.org (external),
 * password "portico-bench-2026".
 */
import { sql } from "drizzle-orm";
import { connect, rowsOf } from "../db/connect";
import { migrate } from "../db/migrate";
import { rebuildSectionClosure, rebuildTeamClosure } from "../db/trees";
import { hashPassword } from "../lib/auth/password";

/**
 * D7: an item's tags from its number: a third of items carry one of 200 topics ("topic 7",
 * about 1 600 items each at full size), a seventh one of 20 areas ("area 3", about 8 000), so a
 * tag's page and the tag filter meet both a common and a rarer tag.
 */
const BENCH_TAGS_OF_I = sql.raw(`array_remove(array[case when i % 3 = 0 then 'topic ' || (i % 200) end, case when i % 7 = 0 then 'area ' || (i % 20) end], null)`);

export const BENCH_PASSWORD = "portico-bench-2026";
export const BENCH_ORG = "bench-org@example.org";
export const BENCH_EXT = "bench-ext@example.org";

/** A trusted integer written into the SQL text (generate_series needs typed bounds). */
const int = (v: number) => sql.raw(String(Math.trunc(v)));

/** Level sizes as fractions of the total; each level's parents are drawn from the level above. */
function levels(total: number, shares: number[]): { start: number; size: number }[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const out: { start: number; size: number }[] = [];
  let start = 1;
  shares.forEach((share, i) => {
    const size = i === shares.length - 1 ? total - start + 1 : Math.max(1, Math.round((share / sum) * total));
    out.push({ start, size });
    start += size;
  });
  return out;
}

/** team_members for every person (the benchmark sign-ins get theirs later): one or two teams drawn from their id. */
export function benchTeamMembers(teams: number) {
  const draw = (salt: string) => sql`(1 + abs(hashtext(p.id::text || ${salt})) % ${int(teams)})`;
  return sql`insert into team_members (team_id, person_id, is_admin)
    select distinct t, p.id, abs(hashtext(p.id::text || 'admin')) % 50 = 0
    from people p
    cross join lateral (select ${draw("first")} as t union all select ${draw("second")} where abs(hashtext(p.id::text || 'two')) % 10 < 3) picks
    on conflict do nothing`;
}

export async function buildLargeOrg(scale = 1, log: (s: string) => void = console.log) {
  const n = {
    people: Math.round(100_000 * scale),
    teams: Math.round(10_000 * scale),
    sections: Math.round(5_000 * scale),
    content: Math.round(1_000_000 * scale),
    groups: Math.round(20_000 * scale),
    groupContent: Math.round(200_000 * scale),
    groupFiles: Math.round(100_000 * scale),
    comments: Math.round(5_000_000 * scale),
    favourites: Math.round(1_000_000 * scale),
    ratings: Math.round(1_000_000 * scale),
    follows: Math.round(500_000 * scale),
    notifications: Math.round(10_000_000 * scale),
  };
  const conn = await connect({ max: 1 });
  const db = conn.db;
  const step = async (label: string, query: ReturnType<typeof sql>) => {
    const t = performance.now();
    await db.execute(query);
    log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await migrate(conn);
    const started = performance.now();
    // The benchmark database is scratch: its audit log (append-only, M8) is emptied with the
    // rest, with the append-only triggers off for this one transaction (superuser only).
    const resetStarted = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`truncate audit_events, poll_votes, poll_options, content_shares, content, group_members, groups, section_roles, section_member_teams, section_member_people, section_closure, sections, team_members, team_closure, teams, sign_in_attempts, people, locations, settings restart identity cascade`);
    });
    log(`  reset: ${((performance.now() - resetStarted) / 1000).toFixed(1)} s`);
    await step("settings", sql`insert into settings (key, value) values ('externalAccess', '{"groups":false,"ideas":false,"messageWall":false,"queries":false,"users":false,"teams":false,"locations":false}')`);
    await step("locations", sql`insert into locations (key, name) select 'loc-' || i, 'Office ' || i from generate_series(1, 50) i`);

    // Teams: 8 levels, parents from the level above.
    const teamLevels = levels(n.teams, [1, 3, 8, 20, 50, 120, 300, 500]);
    for (const [depth, lv] of teamLevels.entries()) {
      const parent = depth === 0 ? sql`null::int` : sql`${int(teamLevels[depth - 1]!.start)} + floor(random() * ${int(teamLevels[depth - 1]!.size)})::int`;
      await db.execute(sql`insert into teams (id, key, name, parent_id) overriding system value
        select i, 'team-' || i, 'Team ' || i, ${parent} from generate_series(${int(lv.start)}, ${int(lv.start + lv.size - 1)}) i`);
    }
    await db.execute(sql`select setval(pg_get_serial_sequence('teams', 'id'), ${int(n.teams)})`);
    await rebuildTeamClosure(db);
    log("  teams and closure built");

    // People: every fifth external; passwords only for the two benchmark sign-ins.
    await step(
      "people",
      sql`insert into people (email, name, audience, roles, location_id, authorised_at)
        select 'person' || i || '@example.org', 'Person ' || i,
          (case when i % 5 = 0 then 'external' else 'organisational' end)::audience,
          (case when i % 1000 = 1 then '{webmaster}' else '{}' end)::global_role[],
          1 + (i % 50), now()
        from generate_series(1, ${int(n.people)}) i`,
    );
    // One team each, a second for three in ten: drawn from the person's id, so each person
    // draws their own (an uncorrelated random() in the lateral is evaluated once, which once
    // put everyone in the same two teams). Most teams are in the deeper levels.
    await step("team members", benchTeamMembers(n.teams));

    const sectionLevels = levels(n.sections, [1, 4, 15, 40, 60, 80]);
    for (const [depth, lv] of sectionLevels.entries()) {
      const parent = depth === 0 ? sql`null::int` : sql`${int(sectionLevels[depth - 1]!.start)} + floor(random() * ${int(sectionLevels[depth - 1]!.size)})::int`;
      await db.execute(sql`insert into sections (id, slug, title, description, parent_id, restricted) overriding system value
        select i, 'section-' || i, 'Section ' || i, 'About section ' || i, ${parent}, random() < 0.1
        from generate_series(${int(lv.start)}, ${int(lv.start + lv.size - 1)}) i`);
    }
    await db.execute(sql`select setval(pg_get_serial_sequence('sections', 'id'), ${int(n.sections)})`);
    await rebuildSectionClosure(db);
    log("  sections and closures built");

    await step(
      "section teams",
      sql`insert into section_member_teams (section_id, team_id, include_children)
        select distinct on (s, t) s, t, random() < 0.5 from (
          select s.id as s, 1 + floor(random() * ${int(n.teams)})::int as t from sections s, generate_series(1, 2) k where random() < 0.6
        ) x`,
    );
    await step(
      "section people",
      sql`insert into section_member_people (section_id, person_id)
        select distinct on (s, p) s, p from (
          select 1 + floor(random() * ${int(n.sections)})::int as s, p.id as p from people p where p.audience = 'external' or random() < 0.05
        ) x`,
    );
    await step(
      "section roles",
      sql`insert into section_roles (section_id, person_id, role)
        select s.id, people_ids.ids[1 + (s.id * 7919) % array_length(people_ids.ids, 1)],
          (array['manager','editor','author'])[1 + floor(random() * 3)::int]::section_role
        from sections s, (select array_agg(id) as ids from people) people_ids`,
    );

    // Content: homes skewed towards the deeper, more numerous sections; 95 % published over three years.
    await step(
      "content",
      sql`insert into content (type, title, body, status, author_id, home_section_id, created_at, updated_at, published_at, tags)
        select (array['news','policy','page','blog','event','poll'])[1 + (i % 6)]::content_type,
          'Item ' || i, '<p>Body of item ' || i || '. Lorem ipsum dolor sit amet.</p>',
          (case when i % 20 = 0 then 'draft' else 'published' end)::content_status,
          authors.ids[1 + (i * 31) % array_length(authors.ids, 1)],
          1 + floor(random() * ${int(n.sections)})::int,
          ts, ts, case when i % 20 = 0 then null else ts end,
          ${BENCH_TAGS_OF_I}
        from (select array_agg(id) as ids from people) authors,
          (select i, now() - (random() * interval '1095 days') as ts from generate_series(1, ${int(n.content)}) i) g`,
    );
    await step(
      "shares",
      sql`insert into content_shares (content_id, section_id)
        select c.id, 1 + floor(random() * ${int(n.sections)})::int from content c where random() < 0.05
        on conflict do nothing`,
    );

    // Groups (G1): 5 % secret, 10 % private, the rest public; two memberships for most people,
    // at least one admin each (G5); items of their own, 95 % published over three years.
    await step(
      "groups",
      sql`insert into groups (id, slug, name, description, visibility) overriding system value
        select i, 'group-' || i, 'Group ' || i, 'About group ' || i,
          (case when i % 20 = 0 then 'secret' when i % 10 = 5 then 'private' else 'public' end)::group_visibility
        from generate_series(1, ${int(n.groups)}) i`,
    );
    await db.execute(sql`select setval(pg_get_serial_sequence('groups', 'id'), ${int(n.groups)})`);
    await step(
      "group members",
      sql`insert into group_members (group_id, person_id, is_admin)
        select distinct on (g, p) g, p, random() < 0.05 from (
          select 1 + floor(random() * ${int(n.groups)})::int as g, p.id as p from people p, generate_series(1, 2) k where random() < 0.8
        ) x
        on conflict do nothing`,
    );
    await step(
      "group admins",
      sql`update group_members gm set is_admin = true from (
          select distinct on (group_id) group_id, person_id from group_members order by group_id, person_id
        ) first_member
        where gm.group_id = first_member.group_id and gm.person_id = first_member.person_id`,
    );
    await step(
      "group content",
      sql`insert into content (type, title, body, status, author_id, home_group_id, created_at, updated_at, published_at, tags)
        select (array['news','page','blog','event','poll'])[1 + (i % 5)]::content_type,
          'Group item ' || i, '<p>Body of group item ' || i || '. Lorem ipsum dolor sit amet.</p>',
          (case when i % 20 = 0 then 'draft' else 'published' end)::content_status,
          authors.ids[1 + (i * 37) % array_length(authors.ids, 1)],
          1 + floor(random() * ${int(n.groups)})::int,
          ts, ts, case when i % 20 = 0 then null else ts end,
          ${BENCH_TAGS_OF_I}
        from (select array_agg(id) as ids from people) authors,
          (select i, now() - (random() * interval '1095 days') as ts from generate_series(1, ${int(n.groupContent)}) i) g`,
    );

    await step(
      "group files",
      sql`insert into group_files (group_id, name, current_version, uploader_id, created_at, updated_at, description, tags, extracted_text, text_read_version)
        select 1 + floor(random() * ${int(n.groups)})::int, 'File ' || i || '.pdf', case when i % 5 = 0 then 2 else 1 end,
          authors.ids[1 + (i * 41) % array_length(authors.ids, 1)], ts, ts,
          'Papers for meeting ' || i, ${BENCH_TAGS_OF_I},
          -- D4: the text search reads from a file (lib/group-docs/extract-text.ts), a page of it.
          'Minutes of meeting ' || i || '. ' || repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', 40),
          case when i % 5 = 0 then 2 else 1 end
        from (select array_agg(id) as ids from people) authors,
          (select i, now() - (random() * interval '1095 days') as ts from generate_series(1, ${int(n.groupFiles)}) i) g`,
    );
    await step(
      "group file versions",
      sql`insert into group_file_versions (file_id, number, storage_key, byte_size, mime_type, uploader_id, created_at)
        select f.id, v, gen_random_uuid(), 20000 + floor(random() * 2000000)::int, 'application/pdf', f.uploader_id, f.created_at
        from group_files f, generate_series(1, f.current_version) v`,
    );

    // Conversation (K1 K4 K5): comments on published items (one in five a reply to a comment
    // on the same item), favourites, ratings and follows by random people, and notifications
    // over a year, nine in ten read. The counters listings read are computed once at the end.
    // Random picks by number along a primary key: indexing into an array of a million ids
    // instead would read the whole array again for every row made. Plain tables, not
    // temporary ones: the client may replace its connection during a long build.
    await step(
      "numbered items and people",
      sql`drop table if exists bench_pick_item, bench_pick_person;
        create unlogged table bench_pick_item as select (row_number() over ())::int as n, id from content where status = 'published';
        alter table bench_pick_item add primary key (n);
        create unlogged table bench_pick_person as select (row_number() over ())::int as n, id from people;
        alter table bench_pick_person add primary key (n)`,
    );
    // Foreign-key checks off for these bulk inserts (every id is drawn from the tables they
    // point at): row by row they cost more than the rows. Superuser only, like the reset;
    // set with each statement, which may run on a new connection.
    const bulk = (label: string, query: ReturnType<typeof sql>) => step(label, sql`set session_replication_role = replica; ${query}; set session_replication_role = origin`);
    const [counts] = rowsOf<{ items: number; persons: number }>(
      await db.execute(sql`select (select count(*) from bench_pick_item)::int as items, (select count(*) from bench_pick_person)::int as persons`),
    );
    const item = (seed: ReturnType<typeof sql>) => sql`(select id from bench_pick_item where n = 1 + (${seed})::int % ${int(counts!.items)})`;
    const person = (seed: ReturnType<typeof sql>) => sql`(select id from bench_pick_person where n = 1 + (${seed})::int % ${int(counts!.persons)})`;
    // Each row draws its own numbers (r1, r2) first: a subquery with random() in it would be
    // run once for the whole statement.
    const rows = (count: number, extra = sql``) =>
      sql`(select i, floor(random() * 2147483647)::int as r1, floor(random() * 2147483647)::int as r2 ${extra} from generate_series(1, ${int(count)}) i) g`;
    await bulk(
      "comments",
      sql`insert into comments (content_id, author_id, body, created_at)
        select ${item(sql`g.r1`)}, ${person(sql`i * 43`)}, 'Comment ' || i || ': thanks, this is useful.', now() - (random() * interval '1000 days')
        from ${rows(Math.round(n.comments * 0.8))}`,
    );
    await bulk(
      "replies",
      sql`insert into comments (content_id, parent_id, author_id, body, created_at)
        select c.content_id, c.id, ${person(sql`c.k * 47`)}, 'A reply.', c.created_at + interval '1 hour'
        from (select id, content_id, created_at, row_number() over () as k from comments tablesample bernoulli (25) limit ${int(n.comments - Math.round(n.comments * 0.8))}) c`,
    );
    await bulk(
      "favourites",
      sql`insert into favourites (person_id, content_id, created_at)
        select ${person(sql`g.r1`)}, ${item(sql`g.r2`)}, now() - (random() * interval '700 days') from ${rows(n.favourites)}
        on conflict do nothing`,
    );
    await bulk(
      "ratings",
      sql`insert into ratings (content_id, person_id, stars, rated_at)
        select ${item(sql`g.r1`)}, ${person(sql`g.r2`)}, 1 + floor(random() * 5)::int, now() - (random() * interval '700 days') from ${rows(n.ratings)}
        on conflict do nothing`,
    );
    await step(
      "conversation counters",
      sql`insert into content_conversation (content_id, comment_count, rating_count, rating_sum)
        select coalesce(c.content_id, r.content_id), coalesce(c.n, 0), coalesce(r.n, 0), coalesce(r.total, 0)
        from (select content_id, count(*)::int n from comments group by content_id) c
        full join (select content_id, count(*)::int n, sum(stars)::int total from ratings group by content_id) r on r.content_id = c.content_id`,
    );
    await bulk(
      "follows",
      sql`insert into follows (person_id, content_id, section_id, group_id)
        select ${person(sql`g.r1`)},
          case when i % 10 < 6 then ${item(sql`g.r2`)} end,
          case when i % 10 between 6 and 7 then 1 + floor(random() * ${int(n.sections)})::int end,
          case when i % 10 >= 8 then 1 + floor(random() * ${int(n.groups)})::int end
        from ${rows(n.follows)}
        on conflict do nothing`,
    );
    await bulk(
      "notifications",
      sql`insert into notifications (recipient_id, kind, actor_id, content_id, created_at, read_at, emailed_at)
        select ${person(sql`g.r1`)},
          (array['comment_on_my_item','comment_on_followed','reply','mention','content_role','content_followed'])[1 + i % 6]::notification_kind,
          ${person(sql`i * 53`)}, ${item(sql`g.r2`)}, ts, case when i % 10 = 0 then null else ts + interval '1 day' end, ts
        from ${rows(n.notifications, sql`, now() - (random() * interval '365 days') as ts`)}`,
    );
    await db.execute(sql`drop table bench_pick_item, bench_pick_person`);

    // The two benchmark sign-ins: realistic members, with a password.
    const hash = await hashPassword(BENCH_PASSWORD);
    await step(
      "bench sign-ins",
      sql`insert into people (email, name, audience, password_hash, authorised_at) values
        (${BENCH_ORG}, 'Bench Organisational', 'organisational', ${hash}, now()),
        (${BENCH_EXT}, 'Bench External', 'external', ${hash}, now())`,
    );
    await db.execute(sql`insert into team_members (team_id, person_id)
      select t, p.id from people p, (values (${int(teamLevels[7]!.start)}), (${int(teamLevels[5]!.start + 3)})) v(t) where p.email in (${BENCH_ORG}, ${BENCH_EXT})`);
    await db.execute(sql`insert into section_member_people (section_id, person_id)
      select s, p.id from people p, (select generate_series(${int(sectionLevels[2]!.start)}, ${int(sectionLevels[2]!.start + 4)}) s) v where p.email = ${BENCH_EXT}
      on conflict do nothing`);
    // Their groups: the organisational person in a public, a private and a secret group (an
    // admin of the last), the external person in two public groups and a private one.
    await db.execute(sql`insert into group_members (group_id, person_id, is_admin)
      select g, p.id, g = 20 from people p, (values (1), (5), (20)) v(g) where p.email = ${BENCH_ORG}
      union all
      select g, p.id, false from people p, (values (2), (3), (15)) v(g) where p.email = ${BENCH_EXT}
      on conflict do nothing`);
    // VACUUM as well as ANALYZE: a freshly loaded table has no visibility map, so index-only
    // scans would still visit the heap; autovacuum does this on a live server.
    await step("vacuum analyze", sql`vacuum analyze`);
    log(
      `built ${n.people} people, ${n.teams} teams, ${n.sections} sections, ${n.content} items, ${n.groups} groups with ${n.groupContent} items and ${n.groupFiles} files, ` +
        `${n.comments} comments, ${n.favourites} favourites, ${n.ratings} ratings, ${n.follows} follows and ${n.notifications} notifications in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    await conn.close();
  }
}

if (process.argv[1]?.endsWith("large-org.ts")) {
  await buildLargeOrg(Number(process.env.SCALE || 1));
}
