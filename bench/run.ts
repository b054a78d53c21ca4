/**
 * npm run bench — the pages under load, beside a floor measured in the same run.
 *
 * A production build serves the pages; autocannon (this process) loads them with 20
 * connections for 10 s each: the floor (/bench-floor: the same layout, no data), then
 * /feed, /sections/<slug> and /content/<id> for an organisational and an external person.
 * It prints req/s, p50 and p99 latency, and the ratios to the floor.
 *
 * - DATABASE_URL set: PostgreSQL. The large organisation (bench/large-org.ts: 100 000
 *   people, 1 000 000 items) in database `portico_bench`, and a 10 × smaller one in
 *   `portico_bench_small` on the same server, each built when missing; both are run, to
 *   show that cost does not grow with the organisation.
 * - Otherwise: embedded PGlite with a 10 000-item organisation in a scratch folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { and, asc, eq, sql } from "drizzle-orm";
import { connect, connectPostgres } from "../db/connect";
import { content, people, sections } from "../db/schema";
import { visibleSections } from "../lib/access/filters";
import { adminUrl, databaseUrl } from "../db/testing/postgres";
import { buildIfNeeded, startServer } from "../scripts/serve";
import { BENCH_EXT, BENCH_ORG, BENCH_PASSWORD, buildLargeOrg } from "./large-org";

const PORT = Number(process.env.BENCH_PORT || 3400);
const BASE = `http://localhost:${PORT}`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const DURATION = Number(process.env.BENCH_SECONDS || 10);

interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

/** Builds the organisation when the benchmark people are missing; returns each person's targets. */
async function prepare(scale: number) {
  const probe = await connect({ max: 1 });
  const [present] = await probe.db.select({ n: sql<number>`count(*)::int` }).from(people).where(eq(people.email, BENCH_ORG)).catch(() => [{ n: 0 }]);
  await probe.close();
  if (!present?.n) {
    console.log(`Building the benchmark organisation (scale ${scale}) in ${probe.location}…`);
    await buildLargeOrg(scale, () => {});
  }
  const conn = await connect({ max: 1 });
  try {
    const targets: Record<string, { section: string; item: string }> = {};
    for (const email of [BENCH_ORG, BENCH_EXT]) {
      const [p] = await conn.db.select({ id: people.id, audience: people.audience }).from(people).where(eq(people.email, email));
      const viewer = { id: p!.id, audience: p!.audience, isWebmaster: false };
      // A section this person can view that has content, and one of its items.
      const [row] = await conn.db
        .select({ slug: sections.slug, item: content.id })
        .from(sections)
        .innerJoin(content, and(eq(content.homeSectionId, sections.id), eq(content.status, "published")))
        .where(visibleSections(viewer))
        .orderBy(asc(sections.id))
        .limit(1);
      targets[email] = { section: row!.slug, item: row!.item };
    }
    return { targets, location: conn.location };
  } finally {
    await conn.close();
  }
}

async function signIn(email: string): Promise<string> {
  const csrfResponse = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!, value.join("="));
    }
  };
  keep(csrfResponse);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD }),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`Sign-in failed for ${email}`);
  return cookie();
}

async function load(label: string, url: string, cookie: string): Promise<Figures> {
  // A short warm-up so the first compile of each route is not measured.
  await autocannon({ url: BASE + url, connections: 2, duration: 1, headers: { cookie } });
  const r = await autocannon({ url: BASE + url, connections: CONNECTIONS, duration: DURATION, headers: { cookie } });
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts };
}

async function runOne(name: string, env: Record<string, string>, scale: number): Promise<Figures[]> {
  Object.assign(process.env, env);
  const { targets, location } = await prepare(scale);
  console.log(`\n## ${name} (${location})`);
  const server = await startServer({
    port: PORT,
    env: { ...process.env, NODE_ENV: "production", PORTICO_BENCH_FLOOR: "1", AUTH_SECRET: "bench-secret-not-for-production-0123456789", AUTH_URL: BASE },
  });
  try {
    const cookies = { org: await signIn(BENCH_ORG), ext: await signIn(BENCH_EXT) };
    const results: Figures[] = [await load("floor (layout, no data)", "/bench-floor", cookies.org)];
    for (const [who, email, cookie] of [
      ["organisational", BENCH_ORG, cookies.org],
      ["external", BENCH_EXT, cookies.ext],
    ] as const) {
      results.push(await load(`/feed (${who})`, "/feed", cookie));
      results.push(await load(`/sections/<slug> (${who})`, `/sections/${targets[email]!.section}`, cookie));
      results.push(await load(`/content/<id> (${who})`, `/content/${targets[email]!.item}`, cookie));
    }
    const floor = results[0]!;
    console.log(`\n${CONNECTIONS} connections, ${DURATION} s each\n`);
    console.log("| route | req/s | p50 ms | p99 ms | req/s vs floor | p99 vs floor | non-2xx/errors |");
    console.log("| --- | --- | --- | --- | --- | --- | --- |");
    for (const r of results) {
      console.log(
        `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${((r.rps / floor.rps) * 100).toFixed(0)} % | ${(r.p99 / floor.p99).toFixed(2)} × | ${r.bad} |`,
      );
    }
    return results;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  }
}

buildIfNeeded();
const server = process.env.DATABASE_URL;
if (server) {
  const admin = connectPostgres(adminUrl(server), { max: 1 });
  for (const db of ["portico_bench", "portico_bench_small"]) {
    await admin.db.execute(sql.raw(`create database ${db}`)).catch(() => {}); // exists already: reused
  }
  await admin.close();
  const full = await runOne("PostgreSQL, 100 000 people, 1 000 000 items", { DATABASE_URL: databaseUrl(server, "portico_bench") }, 1);
  const small = await runOne("PostgreSQL, 10 × smaller", { DATABASE_URL: databaseUrl(server, "portico_bench_small") }, 0.1);
  console.log("\n## Does cost grow with the organisation? (req/s at 10 × smaller ÷ req/s at full size)\n");
  for (const [i, r] of full.entries()) console.log(`- ${r.label}: ${((small[i]!.rps / r.rps - 1) * 100).toFixed(0)} % faster`);
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portico-bench-"));
  try {
    await runOne("PGlite, 10 000 items", { PORTICO_DATA_DIR: dir }, 0.01);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(0);
