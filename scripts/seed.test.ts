/**
 * The seed CLI (`npm run db:seed -- --file F [--reset]`, ORG-FILE.md) run for real as a
 * child process: against a fresh embedded PGlite folder always, and also against a fresh
 * PostgreSQL database when DATABASE_URL is set.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc, count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connectPglite, connectPostgres } from "../db/connect";
import * as schema from "../db/schema";
import { adminUrl, databaseUrl } from "../db/testing/postgres";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const DEMO = path.join(ROOT, "lib/org-file/demo-org.json");
const SMALL = path.join(ROOT, "lib/org-file/fixtures/small-org.json");
const BROKEN = path.join(ROOT, "lib/org-file/fixtures/broken-org.json");
const BROKEN_FILES = path.join(ROOT, "lib/org-file/fixtures/broken-files-org.json");
const CLI_TIMEOUT = 180_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx --conditions=react-server scripts/seed.ts ...args` (as `npm run db:seed` does) with exactly the given DATABASE_URL (or none). */
function seed(args: string[], target: { dataDir: string; databaseUrl?: string }): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORTICO_DATA_DIR: target.dataDir };
  delete env.DATABASE_URL;
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--conditions=react-server", "scripts/seed.ts", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const counted = { people: schema.people, teams: schema.teams, locations: schema.locations, sections: schema.sections, content: schema.content, groups: schema.groups };

/** Row counts and the people's e-mails: enough to tell whether anything was written. */
async function snapshot(conn: Connection) {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(counted)) {
    const [row] = await conn.db.select({ n: count() }).from(table);
    counts[name] = row!.n;
  }
  const emails = (await conn.db.select({ email: schema.people.email }).from(schema.people).orderBy(asc(schema.people.email))).map((r) => r.email);
  const names = (await conn.db.select({ name: schema.people.name }).from(schema.people).orderBy(asc(schema.people.name))).map((r) => r.name);
  return { counts, emails, names };
}

/** G7: the files the organisation's groups hold, and their versions. */
function groupFilesIn(file: string): { versions: unknown[] }[] {
  const org = JSON.parse(readFileSync(file, "utf8")) as { groups?: { files?: { versions: unknown[] }[] }[] };
  return (org.groups ?? []).flatMap((g) => g.files ?? []);
}
const groupFilesOf = (file: string) => groupFilesIn(file).length;
const versionsOf = (file: string) => groupFilesIn(file).reduce((n, f) => n + f.versions.length, 0);
/** The people given a profile image (E3): each is one more stored object. */
const imagesOf = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { people: { image?: string }[] }).people.filter((p) => p.image).length;
/** The objects in the default storage folder (lib/storage/settings.ts). */
const storedObjects = (dataDir: string) => (existsSync(path.join(dataDir, "uploads")) ? readdirSync(path.join(dataDir, "uploads")) : []);

function sizesOf(file: string) {
  const org = JSON.parse(readFileSync(file, "utf8"));
  return Object.fromEntries(Object.keys(counted).map((k) => [k, (org[k] ?? []).length])) as Record<keyof typeof counted, number>;
}

