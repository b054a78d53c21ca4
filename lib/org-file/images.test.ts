/**
 * C6 D3: images inside rich text in an organisation file (ORG-FILE.md, content[].images):
 * each is an image its item's body or history names, its bytes beside the file checked as an
 * image upload is, stored under a new id that the bodies are rewritten to, and served to the
 * people who can view the item (C2). Every problem is refused by its JSON path, nothing written.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { type Harness, createHarness, signInAs, signOut } from "@/lib/testing/harness";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/image-check";
import { OrgFileRefusedError, parseOrgFileInFolder } from "./contents";
import { isDatabaseEmpty, loadOrganisation } from "./load";
import { type OrgFile, parseOrgFileText } from "./schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "portico-org-images-"));
process.env.PORTICO_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { GET } = await import("@/app/api/uploads/[id]/route");
const { objectStore } = await import("@/lib/storage/current");

const b64 = (s: string) => Buffer.from(s, "base64");
const PNG = b64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
const GIF = b64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>';

const folder = mkdtempSync(path.join(tmpdir(), "portico-org-images-files-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
mkdirSync(path.join(folder, "images"));
writeFileSync(path.join(folder, "images/plan.png"), PNG);
writeFileSync(path.join(folder, "images/old.gif"), GIF);
writeFileSync(path.join(folder, "images/logo.png"), SVG); // SVG under an image's name
writeFileSync(path.join(folder, "images/page.png"), "<html><script>alert(1)</script></html>");
writeFileSync(path.join(folder, "images/cut.png"), PNG.subarray(0, 12));
writeFileSync(path.join(folder, "images/empty.png"), "");
writeFileSync(path.join(folder, "images/huge.png"), Buffer.concat([PNG, Buffer.alloc(MAX_UPLOAD_BYTES)]));
mkdirSync(path.join(folder, "images/folder.png"));

const PLAN = randomUUID();
const OLD = randomUUID();
const img = (id: string) => `<img src="/api/uploads/${id}" alt="">`;
const ANA = "ana@images.example";
const BOB = "bob@images.example";

/** Ana edits the restricted board section; Bob is not in it. Its one item shows PLAN, and showed OLD before. */
function orgWith(images: unknown, extra: Record<string, unknown> = {}) {
  return {
    people: [
      { email: ANA, name: "Ana Adams", audience: "organisational" },
      { email: BOB, name: "Bob Brown", audience: "organisational" },
    ],
    sections: [{ slug: "board", title: "Board", parent: null, restricted: true, members: [ANA], roles: [{ person: ANA, role: "editor" }] }],
    content: [
      {
        key: "plan",
        type: "page",
        title: "The plan",
        body: `<p>Plan</p><p>${img(PLAN)}</p>`,
        section: "board",
        author: ANA,
        status: "published",
        versions: [
          { title: "The plan", body: `<p>${img(OLD)}</p>`, status: "draft", editor: ANA, editorName: "Ana Adams", savedAt: "2026-10-01T09:00:00Z" },
          { title: "The plan", body: `<p>Plan</p><p>${img(PLAN)}</p>`, status: "published", editor: ANA, editorName: "Ana Adams", savedAt: "2026-10-02T09:00:00Z" },
        ],
        images,
      },
    ],
    ...extra,
  };
}
const GOOD = [
  { id: PLAN, path: "images/plan.png" },
  { id: OLD, path: "images/old.gif" },
];

function parsed(org: unknown): OrgFile {
  const result = parseOrgFileText(JSON.stringify(org));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.org;
}
function problemsOf(org: unknown): string[] {
  const result = parseOrgFileText(JSON.stringify(org));
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}
const storedKeys = () => (existsSync(path.join(dataDir, "uploads")) ? readdirSync(path.join(dataDir, "uploads")).filter((f) => !f.startsWith(".")).sort() : []);
async function storedBytes(key: string): Promise<Buffer> {
  const object = await objectStore().get(key);
  if (!object) throw new Error(`no object ${key}`);
  return Buffer.from(await new Response(object.body).arrayBuffer());
}
const fetchImage = (id: string) => GET(new Request(`http://portico.test/api/uploads/${id}`), { params: Promise.resolve({ id }) });

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

