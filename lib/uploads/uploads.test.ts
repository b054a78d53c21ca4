/**
 * Images in rich text (C2, C6): uploads are size- and type-checked from their
 * bytes (never the name or declared type), SVG is refused, and the file is served only
 * to people who can view the item it belongs to — or its uploader before the item is
 * saved — with everyone else getting the same 404 as a missing id.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { content, people, unclaimedObjects, uploads } from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut } from "@/lib/testing/harness";
import { MAX_UPLOAD_BYTES, checkImage } from "./image-check";


const dataDir = mkdtempSync(path.join(tmpdir(), "portico-uploads-"));
process.env.PORTICO_DATA_DIR = dataDir;

const { POST } = await import("@/app/api/uploads/route");
const { setObjectStoreForTests } = await import("@/lib/storage/current");
const { s3Store } = await import("@/lib/storage/s3");
const { startTestS3Server } = await import("@/lib/storage/testing/s3-server");
const { GET } = await import("@/app/api/uploads/[id]/route");
const { createContentAction, deleteContentAction, setPublishedAction, updateContentAction } = await import("@/lib/content/actions");

const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
const PNG = b64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
const GIF = b64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
const JPEG = b64("/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");
const WEBP = b64("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
const SVG = new TextEncoder().encode('<?xml version="1.0"?>\n<!-- a picture -->\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');
const HTML = new TextEncoder().encode("<html><script>alert(1)</script></html>");

const ORG = {
  people: [
    { email: "au@x.example", name: "Audrey Author", audience: "organisational" },
    { email: "ed@x.example", name: "Eddie Editor", audience: "organisational" },
    { email: "plain@x.example", name: "Pat Plain", audience: "organisational" },
    { email: "ext@x.example", name: "Ezra External", audience: "external" },
  ],
  sections: [
    {
      slug: "news",
      title: "News",
      parent: null,
      restricted: false,
      roles: [
        { person: "au@x.example", role: "author" },
        { person: "ed@x.example", role: "editor" },
      ],
    },
  ],
};

let harness: Harness;
let conn: Connection;
let newsId = 0;
const as = (who: string) => signInAs(`${who}@x.example`);

beforeAll(async () => {
  harness = await createHarness(ORG);
  conn = harness.conn;
  newsId = harness.section("news");
});
afterAll(async () => {
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The files in the local store's folder (PORTICO_DATA_DIR/uploads). */
const files = () => (existsSync(path.join(dataDir, "uploads")) ? readdirSync(path.join(dataDir, "uploads")).sort() : []);

function uploadRequest(bytes: Uint8Array, name = "picture.png", type = "image/png", headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name, { type }));
  return new Request("http://portico.test/api/uploads", { method: "POST", body: form, headers });
}

async function upload(bytes: Uint8Array, name?: string, type?: string) {
  const response = await POST(uploadRequest(bytes, name, type));
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { id: string; src: string }; fieldErrors?: Record<string, string>; formError?: string } };
}

async function fetchImage(id: string) {
  return GET(new Request(`http://portico.test/api/uploads/${id}`), { params: Promise.resolve({ id }) });
}

describe("checking an image from its bytes", () => {
  it("accepts PNG, JPEG, GIF and WebP, reading their sizes", () => {
    expect(checkImage(PNG)).toEqual({ ok: true, mimeType: "image/png", width: 1, height: 1 });
    expect(checkImage(JPEG)).toEqual({ ok: true, mimeType: "image/jpeg", width: 1, height: 1 });
    expect(checkImage(GIF)).toEqual({ ok: true, mimeType: "image/gif", width: 1, height: 1 });
    expect(checkImage(WEBP)).toEqual({ ok: true, mimeType: "image/webp", width: 1, height: 1 });
  });
  it("refuses SVG, other files, damaged images, empty files and files over 5 MB", () => {
    expect(checkImage(SVG)).toMatchObject({ ok: false, message: expect.stringMatching(/SVG/) });
    expect(checkImage(HTML)).toMatchObject({ ok: false, message: expect.stringMatching(/not a PNG, JPEG, GIF or WebP/) });
    expect(checkImage(PNG.subarray(0, 12))).toMatchObject({ ok: false, message: expect.stringMatching(/could not be read/) });
    expect(checkImage(new Uint8Array())).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(PNG);
    expect(checkImage(big)).toMatchObject({ ok: false, message: expect.stringMatching(/larger than 5 MB/) });
  });
});

