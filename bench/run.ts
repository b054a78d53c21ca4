/**
 * npm run bench — the pages under load, beside a floor measured in the same run.
 *
 * A production build serves the pages; autocannon (this process) loads them with 20
 * connections for 30 s each (in 5 rounds): the bare page (/bench-bare: anonymous, the root
 * layout, no data), the floor (/bench-floor: signed in, the portal's layout, no data), /login,
 * then /feed, /sections/<slug>, /content/<id> (200 comments), /groups, /groups/<slug>, a group file's page, /notifications,
 * /people searched for a common and a rare term, a profile, /ideas, /wall and /queries for an
 * organisational and an external person (bench/apps.ts adds the apps' data and turns their switches on).
 * It prints req/s, p50 and p99 latency, CPU a request, the ratios to the floor and the bare
 * page, the fixed-cost targets (bench/budget.ts), and any route whose CPU a request rose by
 * more than 10 % against the budget recorded in bench/README.md.
 *
 * - DATABASE_URL set: PostgreSQL. The large organisation (bench/large-org.ts: 100 000
 *   people, 1 000 000 items) in database `portico_bench`, and a 10 × smaller one in
 *   `portico_bench_small` on the same server, each built when missing; both are run, to
 *   show that cost does not grow with the organisation.
 * - Otherwise: embedded PGlite with a 10 000-item organisation in a scratch folder.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import type { EventEmitter } from "node:events";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { connect, connectPostgres, rowsOf } from "../db/connect";
import { content, groupFiles, groups, people, sections } from "../db/schema";
import { visibleSections } from "../lib/access/filters";
import { adminUrl, databaseUrl } from "../db/testing/postgres";
import { buildIfNeeded, startServer } from "../scripts/serve";
import { checkBudget, printTargets } from "./budget";
import { VIEWING_AS, BENCH_WEBMASTER, ensureBenchWebmaster, printViewAsTargets, viewAsBenchPerson } from "./view-as";
import { benchApiTokens, printApiTargets } from "./api";
import { BARE, FLOOR, type Figures } from "./figures";
import { tagHref } from "../lib/tags/schemas";
import { BENCH_SEARCH_APPS, BENCH_SEARCH_COMMON, BENCH_SEARCH_RARE, BENCH_TAG } from "./search-terms";
import { BENCH_COMMON_TERM, BENCH_RARE_TERM, ensureBenchApps } from "./apps";
import { ensureBenchEvents } from "./events";
import { ensureBenchConversation } from "./conversation";
import { BENCH_EXT, BENCH_ORG, buildLargeOrg } from "./large-org";
import { signIn } from "./sign-in";

const PORT = Number(process.env.BENCH_PORT || 3400);
const BASE = `http://localhost:${PORT}`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
// 30 s a route: in 10 s runs the floor itself moved by ±15 % between runs (bench/README.md, session 5).
const DURATION = Number(process.env.BENCH_SECONDS || 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

/** Builds the organisation when the benchmark people are missing; returns each person's targets. */
/** The group each benchmark person's group pages are read in: one of theirs, public (bench/large-org.ts). */
const benchGroupOf = (email: string) => (email === BENCH_ORG ? "group-1" : "group-2");

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
    await ensureBenchApps(conn.db);
    await ensureBenchEvents(conn.db);
    await ensureBenchWebmaster(conn.db);
    const targets: Record<string, { section: string; item: string; file: string | null; profile: string }> = {};
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
      // A file of the group the benchmark reads for this person (bench/large-org.ts gives every group some).
      const [file] = await conn.db
        .select({ id: groupFiles.id })
        .from(groupFiles)
        .innerJoin(groups, eq(groups.id, groupFiles.groupId))
        .where(eq(groups.slug, benchGroupOf(email)))
        .orderBy(desc(groupFiles.updatedAt))
        .limit(1);
      // P6: the profile of the person who wrote that item (their recent content is on it).
      const [author] = await conn.db.select({ id: content.authorId }).from(content).where(eq(content.id, row!.item));
      targets[email] = { section: row!.slug, item: row!.item, file: file?.id ?? null, profile: author!.id! };
      await ensureBenchConversation(conn.db, viewer, row!.item);
    }
    return { targets, location: conn.location };
  } finally {
    await conn.close();
  }
}

/** Clock ticks of CPU (user + system) used so far by these processes; gone ones count 0. */
function cpuTicks(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended, or this is not Linux
    }
  }
  return total;
}
const TICKS_PER_SECOND = Number(process.env.CLK_TCK || 100);

