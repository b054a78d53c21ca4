import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { objectStore } from "@/lib/storage/current";
import { OrgFileRefusedError } from "./contents";
import { DEMO_ORG_FILE, DEMO_SIGN_INS } from "./demo";
import { DatabaseNotEmptyError, isDatabaseEmpty, loadOrganisation } from "./load";
import { type OrgFile, parseOrgFileText } from "./schema";

// Group files' objects go to this folder's uploads/ (lib/storage/settings.ts), read lazily.
const dataDir = mkdtempSync(path.join(tmpdir(), "portico-org-load-"));
process.env.PORTICO_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const DEMO_DIR = path.dirname(DEMO_ORG_FILE);
const FIXTURES = path.join(import.meta.dirname, "fixtures");

/** The objects in storage, by key. */
const storedKeys = () => (existsSync(path.join(dataDir, "uploads")) ? readdirSync(path.join(dataDir, "uploads")).filter((f) => !f.startsWith(".")).sort() : []);
async function storedBytes(key: string): Promise<Buffer> {
  const object = await objectStore().get(key);
  if (!object) throw new Error(`no object ${key}`);
  return Buffer.from(await new Response(object.body).arrayBuffer());
}

function demoOrg(): OrgFile {
  const parsed = parseOrgFileText(readFileSync(DEMO_ORG_FILE, "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.org;
}

async function counts(conn: Connection) {
  const tables = { people: schema.people, teams: schema.teams, sections: schema.sections, content: schema.content, groups: schema.groups, teamMembers: schema.teamMembers, sectionRoles: schema.sectionRoles };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await conn.db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

describe("organisation loader (ORG-FILE.md)", () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await createTestDatabase();
    await loadOrganisation(conn.db, demoOrg(), { baseDir: DEMO_DIR });
  });
  afterAll(() => conn.close());

  it("loads the demo organisation whole", async () => {
    const org = demoOrg();
    const c = await counts(conn);
    expect(c.people).toBe(org.people.length);
    expect(c.teams).toBe(org.teams.length);
    expect(c.sections).toBe(org.sections.length);
    expect(c.content).toBe(org.content.length);
    expect(c.groups).toBe(org.groups.length);
    expect(c.teamMembers).toBe(org.people.reduce((n, p) => n + (p.teams?.length ?? 0), 0));
  });

  it("is a believable demo: every role of P1–P5 and S7, and at least 30 people and 12 sections", () => {
    const org = demoOrg();
    expect(org.people.length).toBeGreaterThanOrEqual(30);
    expect(new Set(org.people.map((p) => p.audience))).toEqual(new Set(["organisational", "external"]));
    expect(org.people.some((p) => p.roles?.includes("webmaster"))).toBe(true);
    expect(org.people.some((p) => (p.teamAdmin ?? []).length > 0)).toBe(true);
    expect(org.people.some((p) => p.blocked)).toBe(true);
    const roles = new Set(org.sections.flatMap((s) => (s.roles ?? []).map((r) => r.role)));
    expect(roles).toEqual(new Set(["manager", "editor", "author"]));
    expect(org.sections.length).toBeGreaterThanOrEqual(12);
    expect(org.sections.some((s) => s.restricted)).toBe(true);
    expect(new Set(org.content.map((c) => c.type))).toEqual(new Set(["news", "policy", "page", "blog", "event", "poll"]));
    expect(new Set(org.groups.map((g) => g.visibility))).toEqual(new Set(["public", "private", "secret"]));
    for (const d of DEMO_SIGN_INS) expect(org.people.some((p) => p.email === d.email)).toBe(true);
  });

  it("G7 stores the demo's group files through the storage ledger: every version's bytes, its type, its uploader and date", async () => {
    const org = demoOrg();
    const rows = await conn.db
      .select({
        group: schema.groups.slug,
        name: schema.groupFiles.name,
        uploader: schema.groupFiles.uploaderId,
        currentVersion: schema.groupFiles.currentVersion,
        number: schema.groupFileVersions.number,
        key: schema.groupFileVersions.storageKey,
        size: schema.groupFileVersions.byteSize,
        mimeType: schema.groupFileVersions.mimeType,
        versionUploader: schema.groupFileVersions.uploaderId,
        createdAt: schema.groupFileVersions.createdAt,
      })
      .from(schema.groupFileVersions)
      .innerJoin(schema.groupFiles, eq(schema.groupFiles.id, schema.groupFileVersions.fileId))
      .innerJoin(schema.groups, eq(schema.groups.id, schema.groupFiles.groupId));
    const ids = new Map((await conn.db.select({ id: schema.people.id, email: schema.people.email }).from(schema.people)).map((p) => [p.email, p.id]));
    const expected = org.groups.flatMap((g) =>
      (g.files ?? []).flatMap((f) =>
        f.versions.map((v, i) => ({ group: g.slug, name: f.name, number: i + 1, path: v.path, uploader: f.uploader, versionUploader: v.uploader ?? f.uploader, at: v.uploadedAt })),
      ),
    );
    expect(expected.length).toBeGreaterThanOrEqual(10);
    expect(new Set(expected.map((e) => e.path.split(".").pop()))).toEqual(new Set(["csv", "png", "pdf", "md", "xlsx", "docx"]));
    expect(rows).toHaveLength(expected.length);
    for (const e of expected) {
      const row = rows.find((r) => r.group === e.group && r.name === e.name && r.number === e.number)!;
      expect(row, `${e.group} ${e.name} v${e.number}`).toBeDefined();
      const bytes = readFileSync(path.join(DEMO_DIR, e.path));
      expect(await storedBytes(row.key)).toEqual(bytes);
      expect(row.size).toBe(bytes.length);
      expect(row.uploader).toBe(ids.get(e.uploader!));
      expect(row.versionUploader).toBe(ids.get(e.versionUploader!));
      expect(row.createdAt.toISOString()).toBe(new Date(e.at!).toISOString());
      expect(row.currentVersion).toBe(expected.filter((x) => x.group === e.group && x.name === e.name).length);
    }
    expect(new Set(rows.map((r) => r.mimeType))).toContain("application/pdf");
    // The objects stored are these versions and the people's profile images (E3), nothing else.
    const images = (await conn.db.select({ id: schema.people.imageId }).from(schema.people)).flatMap((p) => (p.id ? [p.id] : []));
    expect(images.length).toBe(demoOrg().people.filter((p) => p.image).length);
    expect(storedKeys()).toEqual([...rows.map((r) => r.key), ...images].sort());
    expect(await conn.db.select().from(schema.unclaimedObjects)).toEqual([]);
  });

  it("hashes passwords with argon2id and never stores them in clear (P3)", async () => {
    const rows = await conn.db.select({ hash: schema.people.passwordHash, authorisedAt: schema.people.authorisedAt }).from(schema.people);
    for (const r of rows) {
      expect(r.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(r.hash).not.toContain("portico-demo");
      expect(r.authorisedAt).not.toBeNull();
    }
  });

  it("builds a section tree three levels deep with closure rows and effective restriction (S1, S5)", async () => {
    const org = demoOrg();
    const [depth] = rowsOf<{ max: number }>(await conn.db.execute(sql`select max(depth)::int as max from section_closure`));
    expect(depth!.max).toBeGreaterThanOrEqual(2);
    // Every section: restricted in effect exactly when it or an ancestor is flagged.
    const bySlug = new Map(org.sections.map((s) => [s.slug, s]));
    const expected = (slug: string): boolean => {
      const s = bySlug.get(slug)!;
      return s.restricted || (s.parent !== null && expected(s.parent));
    };
    const rows = await conn.db.select({ slug: schema.sections.slug, eff: schema.sections.effectivelyRestricted }).from(schema.sections);
    for (const r of rows) expect(r.eff, r.slug).toBe(expected(r.slug));
    expect(rows.some((r) => r.eff && !bySlug.get(r.slug)!.restricted)).toBe(true);
  });

  it("keeps the team closure: every team is its own ancestor and its parent's descendant", async () => {
    const org = demoOrg();
    const [n] = rowsOf<{ n: number }>(await conn.db.execute(sql`select count(*)::int as n from team_closure where depth = 0`));
    expect(n!.n).toBe(org.teams.length);
    const [m] = rowsOf<{ n: number }>(await conn.db.execute(sql`select count(*)::int as n from team_closure where depth = 1`));
    expect(m!.n).toBe(org.teams.filter((t) => t.parent !== null).length);
  });

  it("keeps e-mail unique ignoring case", async () => {
    await expect(
      conn.db.insert(schema.people).values({ email: DEMO_SIGN_INS[0].email.toUpperCase(), name: "Dup", audience: "organisational" }),
    ).rejects.toThrow();
  });

  it("refuses a non-empty database without --reset and changes nothing", async () => {
    const before = await counts(conn);
    const org = demoOrg();
    org.people[0]!.name = "Changed";
    await expect(loadOrganisation(conn.db, org)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await counts(conn)).toEqual(before);
    const [p] = await conn.db.select({ name: schema.people.name }).from(schema.people).where(eq(schema.people.email, org.people[0]!.email));
    expect(p!.name).not.toBe("Changed");
  });

  it("replaces everything with --reset", async () => {
    const small: OrgFile = {
      teams: [{ key: "t", name: "T", parent: null }],
      locations: [],
      people: [{ email: "solo@example.org", name: "Solo", audience: "organisational", teams: ["t"] }],
      sections: [{ slug: "s", title: "S", parent: null, restricted: false }],
      content: [],
      groups: [],
    };
    expect(storedKeys().length).toBeGreaterThan(0);
    await loadOrganisation(conn.db, small, { reset: true });
    const c = await counts(conn);
    expect(c).toMatchObject({ people: 1, teams: 1, sections: 1, content: 0, groups: 0, teamMembers: 1 });
    // G7: TRUNCATE fires no row trigger; the load released the old files' objects itself.
    expect(storedKeys()).toEqual([]);
    expect(await conn.db.select().from(schema.unclaimedObjects)).toEqual([]);
    const [solo] = await conn.db.select().from(schema.people);
    expect(solo!.passwordHash).toBeNull();
    expect(solo!.authorisedAt).toBeNull(); // no password: must use the welcome e-mail (P3)
  });
});

describe("group files in the loader (G7, ORG-FILE.md)", () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await createTestDatabase();
  });
  afterAll(() => conn.close());

  const filesOrg = (): OrgFile => {
    const parsed = parseOrgFileText(readFileSync(path.join(FIXTURES, "files-org.json"), "utf8"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.org;
  };
  const nothingWritten = async () => {
    expect(await isDatabaseEmpty(conn.db)).toBe(true);
    expect(await conn.db.select().from(schema.groupFiles)).toEqual([]);
    expect(await conn.db.select().from(schema.unclaimedObjects)).toEqual([]);
    expect(storedKeys()).toEqual([]);
  };

  it("checks every file before storing anything: a missing one refuses the load, by its JSON path, and nothing is written", async () => {
    const org = filesOrg();
    org.groups[0]!.files![1]!.versions.push({ path: "files/gone.png" });
    const refusal = await loadOrganisation(conn.db, org, { baseDir: FIXTURES }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(OrgFileRefusedError);
    expect((refusal as OrgFileRefusedError).problems).toEqual([{ path: "$.groups[0].files[1].versions[1].path", message: expect.stringMatching(/^names no file/) }]);
    await nothingWritten();
  });

  it("a load that fails in its transaction deletes the objects it stored: no half-loaded organisation, nothing left in storage", async () => {
    // Past every check (an organisation the schema would refuse, handed to the loader directly):
    // the database refuses the item's missing home, after the files were stored.
    const org = filesOrg();
    org.content = [{ key: "x", type: "news", title: "X", body: "", group: "no-such-group", author: "kit.keeper@files.example", status: "published" }];
    await expect(loadOrganisation(conn.db, org, { baseDir: FIXTURES })).rejects.toThrow();
    await nothingWritten();
  });

  it("loads the fixture: uploaders (none, or a webmaster), versions with their own uploaders and dates, each claimed", async () => {
    const summary = await loadOrganisation(conn.db, filesOrg(), { baseDir: FIXTURES });
    expect(summary.files).toBe(3);
    const people = new Map((await conn.db.select({ id: schema.people.id, email: schema.people.email }).from(schema.people)).map((p) => [p.id, p.email]));
    const files = await conn.db.select().from(schema.groupFiles).orderBy(asc(schema.groupFiles.name));
    expect(files.map((f) => [f.name, f.uploaderId && people.get(f.uploaderId), f.currentVersion])).toEqual([
      ["Agenda.txt", "max.member@files.example", 2],
      ["Logo.png", "web.master@files.example", 1],
      ["Old minutes.txt", null, 1],
    ]);
    const agenda = files[0]!;
    expect([agenda.createdAt.toISOString(), agenda.updatedAt.toISOString()]).toEqual(["2026-10-01T09:00:00.000Z", "2026-10-02T09:00:00.000Z"]);
    const versions = await conn.db.select().from(schema.groupFileVersions).where(eq(schema.groupFileVersions.fileId, agenda.id)).orderBy(asc(schema.groupFileVersions.number));
    expect(versions.map((v) => [v.number, v.uploaderId && people.get(v.uploaderId), v.mimeType, v.byteSize])).toEqual([
      [1, "max.member@files.example", "text/plain", readFileSync(path.join(FIXTURES, "files/agenda-v1.txt")).length],
      [2, "pat.partner@partner.example", "text/plain", readFileSync(path.join(FIXTURES, "files/agenda-v2.txt")).length],
    ]);
    expect(await storedBytes(versions[1]!.storageKey)).toEqual(readFileSync(path.join(FIXTURES, "files/agenda-v2.txt")));
    const [old] = await conn.db.select().from(schema.groupFileVersions).where(eq(schema.groupFileVersions.fileId, files[2]!.id));
    expect(old!.uploaderId).toBeNull();
    expect(storedKeys()).toHaveLength(4);
    expect(await conn.db.select().from(schema.unclaimedObjects)).toEqual([]);
  });

  it("refuses group files without the folder their paths are relative to", async () => {
    await expect(loadOrganisation(conn.db, filesOrg(), { reset: true })).rejects.toThrow(/baseDir/);
    expect(await conn.db.select({ n: count() }).from(schema.groupFiles)).toEqual([{ n: 3 }]);
  });
});