interface Target {
  name: string;
  /** Makes a fresh, empty database and says how the CLI and the test reach it. */
  create(): Promise<{ dataDir: string; databaseUrl?: string; open(): Promise<Connection>; remove(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: "embedded PGlite (no DATABASE_URL)",
    async create() {
      const dataDir = mkdtempSync(path.join(tmpdir(), "portico-seed-test-"));
      return {
        dataDir,
        // Only one process may hold a PGlite folder: every test closes this before running the CLI again.
        open: () => connectPglite(path.join(dataDir, "pglite")),
        remove: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
];

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  targets.push({
    name: "PostgreSQL (DATABASE_URL)",
    async create() {
      const name = `portico_seed_test_${randomBytes(5).toString("hex")}`;
      const admin = connectPostgres(adminUrl(serverUrl), { max: 1 });
      try {
        await admin.db.execute(`create database "${name}"`); // empty: the CLI must migrate it
      } finally {
        await admin.close();
      }
      const url = databaseUrl(serverUrl, name);
      // A data folder too, to show the CLI leaves the embedded database alone when DATABASE_URL is set.
      const dataDir = mkdtempSync(path.join(tmpdir(), "portico-seed-test-"));
      return {
        dataDir,
        databaseUrl: url,
        open: async () => connectPostgres(url, { max: 1 }),
        async remove() {
          rmSync(dataDir, { recursive: true, force: true });
          const dropper = connectPostgres(adminUrl(serverUrl), { max: 1 });
          try {
            await dropper.db.execute(`drop database if exists "${name}" with (force)`);
          } finally {
            await dropper.close();
          }
        },
      };
    },
  });
}

describe.each(targets)("npm run db:seed on $name (ORG-FILE.md)", (target) => {
  let db: Awaited<ReturnType<Target["create"]>>;
  const withDatabase = async <T>(read: (conn: Connection) => Promise<T>): Promise<T> => {
    const conn = await db.open();
    try {
      return await read(conn);
    } finally {
      await conn.close();
    }
  };

  beforeAll(async () => {
    db = await target.create();
  }, CLI_TIMEOUT);
  afterAll(async () => {
    await db?.remove();
  }, CLI_TIMEOUT);

  it("prints the usage and exits 1 without --file, touching no database", async () => {
    const run = await seed([], db);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Usage: npm run db:seed -- --file path/to/org.json [--reset]");
    expect(run.stdout).toBe("");
    expect(existsSync(path.join(db.dataDir, "pglite"))).toBe(false);
  }, CLI_TIMEOUT);

  it("refuses an unknown option with the usage", async () => {
    const run = await seed(["--file", SMALL, "--wipe"], db);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/wipe/);
    expect(run.stderr).toContain("Usage:");
    expect(existsSync(path.join(db.dataDir, "pglite"))).toBe(false);
  }, CLI_TIMEOUT);

  it("says clearly when the file cannot be read", async () => {
    const missing = path.join(db.dataDir, "no-such-org.json");
    const run = await seed(["--file", missing], db);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`Cannot read ${missing}: ENOENT`);
    expect(existsSync(path.join(db.dataDir, "pglite"))).toBe(false);
  }, CLI_TIMEOUT);

  it("migrates a fresh database and loads the demo organisation, printing a summary", async () => {
    const run = await seed(["--file", DEMO], db);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const sizes = sizesOf(DEMO);
    const demo = JSON.parse(readFileSync(DEMO, "utf8")) as Record<string, unknown[] | undefined>;
    const appsOf = { ideas: (demo.ideas ?? []).length, wallPosts: (demo.wallPosts ?? []).length, queries: (demo.queries ?? []).length };
    expect(run.stdout).toMatch(
      new RegExp(
        `^Loaded ${DEMO.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} into .+ in [0-9.]+ s: ${sizes.people} people, ${sizes.teams} teams, ` +
          `${sizes.locations} locations, ${sizes.sections} sections, ${sizes.content} content items, ${sizes.groups} groups, ${groupFilesOf(DEMO)} group files, ` +
          `0 images in content, ${appsOf.ideas} ideas, ${appsOf.wallPosts} wall posts, ${appsOf.queries} queries\\.\\n$`,
      ),
    );
    if (db.databaseUrl) {
      expect(existsSync(path.join(db.dataDir, "pglite"))).toBe(false);
    } else {
      expect(run.stdout).toContain(path.join(db.dataDir, "pglite"));
    }
    const after = await withDatabase(snapshot);
    expect(after.counts).toEqual(sizes);
    expect(after.emails).toContain("wendy.webb@northmoor.example");
    // G7 E3: every version's bytes and every profile image stored under PORTICO_DATA_DIR (the default storage), none left unclaimed.
    expect(storedObjects(db.dataDir)).toHaveLength(versionsOf(DEMO) + imagesOf(DEMO));
    expect(await withDatabase((conn) => conn.db.select().from(schema.unclaimedObjects))).toEqual([]);
  }, CLI_TIMEOUT);

  it("refuses to load into a non-empty database without --reset, exits 1 and changes nothing", async () => {
    const before = await withDatabase(snapshot);
    const run = await seed(["--file", SMALL], db);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already holds an organisation/);
    expect(run.stderr).toMatch(/--reset/);
    expect(run.stdout).toBe("");
    expect(await withDatabase(snapshot)).toEqual(before);
  }, CLI_TIMEOUT);

  it("refuses a broken file, listing every problem by JSON path, and writes nothing even with --reset (Q3)", async () => {
    const before = await withDatabase(snapshot);
    const run = await seed(["--file", BROKEN, "--reset"], db);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const expected = [
      ["$.teams[0].parent", "nowhere"],
      ["$.people[0].teams[1]", "ghost-team"],
      ["$.people[1].email", "ignoring case"],
      ["$.people[2].roles", "P2"],
      ["$.sections[0].slug", "lowercase"],
      ["$.content[0].section", "bad-slug"],
      ["$.content[0].options", "at least two options"],
      ["$", "colour"],
    ];
    expect(run.stderr).toContain(`${BROKEN} was refused: ${expected.length} problem(s). Nothing was written.`);
    const lines = run.stderr.trim().split("\n").slice(1);
    expect(lines).toHaveLength(expected.length);
    for (const [jsonPath, detail] of expected) {
      const line = lines.find((l) => l.trimStart().startsWith(`${jsonPath}: `));
      expect(line, `a line for ${jsonPath} in\n${run.stderr}`).toBeDefined();
      expect(line).toContain(detail);
    }
    expect(await withDatabase(snapshot)).toEqual(before);
  }, CLI_TIMEOUT);

  it("G7 refuses a file whose group files are missing, empty or not what their names say, each by its JSON path, storing nothing", async () => {
    const before = await withDatabase(snapshot);
    const objectsBefore = storedObjects(db.dataDir);
    const run = await seed(["--file", BROKEN_FILES, "--reset"], db);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${BROKEN_FILES} was refused: 8 problem(s). Nothing was written.`);
    for (const [jsonPath, detail] of [
      ["$.groups[0].files[0].versions[0].path", "names no file"],
      ["$.groups[0].files[1].versions[0].path", "is empty"],
      ["$.groups[0].files[2].versions[0].path", "does not hold a .pdf file"],
      ["$.groups[0].files[3].uploader", "is not a member of the group"],
    ]) {
      expect(run.stderr).toContain(`  ${jsonPath}: ${detail}`);
    }
    expect(await withDatabase(snapshot)).toEqual(before);
    expect(storedObjects(db.dataDir)).toEqual(objectsBefore);
  }, CLI_TIMEOUT);

  it("refuses a file that is not JSON, writing nothing", async () => {
    const before = await withDatabase(snapshot);
    const run = await seed(["--file", path.join(ROOT, "lib/org-file/load.ts")], db);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\$: is not valid JSON/);
    expect(await withDatabase(snapshot)).toEqual(before);
  }, CLI_TIMEOUT);

  it("replaces everything with --reset", async () => {
    const run = await seed(["--file", SMALL, "--reset"], db);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/3 people, 2 teams, 1 locations, 2 sections, 2 content items, 1 groups, 0 group files, 0 images in content, 0 ideas, 0 wall posts, 0 queries\./);
    const after = await withDatabase(snapshot);
    expect(after.counts).toEqual(sizesOf(SMALL));
    expect(storedObjects(db.dataDir)).toEqual([]); // the demo's files went with it
    expect(after.emails).toEqual(["solo.hand@small.example", "solo.lead@small.example", "solo.partner@partner.example"]);
  }, CLI_TIMEOUT);
});
