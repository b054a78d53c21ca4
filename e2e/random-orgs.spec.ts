/**
 * The access rules (S2–S7, C2–C5) on the pages themselves, for random organisations.
 * lib/access/model.test.ts compares every data query with the reference model
 * (lib/access/testing/reference-model.ts, written from the rules alone, docs/RULES.md)
 * for 200 generated organisations; this spec renders the pages for a few of them. Each
 * organisation gets its own production server on its own fresh database
 * (scripts/e2e-server.ts with E2E_ORG_FILE); every person signs in over HTTP (blocked
 * people must be refused) and asks for every surface: the home page, the feed, "my
 * content", every section and every item, and the apps and directories (/ideas, /wall,
 * /queries, /people, /locations). Statuses must be what the model says (S2–S7, C2, C5, E5),
 * what the model says is visible must be listed where it belongs (C4, G4), and no byte of
 * any response — HTML with its inline RSC payload, and the RSC payload itself — may hold
 * the title of a section or item the person may not view (C3, C5), nor an idea, wall post
 * or query of an app that is not theirs (E4 E5).
 *
 * Environment: RANDOM_ORGS (default 3), FC_SEED (organisation i uses FC_SEED + i; by
 * default a random seed, printed, so that a failure can be replayed with
 * `FC_SEED=<seed> RANDOM_ORGS=1`). Servers listen on E2E_PORT + 20 + i.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { type APIRequestContext, type TestInfo } from "@playwright/test";
import fc from "fast-check";
import type { OrgFile } from "../lib/org-file/schema";
import { TITLE_PATTERN, orgArb } from "../lib/testing/random-org";
import type { PersonModel } from "../lib/access/testing/reference-model";
import { expect, signInOverHttp, test } from "./fixtures";

const COUNT = Number(process.env.RANDOM_ORGS ?? 3);
const FIXED_SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const MAIN_PORT = Number(process.env.E2E_PORT || 3100);
/** Page sizes of the pages (lib/content/listings.ts PAGE_SIZE; the home pages' widgets). */
const PAGE_SIZE = 20;
const INTRANET_HOME_NEWS = 6;
const INTRANET_HOME_POLICIES = 5;
const EXTRANET_HOME_LATEST = 8;
/** Requests in flight per person, and people at a time. */
const REQUESTS_AT_ONCE = 4;
const PEOPLE_AT_ONCE = 2;

type Person = OrgFile["people"][number];
type Item = OrgFile["content"][number];
type Ids = { content: Record<string, string>; sections: Record<string, number> };

/** Organisations with something to render: a few sections, items and people who can sign in. */
const renderableOrgArb = orgArb.filter(
  (o) => o.sections.length >= 2 && o.content.length >= 3 && o.people.filter((p) => !p.blocked).length >= 2,
);

function generate(seed: number): OrgFile {
  return fc.sample(renderableOrgArb, { seed, numRuns: 1 })[0]!;
}

/**
 * The reference model is marked server-only (that package throws outside React's server
 * build, and nothing like vitest's alias exists here); this is test code, so the marker is
 * satisfied with an empty module before the model is imported.
 */
async function loadReferenceModel() {
  const req = createRequire(path.resolve("package.json"));
  const id = req.resolve("server-only");
  req.cache[id] ??= { id, filename: id, loaded: true, exports: {} } as unknown as NodeModule;
  return import("../lib/access/testing/reference-model");
}

// ---------------------------------------------------------------------------------
// One e2e server per organisation.
// ---------------------------------------------------------------------------------

interface OrgServer {
  port: number;
  child: ChildProcess;
  exited: Promise<unknown>;
  dir: string;
  output: string[];
  ids: Ids;
}

const running = new Set<OrgServer>();