describe("POST /api/uploads", () => {
  it("stores a checked image for someone who writes content, typed by its bytes, not its name or declared type", async () => {
    await as("au");
    const { status, body } = await upload(GIF, "holiday.png", "image/png");
    expect(status).toBe(201);
    const [row] = await conn.db.select().from(uploads).where(eq(uploads.id, body.data!.id));
    expect(row).toMatchObject({ mimeType: "image/gif", contentId: null, uploaderId: harness.person("au@x.example"), width: 1, height: 1 });
    expect(body.data!.src).toBe(`/api/uploads/${row!.id}`);
    expect(existsSync(path.join(dataDir, "uploads", row!.id))).toBe(true);
  });

  it("refuses SVG, disguised files and oversized ones, storing nothing", async () => {
    await as("au");
    const before = files();
    await expectUnchanged([uploads, unclaimedObjects], async () => {
      expect(await upload(SVG, "logo.png", "image/png")).toMatchObject({ status: 400, body: { ok: false, fieldErrors: { file: expect.stringMatching(/SVG/) } } });
      expect(await upload(HTML, "photo.jpg", "image/jpeg")).toMatchObject({ status: 400, body: { fieldErrors: { file: expect.stringMatching(/not a PNG/) } } });
      const big = new Uint8Array(MAX_UPLOAD_BYTES + 10);
      big.set(PNG);
      expect(await upload(big)).toMatchObject({ status: 400, body: { fieldErrors: { file: expect.stringMatching(/larger than 5 MB/) } } });
      const declaredTooBig = await POST(uploadRequest(PNG, "x.png", "image/png", { "content-length": String(MAX_UPLOAD_BYTES * 2) }));
      expect(declaredTooBig.status).toBe(413);
    });
    expect(files()).toEqual(before);
  });

  it("refuses people without a section role, signed-out callers and other sites, storing nothing", async () => {
    const before = files();
    await expectUnchanged([uploads, unclaimedObjects], async () => {
      await as("plain");
      expect(await upload(PNG)).toMatchObject({ status: 403, body: { ok: false, formError: expect.stringMatching(/permission/) } });
      await as("ext");
      expect((await upload(PNG)).status).toBe(403);
      signOut();
      expect((await upload(PNG)).status).toBe(401);
      await as("au");
      const crossSite = await POST(uploadRequest(PNG, "x.png", "image/png", { origin: "https://evil.example" }));
      expect(crossSite.status).toBe(403);
    });
    expect(files()).toEqual(before);
  });

  it("compares the Origin with the address the browser used (Host), not Next's internal one, or with the configured public address", async () => {
    await as("au");
    const local = (origin: string) => POST(uploadRequest(PNG, "x.png", "image/png", { origin, host: "127.0.0.1:3300" }));
    const saved = { PORTICO_PUBLIC_URL: process.env.PORTICO_PUBLIC_URL, AUTH_URL: process.env.AUTH_URL };
    delete process.env.PORTICO_PUBLIC_URL;
    delete process.env.AUTH_URL;
    try {
      expect((await local("http://127.0.0.1:3300")).status).toBe(201);
      await expectUnchanged([uploads], async () => {
        for (const origin of ["null", "https://evil.example", "http://127.0.0.1:3301", "http://portico.test"]) expect((await local(origin)).status, origin).toBe(403);
        process.env.PORTICO_PUBLIC_URL = "https://portal.example.org";
        expect((await local("http://127.0.0.1:3300")).status).toBe(403);
      });
      expect((await local("https://portal.example.org")).status).toBe(201);
    } finally {
      Object.assign(process.env, saved);
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    }
  });
});

describe("GET /api/uploads/<id>: only for people who can view the item (C2)", () => {
  it("serves the uploader before the item is saved, nobody else; then the item's viewers", async () => {
    await as("au");
    const { body } = await upload(PNG);
    const id = body.data!.id;

    const served = await fetchImage(id);
    expect(served.status).toBe(200);
    expect(Object.fromEntries(served.headers)).toMatchObject({
      "content-type": "image/png",
      "x-content-type-options": "nosniff",
      "content-security-policy": expect.stringContaining("default-src 'none'"),
      "cache-control": expect.stringMatching(/^private/),
    });
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);

    for (const who of ["ed", "plain"]) {
      await as(who);
      expect((await fetchImage(id)).status).toBe(404);
    }
    signOut();
    expect((await fetchImage(id)).status).toBe(404);

    // Saved in a draft: the author and the section's editors, not others (C2).
    await as("au");
    const created = await createContentAction({ type: "news", title: "With a picture", body: `<p>See</p><img src="/api/uploads/${id}" alt="A map">`, sectionId: newsId });
    expect(created.ok).toBe(true);
    const itemId = created.ok ? created.data.id : "";
    expect((await conn.db.select().from(uploads).where(eq(uploads.id, id)))[0]!.contentId).toBe(itemId);
    expect((await conn.db.select().from(content).where(eq(content.id, itemId)))[0]!.body).toContain(`src="/api/uploads/${id}"`);
    for (const [who, status] of [["au", 200], ["ed", 200], ["plain", 404], ["ext", 404]] as const) {
      await as(who);
      expect((await fetchImage(id)).status, who).toBe(status);
    }
    // Published in an open section: every organisational person, still not the external one.
    await as("ed");
    expect((await setPublishedAction({ id: itemId, baseVersion: 1, publish: true })).ok).toBe(true);
    await as("plain");
    expect((await fetchImage(id)).status).toBe(200);
    await as("ext");
    expect((await fetchImage(id)).status).toBe(404);

    // Deleting the item deletes the image row and its file.
    await as("ed");
    expect((await deleteContentAction({ id: itemId, confirmed: true })).ok).toBe(true);
    expect(await conn.db.select().from(uploads).where(eq(uploads.id, id))).toEqual([]);
    expect(existsSync(path.join(dataDir, "uploads", id))).toBe(false);
    await as("au");
    expect((await fetchImage(id)).status).toBe(404);
  });

  it("answers a malformed or unknown id exactly like a forbidden one", async () => {
    await as("au");
    for (const id of ["not-a-uuid", "../../etc/passwd", "123e4567-e89b-42d3-a456-426614174000"]) {
      const response = await fetchImage(id);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Not found");
    }
  });

  it("drops from a saved body any image the saver may not use: someone else's upload, another item's", async () => {
    await as("au");
    const audreys = (await upload(PNG)).body.data!.id;
    await as("ed");
    const other = await createContentAction({ type: "news", title: "Editor item", body: "", intent: "publish", sectionId: newsId });
    const eddies = (await upload(GIF)).body.data!.id;
    const otherId = other.ok ? other.data.id : "";
    expect((await updateContentAction({ type: "news", title: "Editor item", body: `<img src="/api/uploads/${eddies}" alt="m">`, id: otherId, baseVersion: 1 })).ok).toBe(true);

    await as("au");
    const created = await createContentAction({
      type: "news",
      title: "Borrowing",
      body: `<p>x</p><img src="/api/uploads/${audreys}" alt="mine"><img src="/api/uploads/${eddies}" alt="not mine">`,
      sectionId: newsId,
    });
    const itemId = created.ok ? created.data.id : "";
    const [row] = await conn.db.select().from(content).where(eq(content.id, itemId));
    expect(row!.body).toBe(`<p>x</p><img src="/api/uploads/${audreys}" alt="mine" />`);
    // The editor's image stays with the editor's item.
    expect((await conn.db.select().from(uploads).where(eq(uploads.id, eddies)))[0]!.contentId).toBe(otherId);
  });
});

