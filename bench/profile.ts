/**
 * Where a page's server time goes: starts a production server under the V8 CPU profiler,
 * loads one route for a person as `npm run bench` does, and prints the functions and the
 * packages with the most self time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/portico_bench npx tsx bench/profile.ts /bench-floor
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { BENCH_ORG, BENCH_PASSWORD } from "./large-org";

const route = process.argv[2] ?? "/bench-floor";
const PORT = 3450;
const BASE = `http://localhost:${PORT}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "portico-prof-"));

const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, NODE_ENV: "production", PORTICO_BENCH_FLOOR: "1", AUTH_SECRET: "bench-secret-not-for-production-0123456789", AUTH_URL: BASE, NEXT_TELEMETRY_DISABLED: "1" },
});
for (let i = 0; i < 100; i++) {
  if (await fetch(`${BASE}/login`).then(() => true, () => false)) break;
  await new Promise((r) => setTimeout(r, 300));
}
const csrf = await fetch(`${BASE}/api/auth/csrf`);
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const jar = new Map<string, string>();
const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => { const [p] = c.split(";"); const [k, ...v] = p!.split("="); jar.set(k!, v.join("=")); });
keep(csrf);
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
keep(await fetch(`${BASE}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() }, body: new URLSearchParams({ csrfToken, email: BENCH_ORG, password: BENCH_PASSWORD }) }));
await autocannon({ url: BASE + route, connections: 2, duration: 2, headers: { cookie: cookie() } });
const r = await autocannon({ url: BASE + route, connections: 20, duration: 10, headers: { cookie: cookie() } });
console.log(`${route}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`);
child.kill("SIGINT");
await new Promise((res) => child.once("exit", res));

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error("no profile written");
const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  total += t;
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/(\.next|work)\//, "$1/");
  byFn.set(`${functionName || "(anonymous)"} ${short}:${lineNumber}`, (byFn.get(`${functionName || "(anonymous)"} ${short}:${lineNumber}`) ?? 0) + t);
  const pkg = url.includes("node_modules/") ? url.split("node_modules/")[1]!.split("/").slice(0, url.split("node_modules/")[1]!.startsWith("@") ? 2 : 1).join("/") : url ? (url.includes(".next/") ? ".next " + url.split(".next/")[1]!.split("/").slice(0, 3).join("/") : url.startsWith("node:") ? "node:" : "other") : functionName || "(native)";
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
}
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`).join("\n");
console.log(`\nSelf time by package:\n${top(byPkg, 25)}\n\nSelf time by function:\n${top(byFn, 40)}`);

// Inclusive time: a sample counts once for every package (and a few marked functions) on its stack.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map<string, number>();
const marks = [/jwt\/decrypt|jwtDecrypt|decode/, /hkdf/i, /renderToReadableStream|renderToHTML|prerender/, /middleware/];
profile.samples.forEach((id, i) => {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const m = f.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    if (m) seen.add(`pkg ${m[1]}`);
    if (f.url.includes(".next/server/")) seen.add(`app ${f.url.split(".next/server/")[1]!.split("/").slice(0, 2).join("/")}`);
    for (const re of marks) if (re.test(f.functionName) || re.test(f.url)) seen.add(`mark ${re.source}`);
    if (f.url.includes("@auth/core") || f.url.includes("next-auth")) seen.add(`fn ${f.functionName} ${f.url.replace(/^.*node_modules\//, "")}`);
  }
  for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
console.log(`\nInclusive time:\n${top(inclusive, 45)}`);
