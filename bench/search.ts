/**
 * npm run bench:search — M1's search box (and the people picker) at 100 000 people on the
 * real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), in
 * a scratch database created and dropped here. The exact SQL lib/people/search.ts sends
 * (captured from the driver) is run under EXPLAIN ANALYZE with the trigram indexes of
 * migration search_trgm ("after") and, in a transaction rolled back, without them
 * ("before"). Prints figures and, with VERBOSE=1, the plans; asserts nothing.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { connectPostgres, type Db } from "../db/connect";
import { migrate } from "../db/migrate";
import * as schema from "../db/schema";
import { adminUrl, databaseUrl } from "../db/testing/postgres";
import { listPeopleForAdmin } from "../lib/people/admin-queries";
import { searchPeople } from "../lib/people/search";

const PEOPLE = Number(process.env.PEOPLE || 100_000);
const verbose = process.env.VERBOSE === "1";
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const name = `portico_bench_search_${Date.now().toString(36)}`;
const admin = connectPostgres(adminUrl(url), { max: 1 });
await admin.db.execute(`create database "${name}"`);
const conn = connectPostgres(databaseUrl(url, name), { max: 1 });

const FIRST = ["Ann", "Anna", "Hannah", "Joanne", "John", "Jane", "Peter", "Maria", "Ahmed", "Li", "Olga", "Sven", "Chloé", "Marek", "Fatima", "Tom", "Lucy", "Omar", "Ines", "Karl"];
const LAST = ["Smith", "Lee", "Brown", "Ford", "Nowak", "García", "Müller", "Khan", "Rossi", "Dubois", "Berg", "Price", "Wong", "Silva", "Jones", "Novak", "Stone", "Walsh", "Costa", "Fischer"];

// The statements the app sends, captured as they go to the server.
let captured: { text: string; params: unknown[] } | null = null;
const client = postgres(databaseUrl(url, name), {
  max: 1,
  onnotice: () => {},
  connection: { jit: "off" },
  debug: (_c, text, params) => (captured = { text, params: params as unknown[] }),
});
const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
const webmaster = { id: "00000000-0000-0000-0000-000000000000", isWebmaster: true };

async function capture(run: () => Promise<unknown>) {
  captured = null;
  await run();
  return captured!;
}

async function explain(sql: postgres.Sql | postgres.TransactionSql, q: { text: string; params: unknown[] }) {
  await sql.unsafe(q.text, q.params as never[]); // warm
  const rows = await sql.unsafe(`explain (analyze, buffers) ${q.text}`, q.params as never[]);
  const plan = rows.map((r) => r["QUERY PLAN"] as string);
  return { plan, ms: Number(plan.find((l) => l.startsWith("Execution Time"))?.match(/([\d.]+) ms/)?.[1] ?? NaN) };
}

try {
  await migrate(conn);
  await conn.db.execute(`
    insert into people (email, name, audience, blocked, authorised_at)
    select lower(translate(f, 'éü', 'eu')) || '.' || lower(translate(l, 'íüé', 'iue')) || i || '@' || (case when i % 5 = 0 then 'partner.example' else 'example.org' end),
           f || ' ' || l || (case when i % 1000 = 0 then ' Quennell' else '' end),
           (case when i % 5 = 0 then 'external' else 'organisational' end)::audience, i % 97 = 0, now()
    from generate_series(1, ${PEOPLE}) i,
         lateral (select (array['${FIRST.join("','")}'])[1 + i % ${FIRST.length}] as f, (array['${LAST.join("','")}'])[1 + (i / ${FIRST.length}) % ${LAST.length}] as l) n`);
  await conn.db.execute("vacuum analyze people");

  const terms: [string, string][] = [
    ["ann", "common (Ann, Anna, Hannah, Joanne: 20 %)"],
    ["müller", "common, non-ASCII (5 %)"],
    ["quennell", "rare (0.1 %)"],
    ["lee4242", "rare e-mail fragment (10 people)"],
    ["@partner", "e-mail fragment (20 %)"],
    ["zzq", "no match, 3 letters"],
    ["an", "2 letters, common"],
    ["qz", "2 letters, no match"],
    ["_%", "wildcards, literal (no match)"],
  ];
  const queries: { label: string; term: string; q: { text: string; params: unknown[] } }[] = [];
  for (const [term, what] of terms) {
    queries.push({ label: `user table, by name: "${term}" — ${what}`, term, q: await capture(() => listPeopleForAdmin(webmaster, { filter: "all", sort: "name", q: term }, db)) });
    queries.push({ label: `user table, by e-mail: "${term}"`, term, q: await capture(() => listPeopleForAdmin(webmaster, { filter: "all", sort: "email", q: term }, db)) });
    queries.push({ label: `people picker: "${term}"`, term, q: await capture(() => searchPeople(term, { db })) });
  }
  const counts = new Map<string, number>();
  for (const [term] of terms) {
    const [row] = await client`select count(*)::int as n from people where name ilike ${`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or email ilike ${`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
    counts.set(term, row!.n as number);
  }

  const after: { plan: string[]; ms: number }[] = [];
  for (const x of queries) after.push(await explain(client, x.q));
  const before: { plan: string[]; ms: number }[] = [];
  await client
    .begin(async (tx) => {
      await tx.unsafe("drop index people_name_trgm_idx; drop index people_email_trgm_idx");
      for (const x of queries) before.push(await explain(tx, x.q));
      throw new Error("rollback");
    })
    .catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });

  console.log(`PostgreSQL, ${PEOPLE} people (${name})\n`);
  console.log("| query | matches | before (ms) | plan before | after (ms) | plan after |\n| --- | --- | --- | --- | --- | --- |");
  queries.forEach((x, i) => {
    const scans = (plan: string[]) => plan.filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/^->\s*/, "").replace(/\s+\(cost.*$/, "").replace(/ on people$/, "")).join(" + ");
    console.log(`| ${x.label} | ${counts.get(x.term)} | ${before[i]!.ms.toFixed(1)} | ${scans(before[i]!.plan)} | ${after[i]!.ms.toFixed(1)} | ${scans(after[i]!.plan)} |`);
  });
  if (verbose) {
    queries.forEach((x, i) => {
      console.log(`\n#### ${x.label}\n\nbefore:\n\`\`\`\n${before[i]!.plan.join("\n")}\n\`\`\`\nafter:\n\`\`\`\n${after[i]!.plan.join("\n")}\n\`\`\``);
    });
  }
} finally {
  await client.end();
  await conn.close();
  await admin.db.execute(`drop database "${name}" with (force)`);
  await admin.close();
}
