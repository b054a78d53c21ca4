/**
 * Where a page's server time goes, against the floor: starts a production server, loads the
 * floor and then the route (as `npm run bench` does, signed in as the organisational or, with
 * WHO=ext, the external benchmark person) with the V8 CPU profiler running only during each
 * load, and prints, per request, the self time of the functions and packages that differ most.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/portico_bench npx tsx bench/profile.ts /sections/section-320
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { BENCH_EXT, BENCH_ORG, BENCH_PASSWORD } from "./large-org";

const route = process.argv[2] ?? "/feed";
const PORT = 3450;
const BASE = `http://localhost:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const dir = mkdtempSync(path.join(os.tmpdir(), "portico-prof-"));
const profileFile = path.join(dir, "profile.json");

const child = spawn(
  process.execPath,
  ["--require", "./scripts/peer-address.cjs", "--require", "./bench/profile-preload.cjs", "node_modules/next/dist/bin/next", "start", "-p", String(PORT)],
  {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORTICO_BENCH_FLOOR: "1",
      PORTICO_PROFILE_FILE: profileFile,
      AUTH_SECRET: "bench-secret-not-for-production-0123456789",
      AUTH_URL: BASE,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
);
for (let i = 0; i < 100; i++) {
  if (await fetch(`${BASE}/login`).then(() => true, () => false)) break;
  await new Promise((r) => setTimeout(r, 300));
}
/** Signs in and answers the session's cookie header. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) =>
    r.headers.getSetCookie().forEach((c) => {
      const [p] = c.split(";");
      const [k, ...v] = p!.split("=");
      jar.set(k!, v.join("="));
    });
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  keep(
    await fetch(`${BASE}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD }),
    }),
  );
  return cookie();
}
// The floor is an intranet path: as in `npm run bench`, the organisational person loads it.
const floorCookie = await signIn(BENCH_ORG);
const routeCookie = process.env.WHO === "ext" ? await signIn(BENCH_EXT) : floorCookie;

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

/** Loads one URL under the profiler; answers self time (µs) by function and by package, and the request count. */
async function profiled(url: string, cookie: string) {
  await autocannon({ url: BASE + url, connections: 2, duration: 2, headers: { cookie } });
  child.kill("SIGUSR2");
  const r = await autocannon({ url: BASE + url, connections: 20, duration: SECONDS, headers: { cookie } });
  child.kill("SIGUSR2");
  for (let i = 0; i < 50; i++) {
    try {
      const profile = JSON.parse(readFileSync(profileFile, "utf8")) as Profile;
      const requests = r.requests.total;
      console.log(`${url}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`);
      const { byFn, byPkg } = selfTimes(profile);
      rmSync(profileFile);
      return { byFn, byPkg, requests };
    } catch {
      await new Promise((res) => setTimeout(res, 200));
    }
  }
  throw new Error("no profile written");
}

function selfTimes(profile: Profile) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (node.callFrame.functionName === "(idle)") continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/(\.next)\//, "$1/");
    const key = `${functionName || "(anonymous)"} ${short}:${lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + t);
    const inModules = url.split("node_modules/")[1];
    const pkg = inModules
      ? inModules.split("/").slice(0, inModules.startsWith("@") ? 2 : 1).join("/")
      : url.includes(".next/")
        ? `.next ${url.split(".next/")[1]!.split("/").slice(0, 3).join("/")}`
        : url.startsWith("node:")
          ? url
          : functionName || "(native)";
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
  }
  return { byFn, byPkg };
}

const floor = await profiled("/bench-floor", floorCookie);
const page = await profiled(route, routeCookie);
child.kill("SIGINT");
await new Promise((res) => child.once("exit", res));

/** µs a request on the route and on the floor, largest differences first. */
function compare(a: Map<string, number>, b: Map<string, number>, n: number) {
  const keys = new Set([...a.keys(), ...b.keys()]);
  const rows = [...keys].map((k) => {
    const onPage = (a.get(k) ?? 0) / page.requests / 1000;
    const onFloor = (b.get(k) ?? 0) / floor.requests / 1000;
    return { k, onPage, onFloor, diff: onPage - onFloor };
  });
  return rows
    .sort((x, y) => y.diff - x.diff)
    .slice(0, n)
    .map((r) => `${r.onPage.toFixed(2).padStart(6)}  ${r.onFloor.toFixed(2).padStart(6)}  ${r.diff.toFixed(2).padStart(6)}  ${r.k}`)
    .join("\n");
}
const total = (m: Map<string, number>, requests: number) => [...m.values()].reduce((x, y) => x + y, 0) / requests / 1000;
console.log(`\nCPU ms a request in the server (profiled): ${route} ${total(page.byFn, page.requests).toFixed(2)}, floor ${total(floor.byFn, floor.requests).toFixed(2)}`);
console.log(`\nSelf ms a request by package (route, floor, difference):\n${compare(page.byPkg, floor.byPkg, 25)}`);
console.log(`\nSelf ms a request by function (route, floor, difference):\n${compare(page.byFn, floor.byFn, 45)}`);
