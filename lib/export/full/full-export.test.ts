/**
 * D3: the full export. Webmasters only, audited; one zip of the organisation file and the
 * stored files it names, which the organisation loader loads into an empty Portico, and
 * which, exported again from there, is the same export (the round trip). Passwords never
 * leave; a stored file that has gone is listed, not silently dropped; on PostgreSQL the
 * whole file is one snapshot of the database.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, isEmbedded, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { type Harness, createHarness, signInAs, signOut } from "@/lib/testing/harness";
import type { OrgFile } from "@/lib/org-file/schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "portico-full-export-"));
process.env.PORTICO_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { GET: exportRoute } = await import("@/app/api/export/everything/route");
const { fullExportArchive } = await import("./archive");
const { inSnapshot } = await import("./snapshot");
const { unpackOrgArchive } = await import("@/lib/org-file/archive");
const { parseOrgFileInFolder } = await import("@/lib/org-file/contents");
const { loadOrganisation } = await import("@/lib/org-file/load");
const { objectStore } = await import("@/lib/storage/current");
const content = await import("@/lib/content/actions");

const WEBMASTER = "wendy.webb@northmoor.example";
let h: Harness;
const folders: string[] = [];

/** The archive's bytes written to a file, unpacked as the loader unpacks it. */
async function unpacked(stream: ReadableStream<Uint8Array> | Readable) {
  const folder = mkdtempSync(path.join(tmpdir(), "portico-full-export-zip-"));
  folders.push(folder);
  const file = path.join(folder, "export.zip");
  const bytes = stream instanceof Readable ? Buffer.concat(await stream.toArray()) : Buffer.from(await new Response(stream).arrayBuffer());
  writeFileSync(file, bytes);
  const archive = await unpackOrgArchive(file);
  folders.push(archive.dir);
  return { ...archive, bytes, org: JSON.parse(archive.text) as OrgFile };
}

/**
 * Every file of the unpacked archive but org.json: its path with ids made neutral, and a
 * digest of its bytes; a profile image's only its kind, since the loader re-encodes pictures
 * (E3) and so writes other bytes of the same picture.
 */
function filesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name !== "org.json") {
        const bytes = readFileSync(full);
        const relative = path.relative(dir, full);
        const digest = relative.startsWith("people/") ? bytes.subarray(8, 12).toString("latin1") : createHash("sha256").update(bytes).digest("hex");
        out.push(`${neutral(relative)} ${digest}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Ids are new in another database: file and person ids in paths made neutral, and lists keyed by what the file keys them by. */
const neutral = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>");
function comparable(org: OrgFile) {
  const sorted = <T>(list: T[], key: (t: T) => string) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
  return JSON.parse(neutral(JSON.stringify({ ...org, people: sorted(org.people, (p) => p.email), content: sorted(org.content, (c) => c.key) })));
}

beforeAll(async () => {
  h = await createHarness("demo");
  // A history to carry: a new event, saved twice and published, and a demo item changed once (its first version is then recorded too).
  await signInAs(WEBMASTER);
  const event = { startsDate: "2027-07-01", startsTime: "09:30", endsDate: "", endsTime: "12:00", place: "Room 1" };
  const base = { type: "event" as const, title: "Summer fair", body: "<p>On the green.</p>", sectionId: h.section("news"), event, tags: ["fair"] };
  const made = await content.createContentAction({ ...base, intent: "save" });
  if (!made.ok) throw new Error(JSON.stringify(made));
  expect(await content.updateContentAction({ ...base, id: made.data.id, baseVersion: 1, title: "Summer fair 2027", intent: "save" })).toMatchObject({ ok: true });
  expect(await content.setPublishedAction({ id: made.data.id, baseVersion: 2, publish: true })).toMatchObject({ ok: true });
  const [n1] = await h.db.select().from(schema.content).where(eq(schema.content.id, h.content("n1")));
  expect(await content.updateContentAction({ type: "news", title: `${n1!.title} (updated)`, body: n1!.body, sectionId: n1!.homeSectionId!, id: n1!.id, baseVersion: 1, intent: "save" })).toMatchObject({ ok: true });
  signOut();
});
afterAll(async () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await h?.close();
});

describe("the full export (D3)", () => {
  it("is for webmasters only: everyone else gets the 404 of no export, and a webmaster's is audited without personal data", async () => {
    for (const email of ["sam.mensah@northmoor.example", "priya.sharma@northmoor.example", "erin.cole@riverside-care.example"]) {
      await signInAs(email);
      expect((await exportRoute(new Request("http://portico.test/api/export/everything"))).status, email).toBe(404);
    }
    signOut();
    expect((await exportRoute(new Request("http://portico.test/api/export/everything"))).status).toBe(404);
    const exports = async () => rowsOf<{ details: unknown }>(await h.db.execute(sql`select details from audit_events where action = 'export' order by id`));
    const before = (await exports()).length;
    await signInAs(WEBMASTER);
    const response = await exportRoute(new Request("http://portico.test/api/export/everything"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="portico-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const archive = await unpacked(response.body!);
    expect(archive.org.people.length).toBeGreaterThan(10);
    expect((await exports()).slice(before)).toEqual([{ details: { kind: "everything", format: "zip" } }]);
  });

  it("holds everything the organisation file can: people with their pictures, sections, groups with their files' bytes, content with its history; never a password", async () => {
    const archive = await unpacked(fullExportArchive(h.db, objectStore()));
    const { org } = archive;
    const counts = async (table: string) => Number(rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);
    expect(org.people).toHaveLength(await counts("people"));
    expect(org.sections).toHaveLength(await counts("sections"));
    expect(org.teams).toHaveLength(await counts("teams"));
    expect(org.locations).toHaveLength(await counts("locations"));
    expect(org.groups).toHaveLength(await counts("groups"));
    expect(org.content).toHaveLength(await counts("content"));
    expect(org.content.filter((c) => c.status === "draft").length).toBeGreaterThan(0); // drafts too

    const fair = org.content.find((c) => c.title === "Summer fair 2027")!;
    expect(fair).toMatchObject({ type: "event", section: "news", status: "published", startsAt: "2027-07-01T08:30:00.000Z", endsAt: "2027-07-01T11:00:00.000Z", place: "Room 1", tags: ["fair"] });
    expect(fair.versions!.map((v) => [v.title, v.status, v.editor])).toEqual([
      ["Summer fair", "draft", WEBMASTER],
      ["Summer fair 2027", "draft", WEBMASTER],
      ["Summer fair 2027", "published", WEBMASTER],
    ]);
    expect(fair.versions![0]!.details).toEqual({ event: { startsAt: "2027-07-01T08:30:00.000Z", endsAt: "2027-07-01T11:00:00.000Z", place: "Room 1" }, tags: ["fair"] });
    const n1 = org.content.find((c) => c.key === "n1")!;
    expect(n1.versions!.map((v) => v.title)).toEqual([n1.title.replace(" (updated)", ""), n1.title]);

    // Every stored file the organisation file names is in the archive, at its path.
    const named = [...org.people.flatMap((p) => (p.image ? [p.image] : [])), ...org.groups.flatMap((g) => (g.files ?? []).flatMap((f) => f.versions.map((v) => v.path)))];
    expect(named.length).toBeGreaterThan(5);
    const files = filesOf(archive.dir);
    expect(files.map((f) => f.split(" ")[0])).toEqual(named.map(neutral).sort());
    expect(files.filter((f) => f.startsWith("people/")).every((f) => f.endsWith(" WEBP"))).toBe(true);
    expect(archive.missingFiles).toBeNull();
    // P3: no password, hashed or not, in any byte.
    expect(archive.bytes.includes("$argon2")).toBe(false);
    expect(archive.text).not.toMatch(/"password(Hash)?":/);
  });

  it("loads into an empty Portico with the organisation loader, and exported again from there is the same export", async () => {
    const first = await unpacked(fullExportArchive(h.db, objectStore()));
    const parsed = await parseOrgFileInFolder(first.text, first.dir);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    const again: Connection = await createTestDatabase();
    try {
      await loadOrganisation(again.db, parsed.org, { baseDir: first.dir });
      const second = await unpacked(fullExportArchive(again.db, objectStore()));
      expect(comparable(second.org)).toEqual(comparable(first.org));
      expect(filesOf(second.dir)).toEqual(filesOf(first.dir));
      // The history is the history: the versions page reads the same from the loaded database.
      const fairId = rowsOf<{ id: string }>(await again.db.execute(sql`select id from content where title = 'Summer fair 2027'`))[0]!.id;
      const versions = rowsOf<{ version: number; title: string }>(await again.db.execute(sql`select version, title from content_versions where content_id = ${fairId} order by version`));
      expect(versions).toEqual([
        { version: 1, title: "Summer fair" },
        { version: 2, title: "Summer fair 2027" },
        { version: 3, title: "Summer fair 2027" },
      ]);
      expect(rowsOf<{ version: number }>(await again.db.execute(sql`select version from content where id = ${fairId}`))[0]!.version).toBe(3);
    } finally {
      await again.close();
    }
  });

  it("lists a stored file that has gone instead of stopping, and the loader then names the path it lacks", async () => {
    const [version] = await h.db.select().from(schema.groupFileVersions).limit(1);
    const store = objectStore();
    const gone = { ...store, get: async (key: string, range?: Parameters<typeof store.get>[1]) => (key === version!.storageKey ? null : store.get(key, range)) };
    const archive = await unpacked(fullExportArchive(h.db, gone));
    expect(archive.missingFiles).toMatch(new RegExp(`/${version!.fileId}/v${version!.number}\\.`));
    const parsed = await parseOrgFileInFolder(archive.text, archive.dir);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.message).join("\n")).toMatch(new RegExp(`there is nothing at .*/${version!.fileId}/v${version!.number}\\.`));
  });
});

describe("the export's snapshot (D3)", () => {
  // The tests' database is PostgreSQL when DATABASE_URL is set (db/testing); PGlite reads as it goes (./snapshot.ts).
  it.skipIf(!process.env.DATABASE_URL)(
    "on PostgreSQL reads one snapshot: a row written while the export is read is not in it, and stopping early ends the transaction",
    async () => {
      expect(isEmbedded(h.db)).toBe(false);
      const read = inSnapshot(h.db, async function* (db) {
        yield rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from locations`))[0]!.n;
        yield rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from locations`))[0]!.n;
        yield -1;
      });
      const before = (await read.next()).value;
      await h.db.insert(schema.locations).values({ key: "snapshot-test", name: "Snapshot test" });
      expect((await read.next()).value).toBe(before);
      await read.return(undefined);
      const open = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`))[0]!.n;
      expect(open).toBe(0);
      await h.db.delete(schema.locations).where(eq(schema.locations.key, "snapshot-test"));
    },
  );
});
