/**
 * D3: the full export. Webmasters only, audited; one zip of the organisation file and the
 * stored files it names, which the organisation loader loads into an empty Portico, and
 * which, exported again from there, is the same export (the round trip). It holds the apps
 * (G4 G8 K4: moderators, ideas, wall posts, queries) and the images inside rich text (C6),
 * their bytes as uploaded. Passwords never leave; a stored file that has gone is listed, not
 * silently dropped; on PostgreSQL the whole file is one snapshot of the database.
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
const { POST: uploadRoute } = await import("@/app/api/uploads/route");

const WEBMASTER = "wendy.webb@northmoor.example";
const EXTERNAL = "erin.cole@riverside-care.example";
const STAFF = "owen.price@northmoor.example";
let h: Harness;
const folders: string[] = [];

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWOQLdghW7CDAUIBACEuBRViMkFAAAAAAElFTkSuQmCC", "base64");
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
/** C6: the ids of the images uploaded for "Site map": one in its body, one only in its history. */
const uploaded = { shown: "", earlier: "" };

/** An image uploaded as the editor uploads it (POST /api/uploads, C6), as the signed-in person; its id. */
async function upload(bytes: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name));
  const response = await uploadRoute(new Request("http://portico.test/api/uploads", { method: "POST", body: form }));
  const answer = (await response.json()) as { ok: boolean; data?: { id: string } };
  if (response.status !== 201 || !answer.data) throw new Error(JSON.stringify(answer));
  return answer.data.id;
}

