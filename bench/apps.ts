/**
 * The directories' and apps' data for the benchmark organisation (P6 G4 G8): profiles for
 * everyone (a job title, a department or partner organisation, a work phone, a line about
 * them), 50 000 ideas with 500 000 votes, 500 000 Message Wall posts (one in a hundred hidden)
 * with 500 000 favourites, and 50 000 queries to 200 teams that accept them, two in three
 * answered; SCALE-d like the rest. Added once, set-based like bench/large-org.ts, to whatever
 * organisation is there, so a database built before the apps existed gains them too.
 *
 * The External access switches are what the benchmark reads these pages with: Users,
 * Locations, Ideas, Message Wall and Queries on for external people (E5); Groups and Teams
 * stay off, as the groups figures were measured.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rowsOf } from "../db/connect";

/** A job-title word a quarter of the people have (four titles of sixteen): the directory's common search. */
export const BENCH_COMMON_TERM = "officer";
/** One person's name (and at full size ten more whose number starts with it): the rare search. */
export const BENCH_RARE_TERM = "Person 4242";

const JOB_TITLES = [
  "Policy Officer",
  "Project Manager",
  "Caseworker",
  "Finance Officer",
  "Data Analyst",
  "Team Leader",
  "Communications Officer",
  "Engineer",
  "Administrator",
  "Social Worker",
  "Planning Officer",
  "Librarian",
  "HR Adviser",
  "Legal Adviser",
  "Surveyor",
  "Receptionist",
];
const IDEA_TOPICS = ["a shared car pool", "standing desks", "a quiet room", "paperless meetings", "a mentoring scheme", "solar panels", "bike storage", "a lunch-and-learn"];
const TAGS = ["travel", "it", "office", "wellbeing", "green", "training"];

/** A trusted integer written into the SQL text. */
const int = (v: number) => sql.raw(String(Math.trunc(v)));
/** Trusted constants written into the SQL text: the bulk statements run as several statements in one, which takes no parameters. */
const textArray = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")}]::text[]`);