async function expectPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () => reject(new Error(`port ${port} is in use: set E2E_PORT so that E2E_PORT + 20 + i is free`)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

const tail = (server: OrgServer) => server.output.join("").split("\n").slice(-40).join("\n");

/** Starts scripts/e2e-server.ts on a fresh database loaded with `org`; resolves once it serves. */
async function startOrgServer(org: OrgFile, port: number): Promise<OrgServer> {
  await expectPortFree(port);
  mkdirSync(".cache", { recursive: true });
  const dir = mkdtempSync(path.resolve(".cache", "random-org-"));
  const orgFile = path.join(dir, "org.json");
  const idsFile = path.join(dir, "ids.json");
  writeFileSync(orgFile, JSON.stringify(org, null, 2));
  // One node process (no tsx wrapper), in its own process group so that a leftover can be killed whole.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, E2E_PORT: String(port), E2E_ORG_FILE: orgFile, E2E_IDS_FILE: idsFile, E2E_SKIP_BUILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const server: OrgServer = {
    port,
    child,
    exited: new Promise((resolve) => child.once("exit", resolve)),
    dir,
    output: [],
    ids: { content: {}, sections: {} },
  };
  running.add(server);
  const keep = (chunk: Buffer) => {
    server.output.push(String(chunk));
    if (server.output.length > 400) server.output.splice(0, 100);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server for port ${port} did not start within 90 s:\n${tail(server)}`)), 90_000);
    const onData = () => {
      if (!server.output.join("").includes("e2e server ready on")) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve();
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server for port ${port} exited (${code}) before it was ready:\n${tail(server)}`));
    });
  });
  server.ids = JSON.parse(readFileSync(idsFile, "utf8")) as Ids;
  return server;
}