async function storedBytes(key: string): Promise<Buffer> {
  const object = await objectStore().get(key);
  if (!object) throw new Error(`no object ${key}`);
  return Buffer.from(await new Response(object.body).arrayBuffer());
}

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
  return JSON.parse(
    neutral(
      JSON.stringify({
        ...org,
        people: sorted(org.people, (p) => p.email),
        content: sorted(org.content, (c) => c.key).map((c) => (c.images ? { ...c, images: sorted(c.images, (m) => m.path.split(".").pop()!) } : c)),
        // The apps' entries are keyed by nothing but their own ids, which are new in the other database.
        ideas: sorted(org.ideas ?? [], (i) => i.title),
        wallPosts: sorted(org.wallPosts ?? [], (p) => `${p.createdAt} ${p.author} ${p.body}`),
        queries: sorted(org.queries ?? [], (q) => q.title),
      }),
    ),
  );
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

  // C6: a page with two uploaded images, the second taken out again (it stays in the page's history).
  uploaded.shown = await upload(PNG, "map.png");
  uploaded.earlier = await upload(GIF, "old-map.gif");
  const page = { type: "page" as const, title: "Site map", sectionId: h.section("news") };
  const img = (id: string) => `<img src="/api/uploads/${id}" alt="Map" />`;
  const map = await content.createContentAction({ ...page, body: `<p>${img(uploaded.shown)}</p><p>${img(uploaded.earlier)}</p>`, intent: "save" });
  if (!map.ok) throw new Error(JSON.stringify(map));
  expect(await content.updateContentAction({ ...page, body: `<p>${img(uploaded.shown)}</p>`, id: map.data.id, baseVersion: 1, intent: "save" })).toMatchObject({ ok: true });
  signOut();

  // G4 G8 K2: what time leaves behind, which the loader must take. An Ideas moderator since
  // removed set an idea's status; an external person wrote on the wall while its switch was
  // on, and was named its moderator before becoming external; a post was hidden.
  await h.db.update(schema.ideas).set({ statusChangedBy: h.person(STAFF) }).where(eq(schema.ideas.title, "One form for mileage claims"));
  const [outside] = await h.db.insert(schema.wallPosts).values({ authorId: h.person(EXTERNAL), body: "Thank you for the gritting schedule!", favouriteCount: 1 }).returning();
  await h.db.insert(schema.wallFavourites).values({ wallPostId: outside!.id, personId: h.person(STAFF) });
  await h.db.insert(schema.appModerators).values({ app: "messageWall", personId: h.person(EXTERNAL) });
  await h.db.insert(schema.wallPosts).values({ authorId: h.person(STAFF), body: "Something a moderator hid", hiddenAt: new Date(), hiddenBy: h.person(WEBMASTER), hiddenReason: "Off topic" });
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

  it("holds everything the organisation file can: people with their pictures, sections, groups with their files' bytes, content with its history and images (C6), the apps (G4 G8 K4); never a password", async () => {
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

    // C6: the page's images, the one only in its history too, their bytes as uploaded (not re-encoded).
    const map = org.content.find((c) => c.title === "Site map")!;
    expect(new Map(map.images!.map((m) => [m.id, m.path]))).toEqual(
      new Map([
        [uploaded.shown, `images/${uploaded.shown}.png`],
        [uploaded.earlier, `images/${uploaded.earlier}.gif`],
      ]),
    );
    expect(readFileSync(path.join(archive.dir, `images/${uploaded.shown}.png`))).toEqual(PNG);
    expect(readFileSync(path.join(archive.dir, `images/${uploaded.earlier}.gif`))).toEqual(GIF);

    // G4 G8: the apps, each entry as the app holds it.
    expect(org.ideas).toHaveLength(await counts("ideas"));
    expect(org.queries).toHaveLength(await counts("queries"));
    const hidden = Number(rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from wall_posts where hidden_at is not null`))[0]!.n);
    expect(hidden).toBe(1);
    expect(org.wallPosts).toHaveLength((await counts("wall_posts")) - hidden);
    expect(org.wallPosts!.map((p) => p.body)).not.toContain("Something a moderator hid"); // K2: loading it would show it
    expect(org.wallPosts!.find((p) => p.author === EXTERNAL)).toMatchObject({ body: "Thank you for the gritting schedule!", favourites: [STAFF] });
    expect(org.wallPosts!.filter((p) => (p.favourites ?? []).length > 0).length).toBeGreaterThan(3);
    // The external person is no moderator in the file: the loader would refuse one.
    expect(org.appModerators).toEqual({ ideas: ["ravi.patel@northmoor.example"], queries: ["fatima.hussain@northmoor.example"] });
    const parking = org.ideas!.find((i) => i.title === "Secure cycle parking at Northgate Depot")!;
    expect(parking).toMatchObject({ status: "planned", statusBy: WEBMASTER, author: expect.any(String), createdAt: expect.any(String) });
    expect(parking.votes).toHaveLength(8);
    expect(parking.followers).toHaveLength(2);
    // Set by someone who is no longer a moderator: who set it is left out, the status kept.
    const mileage = org.ideas!.find((i) => i.title === "One form for mileage claims")!;
    expect(mileage.status).toBe("under_review");
    expect(mileage).not.toHaveProperty("statusBy");
    const laptop = org.queries!.find((q) => q.title === "Laptop will not connect to the docking station")!;
    expect(laptop).toMatchObject({ team: "it-service-desk", answers: [{ author: "rhys.morgan@northmoor.example", accepted: true }] });

    // Every stored file the organisation file names is in the archive, at its path.
    const named = [
      ...org.people.flatMap((p) => (p.image ? [p.image] : [])),
      ...org.groups.flatMap((g) => (g.files ?? []).flatMap((f) => f.versions.map((v) => v.path))),
      ...org.content.flatMap((c) => (c.images ?? []).map((m) => m.path)),
    ];
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
      // C6: the page's images are its uploads there, under new ids its body names, with the bytes as uploaded.
      const [map] = rowsOf<{ id: string; body: string; author_id: string }>(await again.db.execute(sql`select id, body, author_id from content where title = 'Site map'`));
      const images = await again.db.select().from(schema.uploads).where(eq(schema.uploads.contentId, map!.id)).orderBy(schema.uploads.mimeType);
      expect(images.map((m) => [m.mimeType, m.uploaderId, m.width])).toEqual([
        ["image/png", map!.author_id, 2],
        ["image/gif", map!.author_id, 1],
      ]);
      expect(images.map((m) => m.id)).not.toContain(uploaded.shown);
      expect(map!.body).toBe(`<p><img src="/api/uploads/${images[0]!.id}" alt="Map" /></p>`);
      expect(await storedBytes(images[0]!.id)).toEqual(PNG);
      expect(await storedBytes(images[1]!.id)).toEqual(GIF);
      // G8: the idea whose setter is not known is loaded with its status, by nobody named.
      const mileage = rowsOf<{ status: string; status_changed_by: string | null }>(await again.db.execute(sql`select status, status_changed_by from ideas where title = 'One form for mileage claims'`));
      expect(mileage).toEqual([{ status: "under_review", status_changed_by: null }]);
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