/** The server process and everything it started. */
function processTree(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

interface Burst {
  ok: number;
  bad: number;
  seconds: number;
  latencies: number[];
  cpuSeconds: number;
  dbCpuSeconds: number;
}

/**
 * One burst of load on one route. Besides requests and latencies it counts the CPU time the
 * server (and, on PostgreSQL, the database backends serving it) spent, so a route's cost per
 * request can be compared with the floor's even while other work shares the machine.
 */
async function burst(url: string, headers: Record<string, string>, seconds: number, cost: CostProbe): Promise<Burst> {
  const serverPids = processTree(cost.serverPid);
  const serverBefore = cpuTicks(serverPids);
  const pidsBefore = await cost.databasePids();
  const cpuBefore = cpuTicks(pidsBefore);
  const latencies: number[] = [];
  const started = performance.now();
  // Without a callback autocannon answers its tracker: an EventEmitter that is also thenable.
  const instance = autocannon({ url: BASE + url, connections: CONNECTIONS, duration: seconds, headers }) as unknown as Promise<autocannon.Result> & EventEmitter;
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const r = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const server = (cpuTicks(serverPids) - serverBefore) / TICKS_PER_SECOND;
  // Backends present at both ends: one that came or went mid-burst is left out.
  const pidsAfter = await cost.databasePids();
  const both = pidsAfter.filter((p) => pidsBefore.includes(p));
  const database = (cpuTicks(both) - cpuBefore + cpuTicks(pidsBefore.filter((p) => !both.includes(p)))) / TICKS_PER_SECOND;
  return { ok: latencies.length, bad: r.non2xx + r.errors + r.timeouts, seconds: elapsed, latencies, cpuSeconds: server + database, dbCpuSeconds: database };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Route {
  label: string;
  url: string;
  cookie: string;
  /** D2: an API route's Authorization header (a personal token). */
  authorization?: string;
}

const headersOf = (route: Pick<Route, "cookie" | "authorization">) => ({ cookie: route.cookie, ...(route.authorization ? { authorization: route.authorization } : {}) });

/**
 * Loads every route in ROUNDS rounds, each route for DURATION / ROUNDS seconds a round,
 * the floor first in each: whatever else the machine is doing affects the floor and the
 * pages alike, so the ratios hold even when the absolute figures move.
 */
interface CostProbe {
  serverPid: number;
  databasePids: () => Promise<number[]>;
}

async function loadInterleaved(routes: Route[], cost: CostProbe): Promise<Figures[]> {
  for (const route of routes) await autocannon({ url: BASE + route.url, connections: 2, duration: 1, headers: headersOf(route) });
  const totals = routes.map(() => ({ ok: 0, bad: 0, seconds: 0, latencies: [] as number[], cpuSeconds: 0, dbCpuSeconds: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, route] of routes.entries()) {
      const b = await burst(route.url, headersOf(route), Math.max(1, Math.round(DURATION / ROUNDS)), cost);
      const t = totals[i]!;
      t.ok += b.ok;
      t.bad += b.bad;
      t.seconds += b.seconds;
      t.cpuSeconds += b.cpuSeconds;
      t.dbCpuSeconds += b.dbCpuSeconds;
      t.latencies.push(...b.latencies);
    }
  }
  return routes.map((route, i) => {
    const t = totals[i]!;
    const sorted = t.latencies.sort((a, b) => a - b);
    return {
      label: route.label,
      rps: t.ok / t.seconds,
      p50: Math.round(percentile(sorted, 50)),
      p99: Math.round(percentile(sorted, 99)),
      bad: t.bad,
      cpuMs: t.ok ? (t.cpuSeconds * 1000) / t.ok : NaN,
      dbCpuMs: t.ok ? (t.dbCpuSeconds * 1000) / t.ok : NaN,
    };
  });
}

/** The PostgreSQL backends serving the benchmark database (the server's pool), when it runs on this machine. */
function databaseBackends(url: string | undefined) {
  if (!url) return { pids: async () => [] as number[], close: async () => {} };
  const probe = connectPostgres(url, { max: 1 });
  return {
    pids: async () =>
      rowsOf<{ pid: number }>(await probe.db.execute(sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)).map((r) => Number(r.pid)),
    close: () => probe.close(),
  };
}

/** A server left from an earlier run would answer in the new one's place, with the old code and none of its CPU counted. */
async function expectPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () => reject(new Error(`port ${port} is in use (a server left from an earlier run?): stop it, or set BENCH_PORT`)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

async function runOne(name: string, env: Record<string, string>, scale: number): Promise<Figures[]> {
  Object.assign(process.env, env);
  await expectPortFree(PORT);
  const { targets, location } = await prepare(scale);
  console.log(`\n## ${name} (${location})`);
  const server = await startServer({
    port: PORT,
    // The API is measured at full speed, not at a token's rate limit (D2).
    env: { ...process.env, NODE_ENV: "production", PORTICO_BENCH_FLOOR: "1", PORTICO_API_RATE_LIMIT: "1000000", AUTH_SECRET: "bench-secret-not-for-production-0123456789", AUTH_URL: BASE },
  });
  try {
    const cookies = { org: await signIn(BASE, BENCH_ORG), ext: await signIn(BASE, BENCH_EXT), viewingAs: await signIn(BASE, BENCH_WEBMASTER) };
    const sessions = await connect({ max: 1 });
    await viewAsBenchPerson(sessions.db);
    const tokens = await benchApiTokens(sessions.db, [BENCH_ORG, BENCH_EXT]);
    await sessions.close();
    // D1: the webmaster's own figures, in a session signed in after the view-as one was set.
    const webmaster = await signIn(BASE, BENCH_WEBMASTER);
    // The bare page (anonymous: root layout, no session, no data) and the floor (signed in:
    // session, viewer, the portal's layout, no data) come first; every page is read against them.
    const routes: Route[] = [
      { label: BARE, url: "/bench-bare", cookie: "" },
      { label: FLOOR, url: "/bench-floor", cookie: cookies.org },
      { label: "/login (anonymous)", url: "/login", cookie: "" },
      // D1 D6: the whole site's figures over the last 30 days (bench/analytics.ts adds a year of them).
      { label: "/analytics (webmaster)", url: "/analytics", cookie: webmaster },
    ];
    for (const [who, email, cookie] of [
      ["organisational", BENCH_ORG, cookies.org],
      ["external", BENCH_EXT, cookies.ext],
    ] as const) {
      routes.push({ label: `/feed (${who})`, url: "/feed", cookie });
      // C7: the events page, this month's grid and the upcoming list (bench/large-org.ts gives its items no dates: the access and layout's cost).
      routes.push({ label: `/events (${who})`, url: "/events", cookie });
      routes.push({ label: `/events?view=list (${who})`, url: "/events?view=list", cookie });
      routes.push({ label: `/sections (${who})`, url: "/sections", cookie });
      routes.push({ label: `/sections/<slug> (${who})`, url: `/sections/${targets[email]!.section}`, cookie });
      routes.push({ label: `/content/<id> (${who})`, url: `/content/${targets[email]!.item}`, cookie });
      routes.push({ label: `/groups (${who})`, url: "/groups", cookie });
      // A group of theirs (bench/large-org.ts): public for the organisational person, and for the external one too.
      routes.push({ label: `/groups/<slug> (${who})`, url: `/groups/${benchGroupOf(email)}`, cookie });
      const file = targets[email]!.file;
      if (file) routes.push({ label: `/groups/<slug>/files/<id> (${who})`, url: `/groups/${benchGroupOf(email)}/files/${file}`, cookie });
      // K5: the notification centre, 300 notifications of which 30 unread (bench/conversation.ts).
      routes.push({ label: `/notifications (${who})`, url: "/notifications", cookie });
      // P6 G4: the directory searched for a common and a rare term, a profile, and the three apps (bench/apps.ts: switches on).
      routes.push({ label: `/people?q=${BENCH_COMMON_TERM} (${who})`, url: `/people?q=${encodeURIComponent(BENCH_COMMON_TERM)}`, cookie });
      routes.push({ label: `/people?q=${BENCH_RARE_TERM} (${who})`, url: `/people?q=${encodeURIComponent(BENCH_RARE_TERM)}`, cookie });
      routes.push({ label: `/people/<id> (${who})`, url: `/people/${targets[email]!.profile}`, cookie });
      routes.push({ label: `/ideas (${who})`, url: "/ideas", cookie });
      routes.push({ label: `/wall (${who})`, url: "/wall", cookie });
      routes.push({ label: `/queries (${who})`, url: "/queries", cookie });
      // D4: search, a common and a rare word and a word in every wall post (organisational people only: external people get 403, E4).
      if (who === "organisational") {
        routes.push({ label: `/search?q=${BENCH_SEARCH_COMMON} (${who})`, url: `/search?q=${encodeURIComponent(BENCH_SEARCH_COMMON)}`, cookie });
        routes.push({ label: `/search?q=${BENCH_SEARCH_RARE} (${who})`, url: `/search?q=${encodeURIComponent(BENCH_SEARCH_RARE)}`, cookie });
        routes.push({ label: `/search?q=${BENCH_SEARCH_APPS} (${who})`, url: `/search?q=${encodeURIComponent(BENCH_SEARCH_APPS)}`, cookie });
      }
      // D7: a tag's page.
      routes.push({ label: `/tags/<tag> (${who})`, url: tagHref(BENCH_TAG), cookie });
      // D2: the same section read through the API with the person's token, and who the token is.
      routes.push({ label: `/api/v1/sections/<slug> (${who})`, url: `/api/v1/sections/${targets[email]!.section}`, cookie: "", authorization: tokens.get(email) });
      routes.push({ label: `/api/v1/me (${who})`, url: "/api/v1/me", cookie: "", authorization: tokens.get(email) });
      // D2: the API's other reads of what people read most: an item, a group, a search.
      routes.push({ label: `/api/v1/content/<id> (${who})`, url: `/api/v1/content/${targets[email]!.item}`, cookie: "", authorization: tokens.get(email) });
      routes.push({ label: `/api/v1/groups/<slug> (${who})`, url: `/api/v1/groups/${benchGroupOf(email)}`, cookie: "", authorization: tokens.get(email) });
      // D2: the API's lists, each its page's own listing query: the groups directory, the people
      // directory (E4/E5: an external person's answer is what their switches allow), teams, a tag,
      // an item's comments and a group's files.
      const api = (label: string, url: string) => routes.push({ label: `/api/v1/${label} (${who})`, url: `/api/v1/${url}`, cookie: "", authorization: tokens.get(email) });
      api("groups", "groups");
      api("people?q=<rare>", `people?q=${encodeURIComponent(BENCH_RARE_TERM)}`);
      if (who === "organisational") api("teams", "teams"); // E5: the external benchmark person has no Teams switch (403)
      api("tags/<tag>", `tags/${encodeURIComponent(BENCH_TAG)}`);
      api("content/<id>/comments", `content/${targets[email]!.item}/comments`);
      api("groups/<slug>/files", `groups/${benchGroupOf(email)}/files`);
      if (who === "organisational") {
        routes.push({ label: `/api/v1/search?q=${BENCH_SEARCH_RARE} (${who})`, url: `/api/v1/search?q=${encodeURIComponent(BENCH_SEARCH_RARE)}`, cookie: "", authorization: tokens.get(email) });
      }
      // B2: the webmaster viewing as the organisational person reads the pages they read most.
      if (who === "organisational") {
        routes.push({ label: `/feed (${VIEWING_AS})`, url: "/feed", cookie: cookies.viewingAs });
        routes.push({ label: `/sections/<slug> (${VIEWING_AS})`, url: `/sections/${targets[email]!.section}`, cookie: cookies.viewingAs });
        routes.push({ label: `/content/<id> (${VIEWING_AS})`, url: `/content/${targets[email]!.item}`, cookie: cookies.viewingAs });
      }
    }
    // BENCH_ONLY=feed,sections: the floor and the routes whose label holds one of these (for iterating).
    const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
    if (only) routes.splice(2, routes.length, ...routes.slice(2).filter((r) => only.some((o) => r.label.includes(o))));
    const cost = databaseBackends(env.DATABASE_URL);
    const results = await loadInterleaved(routes, { serverPid: server.pid!, databasePids: cost.pids });
    await cost.close();
    const [bare, floor] = [results[0]!, results[1]!];
    console.log(`\n${CONNECTIONS} connections, ${DURATION} s a route in ${ROUNDS} rounds (each round: every route in turn); load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
    console.log("| route | req/s | p50 ms | p99 ms | req/s vs floor | p99 vs floor | CPU ms a request (of which database) | CPU vs floor | CPU vs bare | non-2xx/errors |");
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of results) {
      console.log(
        `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${((r.rps / floor.rps) * 100).toFixed(0)} % | ${(r.p99 / floor.p99).toFixed(2)} × | ${r.cpuMs.toFixed(1)} (${r.dbCpuMs.toFixed(1)}) | ${(r.cpuMs / floor.cpuMs).toFixed(2)} × | ${(r.cpuMs / bare.cpuMs).toFixed(2)} × | ${r.bad} |`,
      );
    }
    printTargets(results, { bare, floor });
    printViewAsTargets(results);
    printApiTargets(results, floor);
    checkBudget(name, results);
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
  if (process.env.BENCH_SMALL === "0") process.exit(0);
  const small = await runOne("PostgreSQL, 10 × smaller", { DATABASE_URL: databaseUrl(server, "portico_bench_small") }, 0.1);
  console.log("\n## Does cost grow with the organisation? (10 × smaller against full size, each as a ratio to its own run's floor)\n");
  const [fullFloor, smallFloor] = [full[1]!, small[1]!];
  for (const [i, r] of full.entries()) {
    const s = small[i]!;
    const faster = (s.rps / smallFloor.rps / (r.rps / fullFloor.rps) - 1) * 100;
    const cheaper = (1 - s.cpuMs / smallFloor.cpuMs / (r.cpuMs / fullFloor.cpuMs)) * 100;
    console.log(`- ${r.label}: ${faster.toFixed(0)} % more req/s, ${cheaper.toFixed(0)} % less CPU a request`);
  }
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portico-bench-"));
  try {
    await runOne("PGlite, 10 000 items", { PORTICO_DATA_DIR: dir }, 0.01);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(0);