export async function ensureBenchApps(db: Db, log: (s: string) => void = console.log): Promise<void> {
  await db.execute(sql`insert into settings (key, value)
    values ('externalAccess', '{"groups":false,"ideas":true,"messageWall":true,"queries":true,"users":true,"teams":false,"locations":true}')
    on conflict (key) do update set value = excluded.value`);
  const [state] = rowsOf<{ ideas: boolean; people: number; teams: number }>(
    await db.execute(sql`select exists (select 1 from ideas) as ideas, (select count(*)::int from people) as people, (select count(*)::int from teams) as teams`),
  );
  if (state!.ideas) return;
  const scale = state!.people / 100_000;
  const n = {
    ideas: Math.round(50_000 * scale),
    votes: Math.round(500_000 * scale),
    wallPosts: Math.round(500_000 * scale),
    favourites: Math.round(500_000 * scale),
    queries: Math.round(50_000 * scale),
  };
  const step = async (label: string, query: ReturnType<typeof sql>) => {
    const t = performance.now();
    await db.execute(query);
    log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const started = performance.now();
  log(`Adding profiles, ${n.ideas} ideas, ${n.wallPosts} wall posts and ${n.queries} queries to the benchmark organisation…`);

  await step(
    "profiles",
    sql`update people set
      job_title = (${textArray(JOB_TITLES)})[1 + (hashtext(email) & 15)],
      organisation = case when audience = 'external' then 'Partner agency ' || (1 + (hashtext(email) >> 4 & 63)) else 'Department ' || (1 + (hashtext(email) >> 4 & 31)) end,
      work_phone = '01632 ' || lpad((hashtext(email) >> 10 & 65535)::text, 6, '0'),
      about = 'I look after ' || lower((${textArray(JOB_TITLES)})[1 + (hashtext(email) & 15)]) || ' work for the county; ask me about it.'`,
  );

  // Random picks by number along a primary key (as bench/large-org.ts does for comments).
  await step(
    "numbered people",
    sql`drop table if exists bench_pick_person, bench_pick_idea, bench_pick_post;
      create unlogged table bench_pick_person as select (row_number() over ())::int as n, id from people;
      alter table bench_pick_person add primary key (n)`,
  );
  const person = (seed: ReturnType<typeof sql>) => sql`(select id from bench_pick_person where n = 1 + (${seed})::int % ${int(state!.people)})`;
  const rows = (count: number) => sql`(select i, floor(random() * 2147483647)::int as r1, floor(random() * 2147483647)::int as r2 from generate_series(1, ${int(count)}) i) g`;
  const webmaster = sql`(select id from people where 'webmaster' = any(roles) order by email limit 1)`;
  // Foreign-key checks off for the bulk inserts, whose ids are drawn from the tables they point at (superuser only, like the reset).
  const bulk = (label: string, query: ReturnType<typeof sql>) => step(label, sql`set session_replication_role = replica; ${query}; set session_replication_role = origin`);

  await bulk(
    "ideas",
    sql`insert into ideas (author_id, title, description, tags, status, status_note, status_changed_at, status_changed_by, created_at, updated_at)
      select ${person(sql`g.r1`)}, 'Idea ' || i || ': ' || (${textArray(IDEA_TOPICS)})[1 + i % 8],
        '<p>What if we tried ' || (${textArray(IDEA_TOPICS)})[1 + i % 8] || '? It would save time and money.</p>',
        array[(${textArray(TAGS)})[1 + i % 6]], s.status,
        case when s.status = 'declined' then 'Not this year: the budget is set.' end,
        case when s.status <> 'new' then s.at + interval '7 days' end,
        case when s.status <> 'new' then ${webmaster} end,
        s.at, s.at
      from ${rows(n.ideas)},
        lateral (select (array['new','new','new','under_review','planned','done','declined'])[1 + g.r2 % 7]::idea_status as status,
          now() - (g.r1 % 700) * interval '1 day' - (g.r2 % 86400) * interval '1 second' as at) s`,
  );
  await step("numbered ideas", sql`create unlogged table bench_pick_idea as select (row_number() over ())::int as n, id from ideas; alter table bench_pick_idea add primary key (n)`);
  await bulk(
    "idea votes",
    sql`insert into idea_votes (idea_id, person_id)
      select (select id from bench_pick_idea where n = 1 + (g.r1 % ${int(n.ideas)})), ${person(sql`g.r2`)} from ${rows(n.votes)}
      on conflict do nothing`,
  );
  await step("idea vote counts", sql`update ideas set vote_count = v.n from (select idea_id, count(*)::int as n from idea_votes group by idea_id) v where v.idea_id = ideas.id`);

  await bulk(
    "wall posts",
    sql`insert into wall_posts (author_id, body, created_at, hidden_at, hidden_by, hidden_reason)
      select ${person(sql`g.r1`)}, 'Post ' || i || ': the ' || (${textArray(IDEA_TOPICS)})[1 + i % 8] || ' pilot starts next week; come and see us in the atrium at lunchtime.',
        s.at, case when i % 100 = 0 then s.at + interval '1 hour' end, case when i % 100 = 0 then ${webmaster} end, case when i % 100 = 0 then 'Off topic' end
      from ${rows(n.wallPosts)}, lateral (select now() - (g.r1 % 700) * interval '1 day' - (g.r2 % 86400) * interval '1 second' as at) s`,
  );
  await step("numbered posts", sql`create unlogged table bench_pick_post as select (row_number() over ())::int as n, id from wall_posts; alter table bench_pick_post add primary key (n)`);
  await bulk(
    "wall favourites",
    sql`insert into wall_favourites (wall_post_id, person_id)
      select (select id from bench_pick_post where n = 1 + (g.r1 % ${int(n.wallPosts)})), ${person(sql`g.r2`)} from ${rows(n.favourites)}
      on conflict do nothing`,
  );
  await step("wall favourite counts", sql`update wall_posts set favourite_count = f.n from (select wall_post_id, count(*)::int as n from wall_favourites group by wall_post_id) f where f.wall_post_id = wall_posts.id`);

  // Queries (G8): one team in fifty accepts them; a third open, a third answered, a third resolved.
  const accepting = Math.max(1, Math.floor(state!.teams / 50));
  await step("teams accepting queries", sql`update teams set accepts_queries = true where id % 50 = 0`);
  await bulk(
    "queries",
    sql`insert into queries (asker_id, team_id, title, body, status, created_at, updated_at, resolved_at)
      select ${person(sql`g.r1`)}, 50 * (1 + g.r2 % ${int(accepting)}), 'Query ' || i || ': who handles ' || (${textArray(IDEA_TOPICS)})[1 + i % 8] || '?',
        'We would like to know who to ask about ' || (${textArray(IDEA_TOPICS)})[1 + i % 8] || ', and by when.',
        (array['open','answered','resolved'])[1 + i % 3]::query_status, s.at, s.at, case when i % 3 = 2 then s.at + interval '2 days' end
      from ${rows(n.queries)}, lateral (select now() - (g.r1 % 700) * interval '1 day' - (g.r2 % 86400) * interval '1 second' as at) s`,
  );
  await bulk(
    "query answers",
    sql`insert into query_answers (query_id, author_id, body, created_at)
      select q.id, ${person(sql`k * 7919 + q.n`)}, 'You want the team for that: I have passed it on, and they will reply this week.', q.created_at + k * interval '1 day'
      from (select id, created_at, row_number() over () as n from queries where status <> 'open') q, generate_series(1, 2) k`,
  );
  await step(
    "accepted answers",
    sql`update queries set accepted_answer_id = a.id
      from (select distinct on (query_id) query_id, id from query_answers order by query_id, created_at) a
      where a.query_id = queries.id and queries.status = 'resolved'`,
  );
  // D4 D7: the bulk inserts ran without triggers (replica role): the search vectors and the tag
  // vocabulary they keep, set here once, set-based.
  await step("search vectors", sql`update ideas set search_vector = portico_idea_vector(title, description, tags);
    update wall_posts set search_vector = portico_text_vector(null, body);
    update queries set search_vector = portico_text_vector(title, body);
    insert into tags (name) select distinct unnest(tags) from ideas on conflict do nothing`);
  await db.execute(sql`drop table bench_pick_person, bench_pick_idea, bench_pick_post`);
  await step("vacuum analyze", sql`vacuum analyze people, ideas, idea_votes, wall_posts, wall_favourites, queries, query_answers, teams`);
  log(`  the apps' data added in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