describe("with the files in an S3-compatible bucket (PORTICO_S3_BUCKET)", () => {
  it("stores, serves (streamed, same headers) and deletes an item's image exactly as on the local folder", async () => {
    const s3 = await startTestS3Server();
    const store = s3Store(s3.settings);
    setObjectStoreForTests(store);
    try {
      const before = files();
      await as("au");
      const { status, body } = await upload(JPEG, "photo.jpg", "image/jpeg");
      expect(status).toBe(201);
      const id = body.data!.id;
      expect(files()).toEqual(before); // in the bucket, not the folder
      expect(await conn.db.select().from(unclaimedObjects)).toEqual([]);
      const served = await fetchImage(id);
      expect(served.status).toBe(200);
      expect(Object.fromEntries(served.headers)).toMatchObject({ "content-type": "image/jpeg", "content-length": String(JPEG.length), "x-content-type-options": "nosniff" });
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(JPEG);
      await as("plain");
      expect((await fetchImage(id)).status).toBe(404);

      await as("au");
      const created = await createContentAction({ type: "news", title: "From the bucket", body: `<img src="/api/uploads/${id}" alt="A photo">`, sectionId: newsId });
      expect(created.ok).toBe(true);
      expect((await deleteContentAction({ id: created.ok ? created.data.id : "", confirmed: true })).ok).toBe(true);
      expect(await store.get(id)).toBeNull();
      expect(await conn.db.select().from(unclaimedObjects)).toEqual([]);
    } finally {
      setObjectStoreForTests(undefined);
      await s3.stop();
    }
  });
});

describe("the storage ledger follows the image rows whatever changes them (C6, E3)", () => {
  const ledger = async () => (await conn.db.select({ key: unclaimedObjects.key }).from(unclaimedObjects)).map((r) => r.key).sort();

  it("releases the object of a deleted image row, and of a person's replaced, cleared or deleted profile image", async () => {
    await conn.db.delete(unclaimedObjects);
    await as("au");
    const id = (await upload(PNG)).body.data!.id;
    await conn.db.delete(uploads).where(eq(uploads.id, id)); // not through any action
    expect(await ledger()).toEqual([id]);

    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    const plain = harness.person("plain@x.example");
    await conn.db.update(people).set({ imageId: first }).where(eq(people.id, plain));
    expect(await ledger()).toEqual([id]);
    await conn.db.update(people).set({ jobTitle: "Surveyor" }).where(eq(people.id, plain));
    expect(await ledger()).toEqual([id]);
    await conn.db.update(people).set({ imageId: second }).where(eq(people.id, plain));
    expect(await ledger()).toEqual([id, first].sort());
    await conn.db.update(people).set({ imageId: null }).where(eq(people.id, plain));
    expect(await ledger()).toEqual([id, first, second].sort());
    const [gone] = await conn.db.insert(people).values({ email: "gone@x.example", name: "Gone Soon", audience: "organisational", imageId: third }).returning({ id: people.id });
    await conn.db.delete(people).where(eq(people.id, gone!.id));
    expect(await ledger()).toEqual([id, first, second, third].sort());
    await conn.db.delete(unclaimedObjects);
  });
});