/** SIGTERM, and wait: the server's clean-up removes its database. */
async function stopOrgServer(server: OrgServer): Promise<void> {
  running.delete(server);
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    const stopped = await Promise.race([server.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
    if (!stopped) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  rmSync(server.dir, { recursive: true, force: true });
}

test.afterEach(async ({}, testInfo) => {
  for (const server of [...running]) {
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach(`server output (port ${server.port})`, { body: server.output.join(""), contentType: "text/plain" });
    }
    await stopOrgServer(server);
  }
});

test.afterAll(async () => {
  for (const server of [...running]) await stopOrgServer(server);
});

// Should the worker go without its hooks, leave no server running.
process.once("exit", () => {
  for (const server of running) {
    try {
      process.kill(-server.child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
});

// ---------------------------------------------------------------------------------
// The checks.
// ---------------------------------------------------------------------------------

async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface Answer {
  status: number;
  body: string;
  location: string;
  contentType: string;
}

async function ask(request: APIRequestContext, url: string, rsc = false): Promise<Answer> {
  const response = await request.get(url, { maxRedirects: 0, headers: rsc ? { RSC: "1" } : {} });
  const headers = response.headers();
  return { status: response.status(), body: await response.text(), location: headers["location"] ?? "", contentType: headers["content-type"] ?? "" };
}

/** Titles in a response, in order of first appearance. */
function titlesIn(body: string, prefix: "Sec-" | "Item-"): string[] {
  return [...new Set(body.match(TITLE_PATTERN) ?? [])].filter((t) => t.startsWith(prefix));
}

const sameSet = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

function describePerson(p: Person, m: PersonModel | null): string {
  const notes = [p.audience, m?.isWebmaster ? "webmaster" : "", p.blocked ? "blocked" : "", p.teams?.length ? `teams ${p.teams.join(",")}` : ""];
  return `${p.email} (${notes.filter(Boolean).join(", ")})`;
}

async function checkOrganisation(
  org: OrgFile,
  server: OrgServer,
  newContext: () => Promise<APIRequestContext>,
  fail: (message: string) => void,
): Promise<{ requests: number; pages: Record<number, number> }> {
  const { referenceModel } = await loadReferenceModel();
  const model = referenceModel(org);
  const sectionTitle = new Map(org.sections.map((s) => [s.slug, s.title]));
  const itemTitle = new Map(org.content.map((c) => [c.key, c.title]));
  const contentUrl = (c: Item) => `/content/${server.ids.content[c.key]}`;
  for (const c of org.content) if (!server.ids.content[c.key]) throw new Error(`the server did not report an id for ${c.key}`);
  /** Requests made, and the statuses of the pages asked for (by the model's count, not just 200s). */
  const stats = { requests: 0, pages: {} as Record<number, number> };

  await inPool(org.people, PEOPLE_AT_ONCE, async (person) => {
    const request = await newContext();
    try {
      const signIn = await signInOverHttp(request, person.email, person.password);
      stats.requests += 3;
      if (person.blocked) {
        // P3: blocked people cannot sign in, with the right password too.
        if (signIn.ok || signIn.code !== "blocked") fail(`${describePerson(person, null)}: sign-in should be refused as blocked, got ${JSON.stringify(signIn)}`);
        const home = await ask(request, "/");
        if (home.status < 300 || home.status >= 400 || !home.location.includes("/login")) {
          fail(`${describePerson(person, null)}: / after a refused sign-in answered ${home.status} ${home.location}, not a redirect to /login`);
        }
        return;
      }
      if (!signIn.ok) {
        fail(`${describePerson(person, null)}: could not sign in (${signIn.code})`);
        return;
      }
      await checkPerson(person, model.forPerson(person.email), request);
    } finally {
      await request.dispose();
    }
  });
  return stats;

  async function checkPerson(person: Person, m: PersonModel, request: APIRequestContext): Promise<void> {
    const who = describePerson(person, m);
    // G4 E4 E5: the apps' entries, each app's pages, for who may use it (all or nothing: E5).
    const apps = [
      { path: "/ideas", app: "ideas", texts: (org.ideas ?? []).map((i) => i.title), what: "an idea" },
      { path: "/wall", app: "messageWall", texts: (org.wallPosts ?? []).map((p) => p.body), what: "a wall post" },
      { path: "/queries", app: "queries", texts: (org.queries ?? []).map((q) => q.title), what: "a query" },
      { path: "/people", app: "users", texts: [], what: "" },
      { path: "/locations", app: "locations", texts: [], what: "" },
    ] as const;
    const hidden = [
      ...org.sections.filter((s) => !m.canViewSection(s.slug)).map((s) => ({ title: s.title, what: `section ${s.slug}` })),
      ...org.content.filter((c) => !m.canViewItem(c.key)).map((c) => ({ title: c.title, what: `item ${c.key} (${c.status}${c.group ? `, group ${c.group}` : ""})` })),
      ...apps.flatMap((a) => (m.mayUseApp(a.app) ? [] : a.texts.map((title) => ({ title, what: `${a.what} (${a.app} is not theirs: E5)` })))),
    ];
    const published = m.visiblePublishedItems();
    const titles = (keys: string[]) => keys.map((k) => itemTitle.get(k)!);
    const sectionTitles = (slugs: string[]) => slugs.map((s) => sectionTitle.get(s)!);

    /** C3, C5: nothing hidden, anywhere in the response. */
    const scan = (url: string, answer: Answer, rsc: boolean) => {
      for (const h of hidden) {
        if (answer.body.includes(h.title)) fail(`${who}: ${url}${rsc ? " (RSC)" : ""} [${answer.status}] contains "${h.title}", the title of hidden ${h.what}`);
      }
    };
    const expectTitles = (url: string, answer: Answer, wanted: string[], what: string) => {
      const missing = wanted.filter((t) => !answer.body.includes(t));
      if (missing.length) fail(`${who}: ${url} lacks ${what}: ${missing.join(", ")}`);
    };
    const expectItems = (url: string, answer: Answer, wanted: string[], what: string, ordered = false) => {
      const found = titlesIn(answer.body, "Item-");
      if (ordered ? JSON.stringify(found) !== JSON.stringify(wanted) : !sameSet(found, wanted)) {
        fail(`${who}: ${url} lists the wrong items (${what}):\n    expected ${JSON.stringify(wanted)}\n    found    ${JSON.stringify(found)}`);
      }
    };
    /** The page, and its RSC payload: both scanned. */
    const page = async (url: string, expected: number[], label = url): Promise<Answer> => {
      const [html, rsc] = await Promise.all([ask(request, url), ask(request, url, true)]);
      stats.requests += 2;
      stats.pages[html.status] = (stats.pages[html.status] ?? 0) + 1;
      url = label;
      if (!expected.includes(html.status)) fail(`${who}: ${url} answered ${html.status}${html.location ? ` → ${html.location}` : ""}, the model says ${expected.join(" or ")}`);
      if (html.status === 200 && !rsc.contentType.includes("text/x-component")) fail(`${who}: ${url} with RSC: 1 answered ${rsc.status} ${rsc.contentType}, not a flight payload`);
      scan(url, html, false);
      scan(url, rsc, true);
      return html;
    };

    const tasks: (() => Promise<void>)[] = [];

    // Home (E1): organisational people on /, external people redirected to /extranet.
    tasks.push(async () => {
      if (m.audience === "external") {
        const root = await ask(request, "/");
        stats.requests++;
        scan("/", root, false);
        if (root.status < 300 || root.status >= 400 || new URL(root.location, "http://localhost").pathname !== "/extranet") {
          fail(`${who}: / answered ${root.status} ${root.location}, not a redirect to /extranet (E1)`);
        }
        const home = await page("/extranet", [200]);
        if (home.status !== 200) return;
        expectItems("/extranet", home, titles(published.slice(0, EXTRANET_HOME_LATEST)), `the ${EXTRANET_HOME_LATEST} latest visible items`);
        expectTitles("/extranet", home, sectionTitles(m.reachableSections()), "a reachable section");
      } else {
        const home = await page("/", [200]);
        if (home.status !== 200) return;
        const ofType = (type: Item["type"], n: number) => published.filter((k) => org.content.find((c) => c.key === k)!.type === type).slice(0, n);
        expectItems("/", home, titles([...ofType("news", INTRANET_HOME_NEWS), ...ofType("policy", INTRANET_HOME_POLICIES)]), "the latest visible news and policies");
        expectTitles("/", home, sectionTitles(m.reachableSections()), "a reachable section");
      }
    });

    // The feed's first page: the newest visible published items, in order (C2–C4).
    tasks.push(async () => {
      const feed = await page("/feed", [200]);
      if (feed.status === 200) expectItems("/feed", feed, titles(published.slice(0, PAGE_SIZE)), "the newest visible published items, newest first", true);
    });

    // My content: what they wrote and can view, drafts included.
    tasks.push(async () => {
      const mine = await page("/me/content", [200]);
      if (mine.status === 200) expectItems("/me/content", mine, titles(m.myContent().slice(0, PAGE_SIZE)), "what they wrote and can view");
    });

    // Every section (S2–S7, C5).
    for (const s of org.sections) {
      tasks.push(async () => {
        const url = `/sections/${s.slug}`;
        const visible = m.canViewSection(s.slug);
        const answer = await page(url, [visible ? 200 : 403]);
        if (answer.status === 403 && !answer.body.includes("Access denied")) fail(`${who}: ${url} answered 403 without the access-denied page`);
        if (answer.status !== 200) return;
        const ancestors = model.sectionAndAncestors(s.slug).slice(1).map((a) => a.slug).filter((a) => m.canViewSection(a));
        const children = org.sections.filter((c) => c.parent === s.slug && m.canViewSection(c.slug)).map((c) => c.slug);
        expectTitles(url, answer, [s.title, ...sectionTitles(ancestors)], "its title or a visible ancestor's (breadcrumbs)");
        expectTitles(url, answer, sectionTitles(children), "a visible child section (C4)");
        const here = published.filter((k) => {
          const c = org.content.find((x) => x.key === k)!;
          return c.section === s.slug || (c.sharedInto ?? []).includes(s.slug);
        });
        expectItems(url, answer, titles(here.slice(0, PAGE_SIZE)), "the published items homed or shared here");
      });
    }

    // Every item (C2, C5): 200, or 403, or 404 for content of a secret group one is not in.
    for (const c of org.content) {
      tasks.push(async () => {
        const url = `${contentUrl(c)} (${c.key})`;
        const visible = m.canViewItem(c.key);
        const expected = visible ? 200 : m.hiddenItemAnswer(c.key) === "not-found" ? 404 : 403;
        const answer = await page(contentUrl(c), [expected], url);
        if (answer.status === 403 && !answer.body.includes("Access denied")) fail(`${who}: ${url} answered 403 without the access-denied page`);
        if (answer.status === 404 && !answer.body.includes("Page not found")) fail(`${who}: ${url} answered 404 without the not-found page`);
        if (answer.status !== 200) return;
        const named = [...(c.section && m.canViewSection(c.section) ? [c.section] : []), ...(c.sharedInto ?? []).filter((x) => m.canViewSection(x))];
        expectTitles(url, answer, [c.title], `its title (${c.key})`);
        expectTitles(url, answer, sectionTitles(named), `a visible home or shared-into section of ${c.key}`);
        expectItems(url, answer, [c.title], `only ${c.key} itself`);
      });
    }

    // E4 E5 G4 P6: each app and directory answers 200 with its entries to who may use it, 404 to others.
    for (const a of apps) {
      tasks.push(async () => {
        const answer = await page(a.path, [m.mayUseApp(a.app) ? 200 : 404]);
        if (answer.status === 200) expectTitles(a.path, answer, [...a.texts], `${a.what} (G4)`);
      });
    }

    // C5: what does not exist answers 404.
    tasks.push(async () => {
      await page("/sections/no-such-section", [404]);
      await page("/content/00000000-0000-4000-8000-000000000000", [404]);
    });

    await inPool(tasks, REQUESTS_AT_ONCE, (task) => task());
  }
}

// ---------------------------------------------------------------------------------

for (let i = 0; i < COUNT; i++) {
  test(`random organisation ${i + 1} of ${COUNT}: every person gets every page as the reference model says`, async ({ playwright }, testInfo: TestInfo) => {
    test.skip(testInfo.project.name !== "desktop", "responses do not depend on the viewport");
    test.setTimeout(150_000);
    const seed = FIXED_SEED === undefined ? randomInt(2 ** 31 - 1) : FIXED_SEED + i;
    const replay = `FC_SEED=${seed} RANDOM_ORGS=1`;
    console.log(`random-orgs: organisation ${i + 1} of ${COUNT}, seed ${seed} (replay with ${replay})`);
    testInfo.annotations.push({ type: "replay", description: replay });
    const org = generate(seed);
    await testInfo.attach("organisation.json", { body: JSON.stringify(org, null, 2), contentType: "application/json" });

    const started = Date.now();
    const server = await startOrgServer(org, MAIN_PORT + 20 + i);
    const ready = Date.now();
    const failures: string[] = [];
    const { requests, pages } = await checkOrganisation(
      org,
      server,
      () => playwright.request.newContext({ baseURL: `http://localhost:${server.port}` }),
      (message) => failures.push(message),
    );
    console.log(
      `random-orgs: organisation ${i + 1}: ${org.people.length} people, ${org.sections.length} sections, ${org.content.length} items; ` +
        `server ready in ${((ready - started) / 1000).toFixed(1)} s, ${requests} requests in ${((Date.now() - ready) / 1000).toFixed(1)} s ` +
        `(pages: ${Object.entries(pages).map(([status, n]) => `${n}×${status}`).join(", ")})`,
    );
    expect(failures, `seed ${seed} (replay with ${replay}); the organisation is attached as organisation.json`).toEqual([]);
  });
}
