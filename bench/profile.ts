/**
 * Where a page's server time goes: starts a production server with the V8 CPU profiler
 * ready (bench/profile-preload.cjs starts and stops it on SIGUSR2, so start-up and warm-up
 * are not in it), loads the bare page (anonymous), the floor (signed in) and, when one is
 * given, a route, and prints per request:
 * - the breakdown of each into the parts of the fixed cost (bench/attribute.ts: middleware,
 *   session decode, viewer query, our code, React's RSC and HTML rendering, Next, Node);
 * - the functions that differ most between the floor and the bare page, and between the
 *   route and the floor.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/portico_bench npx tsx --conditions=react-server bench/profile.ts [/sections/section-320]
 *
 * WHO=ext loads the route as the external benchmark person; KEEP_PROFILES=<folder> keeps the
 * profiles (<label>.cpuprofile, for Chrome's DevTools). A route under /api/v1 is called with a
 * read token of that person (bench/api.ts) instead of their session cookie.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { buildIfNeeded, startServer } from "../scripts/serve";
import { connect } from "../db/connect";
import { benchApiTokens } from "./api";
import { PARTS, attribute, type CpuProfile } from "./attribute";
import { BENCH_EXT, BENCH_ORG } from "./large-org";
import { signIn } from "./sign-in";

const route = process.argv[2];
const PORT = 3450;
const BASE = `http://localhost:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const dir = mkdtempSync(path.join(os.tmpdir(), "portico-prof-"));
const profileFile = path.join(dir, "profile.json");

buildIfNeeded();
const child = await startServer({
  port: PORT,
  preload: [path.resolve("bench/profile-preload.cjs")],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORTICO_BENCH_FLOOR: "1",
    PORTICO_PROFILE_FILE: profileFile,
    // The API at full speed, not at a token's rate limit (D2).
    PORTICO_API_RATE_LIMIT: "1000000",
    AUTH_SECRET: "bench-secret-not-for-production-0123456789",
    AUTH_URL: BASE,
  },
});

/** How the route is called as `email`: with their API token for /api/v1, else with their session. */
async function routeHeaders(email: string): Promise<Record<string, string>> {
  if (!route!.startsWith("/api/v1")) return { cookie: await signIn(BASE, email) };
  const connection = await connect({ max: 1 });
  try {
    return { authorization: (await benchApiTokens(connection.db, [email])).get(email)! };
  } finally {
    await connection.close();
  }
}

interface Profiled {
  label: string;
  requests: number;
  parts: Map<string, number>;
  bySource: Map<string, number>;
}

/** Loads one URL under the profiler; answers self time (µs) by part and by function, and the request count. */
async function profiled(label: string, url: string, headers: Record<string, string>): Promise<Profiled> {
  await autocannon({ url: BASE + url, connections: 2, duration: 2, headers });
  child.kill("SIGUSR2");
  const r = await autocannon({ url: BASE + url, connections: CONNECTIONS, duration: SECONDS, headers });
  child.kill("SIGUSR2");
  for (let i = 0; i < 50; i++) {
    try {
      const profile = JSON.parse(readFileSync(profileFile, "utf8")) as CpuProfile;
      if (process.env.KEEP_PROFILES) writeFileSync(path.join(process.env.KEEP_PROFILES, `${label}.cpuprofile`), JSON.stringify(profile));
      rmSync(profileFile);
      console.log(`${label} ${url}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`);
      return { label, requests: r.requests.total, ...attribute(profile) };
    } catch {
      await new Promise((res) => setTimeout(res, 200));
    }
  }
  throw new Error("no profile written");
}

try {
  const org = await signIn(BASE, BENCH_ORG);
  const runs = [await profiled("bare", "/bench-bare", {}), await profiled("floor", "/bench-floor", { cookie: org })];
  if (route) runs.push(await profiled("route", route, await routeHeaders(process.env.WHO === "ext" ? BENCH_EXT : BENCH_ORG)));

  const perRequest = (p: Profiled, micros: number | undefined) => (micros ?? 0) / p.requests / 1000;
  const ms = (x: number) => x.toFixed(2).padStart(6);
  console.log(`\n## CPU ms a request by part (profiled, ${CONNECTIONS} connections)\n`);
  console.log(`| part | ${runs.map((r) => r.label).join(" | ")} |`);
  console.log(`| --- |${runs.map(() => " ---: |").join("")}`);
  for (const part of PARTS) console.log(`| ${part} | ${runs.map((r) => ms(perRequest(r, r.parts.get(part)))).join(" | ")} |`);
  const total = (r: Profiled) => [...r.parts.values()].reduce((a, b) => a + b, 0);
  console.log(`| **total** | ${runs.map((r) => `**${ms(perRequest(r, total(r))).trim()}**`).join(" | ")} |`);

  /** ms a request on `a` and `b`, largest differences first. */
  const compare = (a: Profiled, b: Profiled, n: number) => {
    const keys = new Set([...a.bySource.keys(), ...b.bySource.keys()]);
    return [...keys]
      .map((k) => ({ k, onA: perRequest(a, a.bySource.get(k)), onB: perRequest(b, b.bySource.get(k)) }))
      .sort((x, y) => y.onA - y.onB - (x.onA - x.onB))
      .slice(0, n)
      .map((r) => `${ms(r.onA)}  ${ms(r.onB)}  ${ms(r.onA - r.onB)}  ${r.k}`)
      .join("\n");
  };
  console.log(`\n## Self ms a request by function: floor, bare, difference\n\n${compare(runs[1]!, runs[0]!, 40)}`);
  console.log(`\n## Self ms a request by function: bare alone\n\n${compare(runs[0]!, { ...runs[0]!, bySource: new Map() }, 30)}`);
  if (route) console.log(`\n## Self ms a request by function: ${route}, floor, difference\n\n${compare(runs[2]!, runs[1]!, 40)}`);
} finally {
  child.kill("SIGINT");
  await new Promise((res) => (child.exitCode !== null ? res(null) : child.once("exit", res)));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