describe("images inside rich text in an organisation file (C6, ORG-FILE.md)", () => {
  it("refuses an image's bad path, an id that is no lowercase UUID, one its item never names, and one listed twice or by two items, each by its JSON path", () => {
    const elsewhere = { key: "other", type: "page", title: "Other", body: `<p>${img(PLAN)}</p>`, section: "board", author: ANA, status: "draft", images: [{ id: PLAN, path: "images/plan.png" }] };
    const unknown = randomUUID();
    expect(
      problemsOf(
        orgWith([
          { id: PLAN, path: "/etc/plan.png" },
          { id: OLD, path: "../old.gif" },
          { id: "not-a-uuid", path: "images/x.png" },
          { id: PLAN.toUpperCase(), path: "images/x.png" },
        ]),
      ),
    ).toEqual([
      "$.content[0].images[0].path: must be relative to the organisation file's folder (it starts at a root)",
      "$.content[0].images[1].path: must stay inside the organisation file's folder (no .. in it)",
      "$.content[0].images[2].id: must be the id the body names the image by (/api/uploads/<id>): a UUID in lowercase",
      "$.content[0].images[3].id: must be the id the body names the image by (/api/uploads/<id>): a UUID in lowercase",
      // Reference problems come with the shape's: these ids are named nowhere.
      `$.content[0].images[2].id: is not an image of this item: neither its body nor any of its versions' bodies names /api/uploads/not-a-uuid`,
      `$.content[0].images[3].id: is not an image of this item: neither its body nor any of its versions' bodies names /api/uploads/${PLAN.toUpperCase()}`,
    ]);
    const base = orgWith([...GOOD, { id: unknown, path: "images/plan.png" }, { id: PLAN, path: "images/plan.png" }]);
    expect(problemsOf({ ...base, content: [...base.content, elsewhere] })).toEqual([
      `$.content[0].images[2].id: is not an image of this item: neither its body nor any of its versions' bodies names /api/uploads/${unknown}`,
      `$.content[0].images[3]: lists image "${PLAN}" twice`,
      `$.content[1].images[0].id: is listed by content[0].images[0] too: an image belongs to one item`,
    ]);
    expect(problemsOf(orgWith([]))).toEqual(["$.content[0].images: leave images out rather than give none"]);
    // Named only in the item's history is named: the versions page shows it.
    expect(problemsOf(orgWith(GOOD))).toEqual([]);
  });

  it("refuses bytes that are not an image an upload may be (missing, a folder, empty, SVG, HTML, damaged, over 5 MB), each by its path, with the file's other problems", async () => {
    const images = ["images/none.png", "images/folder.png", "images/empty.png", "images/logo.png", "images/page.png", "images/cut.png", "images/huge.png"].map((p, i) => ({
      id: i === 0 ? PLAN : randomUUID(),
      path: p,
    }));
    const org = orgWith(images);
    // Every id named by the body, so that the bytes are the only problems; and one shape problem besides.
    org.content[0]!.body += images.map((m) => img(m.id)).join("");
    const result = await parseOrgFileInFolder(JSON.stringify({ ...org, people: [...org.people, { email: "nope", name: "N", audience: "organisational" }] }), folder);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "$.people[2].email: must be a valid e-mail address",
      expect.stringMatching(/^\$\.content\[0\]\.images\[0\]\.path: names no file: there is nothing at .*none\.png$/),
      expect.stringMatching(/^\$\.content\[0\]\.images\[1\]\.path: is not a file/),
      expect.stringMatching(/^\$\.content\[0\]\.images\[2\]\.path: is not an image an item may show \(C6.*\): The file is empty/),
      expect.stringMatching(/^\$\.content\[0\]\.images\[3\]\.path: is not an image an item may show \(C6.*\): SVG images are not accepted/),
      expect.stringMatching(/^\$\.content\[0\]\.images\[4\]\.path: is not an image an item may show \(C6.*\): This file is not a PNG, JPEG, GIF or WebP image/),
      expect.stringMatching(/^\$\.content\[0\]\.images\[5\]\.path: is not an image an item may show \(C6.*\): This image could not be read/),
      expect.stringMatching(/^\$\.content\[0\]\.images\[6\]\.path: is larger than 5 MB, the largest image rich text may hold \(C6\)/),
    ]);
  });

  it("a load whose image is not an image is refused by its path: nothing written, nothing stored", async () => {
    const org = parsed(orgWith([GOOD[0], { id: OLD, path: "images/logo.png" }]));
    const refusal = await loadOrganisation(h.db, org, { baseDir: folder }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(OrgFileRefusedError);
    expect((refusal as OrgFileRefusedError).problems).toEqual([{ path: "$.content[0].images[1].path", message: expect.stringMatching(/SVG images are not accepted/) }]);
    expect(await isDatabaseEmpty(h.db)).toBe(true);
    expect(await h.db.select().from(schema.uploads)).toEqual([]);
    expect(await h.db.select().from(schema.unclaimedObjects)).toEqual([]);
    expect(storedKeys()).toEqual([]);
    await expect(loadOrganisation(h.db, parsed(orgWith(GOOD)))).rejects.toThrow(/baseDir/);
    // Handed to the loader without the schema's check, a path leaving the folder is still refused.
    const escaping = parsed(orgWith(GOOD));
    escaping.content[0]!.images![0]!.path = "../plan.png";
    const refused = await loadOrganisation(h.db, escaping, { baseDir: folder }).catch((e: unknown) => e);
    expect((refused as OrgFileRefusedError).problems).toEqual([{ path: "$.content[0].images[0].path", message: expect.stringMatching(/must stay inside/) }]);
    expect(storedKeys()).toEqual([]);
  });

  it("a load that fails in its transaction deletes the images it stored", async () => {
    // Past every check (handed to the loader directly): the database refuses the second item's missing home.
    const org = parsed(orgWith(GOOD));
    org.content.push({ key: "x", type: "news", title: "X", body: "", group: "no-such-group", author: ANA, status: "published" });
    await expect(loadOrganisation(h.db, org, { baseDir: folder })).rejects.toThrow();
    expect(await isDatabaseEmpty(h.db)).toBe(true);
    expect(await h.db.select().from(schema.unclaimedObjects)).toEqual([]);
    expect(storedKeys()).toEqual([]);
  });

  it("loads each image as its item's upload under a new id, the bodies rewritten to it, the bytes as given, served to who may view the item only (C2)", async () => {
    const summary = await loadOrganisation(h.db, parsed(orgWith(GOOD)), { baseDir: folder });
    expect(summary.images).toBe(2);
    await h.refreshIds();
    const item = h.content("plan");
    const rows = await h.db.select().from(schema.uploads).orderBy(asc(schema.uploads.mimeType));
    expect(rows.map((r) => [r.mimeType, r.contentId, r.uploaderId, r.byteSize, r.width, r.height])).toEqual([
      ["image/png", item, h.person(ANA), PNG.length, 1, 1],
      ["image/gif", item, h.person(ANA), GIF.length, 1, 1],
    ]);
    const [png, gif] = rows.map((r) => r.id);
    expect([png, gif]).not.toContain(PLAN);
    expect([png, gif]).not.toContain(OLD);
    const [row] = await h.db.select().from(schema.content).where(eq(schema.content.id, item));
    expect(row!.body).toBe(`<p>Plan</p><p>${img(png!)}</p>`);
    const versions = await h.db.select().from(schema.contentVersions).where(eq(schema.contentVersions.contentId, item)).orderBy(asc(schema.contentVersions.version));
    expect(versions.map((v) => v.body)).toEqual([`<p>${img(gif!)}</p>`, `<p>Plan</p><p>${img(png!)}</p>`]);
    expect(await storedBytes(png!)).toEqual(PNG);
    expect(await storedBytes(gif!)).toEqual(GIF);
    expect(await h.db.select().from(schema.unclaimedObjects)).toEqual([]);

    await signInAs(ANA);
    const served = await fetchImage(png!);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
    await signInAs(BOB); // not in the restricted section: the same 404 as no image
    expect((await fetchImage(png!)).status).toBe(404);
    signOut();
  });

  it("loaded again with --reset over itself, keeps its images: new ids again, the replaced organisation's objects deleted", async () => {
    const before = (await h.db.select({ id: schema.uploads.id }).from(schema.uploads)).map((r) => r.id).sort();
    await loadOrganisation(h.db, parsed(orgWith(GOOD)), { baseDir: folder, reset: true });
    const after = (await h.db.select({ id: schema.uploads.id }).from(schema.uploads)).map((r) => r.id).sort();
    expect(after).toHaveLength(2);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    expect(storedKeys()).toEqual(after);
    for (const id of after) expect((await storedBytes(id)).length).toBeGreaterThan(0);
  });
});
