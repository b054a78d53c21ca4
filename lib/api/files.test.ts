/**
 * D2: a group's files through the API are the group docs' own reads, for the token's person
 * (G1, G3, G6, G7, E5, C5): GET /groups/{slug}/files (listGroupFiles, a page at a time),
 * /files/{id} (getGroupFile) and /files/{id}/versions/{number}/content (getVersionForDownload
 * and downloadResponse, as the site's download route). Every person × every group and file,
 * with the Groups switch off and on, gets the lib's verdict and values; a secret group's file
 * is a 404 byte for byte as no file; a refusal names nothing of the file; a download is the
 * stored bytes, with Range; answers agree with the OpenAPI document.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, signInAs, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

// Group files' objects go to this folder's uploads/ (lib/storage/settings.ts).
const dataDir = mkdtempSync(path.join(tmpdir(), "portico-api-files-"));
process.env.PORTICO_DATA_DIR = dataDir;
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET: getFilesRoute } = await import("@/app/api/v1/groups/[slug]/files/route");
const { GET: getFileRoute } = await import("@/app/api/v1/files/[id]/route");
const { GET: getContentRoute } = await import("@/app/api/v1/files/[id]/versions/[number]/content/route");
const { GET: siteDownload } = await import("@/app/api/group-files/[id]/versions/[n]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { getGroupPage } = await import("@/lib/groups/queries");
const { getGroupFile, getVersionForDownload, listGroupFiles, GROUP_FILES_PAGE_SIZE } = await import("@/lib/group-docs/queries");
const { objectStore, setObjectStoreForTests } = await import("@/lib/storage/current");

const E = (local: string) => `${local}@api-files.test`;
/** webmaster, the groups' admin, a member of all three, staff outside them, an external outsider, an external member of the private group, and someone invited to the secret one. */
const PEOPLE = ["web", "admin", "member", "staff", "ext", "extmember", "invitee"] as const;
type Who = (typeof PEOPLE)[number];
const GROUPS = ["g-public", "g-private", "g-secret", "no-such-group"] as const;
/** Every word that names a stored file or a private or secret group: none may be in a refusal. */
const NAMES = /Plan\.pdf|Minutes|Map\.png|notes|Private planners|Secret squirrels|mapping|Meeting/;

const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("admin"), name: "Ada Admin", audience: "organisational" },
    { email: E("member"), name: "Mo Member", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
    { email: E("extmember"), name: "Xavi Partner", audience: "external" },
    { email: E("invitee"), name: "Ivy Invitee", audience: "organisational" },
  ],
  sections: [],
  groups: [
    { slug: "g-public", name: "Public pals", description: "", visibility: "public", members: [{ person: E("admin"), admin: true }, { person: E("member") }] },
    { slug: "g-private", name: "Private planners", description: "", visibility: "private", members: [{ person: E("admin"), admin: true }, { person: E("member") }, { person: E("extmember") }] },
    {
      slug: "g-secret", name: "Secret squirrels", description: "", visibility: "secret",
      members: [{ person: E("admin"), admin: true }, { person: E("member") }], invitations: [{ person: E("invitee"), invitedBy: E("admin") }],
    },
  ],
  settings: { externalAccess: { groups: false } },
} satisfies Partial<OrgFile> & Record<string, unknown>;

const ascii = (text: string) => new TextEncoder().encode(text);
const PDF_1 = ascii("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PDF_2 = ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /Version 2 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const TEXT = ascii("Minutes of the meeting.\nEveryone came.\n");

let h: Harness;
const tokens = new Map<string, string>();
const check = documentValidator(openApiDocument());
/** The stored files, by a short name: [id, their versions' bytes (oldest first)]. */
const files = new Map<string, { id: string; versions: Uint8Array[] }>();

async function setGroupsSwitch(on: boolean) {
  await h.db
    .update(schema.settings)
    .set({ value: sql`${schema.settings.value} || jsonb_build_object('groups', ${on}::boolean)` })
    .where(eq(schema.settings.key, "externalAccess"));
}

/** A file as an upload leaves it: its row, and each version's row with its bytes in object storage (lib/storage). */
async function storeFile(key: string, slug: string, f: { name: string; mimeType: string; uploader: Who; description?: string; tags?: string[]; versions: Uint8Array[] }) {
  const [row] = await h.db
    .insert(schema.groupFiles)
    .values({ groupId: h.ids.groups.get(slug)!, name: f.name, description: f.description ?? "", tags: f.tags ?? [], currentVersion: f.versions.length, uploaderId: h.person(E(f.uploader)) })
    .returning({ id: schema.groupFiles.id });
  for (const [i, bytes] of f.versions.entries()) {
    const storageKey = crypto.randomUUID();
    await objectStore().put(storageKey, bytes, { size: bytes.length, contentType: f.mimeType });
    await h.db.insert(schema.groupFileVersions).values({
      fileId: row!.id, number: i + 1, storageKey, byteSize: bytes.length, mimeType: f.mimeType, uploaderId: h.person(E(f.uploader)),
      createdAt: new Date(Date.UTC(2026, 9, 1 + i)),
    });
  }
  files.set(key, { id: row!.id, versions: f.versions });
}

beforeAll(async () => {
  setObjectStoreForTests(undefined); // made afresh from this file's PORTICO_DATA_DIR
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of PEOPLE) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
  await storeFile("plan", "g-public", { name: "Plan.pdf", mimeType: "application/pdf", uploader: "member", description: "The plan\nin detail", tags: ["plans"], versions: [PDF_1, PDF_2] });
  await storeFile("minutes", "g-private", { name: "Minutes.txt", mimeType: "text/plain", uploader: "extmember", description: "Meeting notes", versions: [TEXT] });
  await storeFile("map", "g-secret", { name: "Map.png", mimeType: "image/png", uploader: "admin", description: "Secret mapping", versions: [PNG] });
  // More than a page of files in the public group, pairs updated at the same moment (the id breaks the tie). Rows only: they are listed, never downloaded.
  for (let i = 0; i < GROUP_FILES_PAGE_SIZE + 5; i++) {
    const [row] = await h.db
      .insert(schema.groupFiles)
      .values({ groupId: h.ids.groups.get("g-public")!, name: `Filler ${i}.pdf`, uploaderId: h.person(E("admin")), updatedAt: new Date(Date.UTC(2026, 8, 1 + Math.floor(i / 2))) })
      .returning({ id: schema.groupFiles.id });
    await h.db.insert(schema.groupFileVersions).values({ fileId: row!.id, number: 1, storageKey: crypto.randomUUID(), byteSize: 100 + i, mimeType: "application/pdf", uploaderId: h.person(E("admin")) });
  }
});
afterAll(async () => {
  await h?.close();
  setObjectStoreForTests(undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

const listFiles = (who: Who, slug: string, query = "") =>
  getFilesRoute(apiRequest(`/groups/${encodeURIComponent(slug)}/files${query}`, tokens.get(who)!), { params: Promise.resolve({ slug }) });
const getFile = (who: Who, id: string) => getFileRoute(apiRequest(`/files/${id}`, tokens.get(who)!), { params: Promise.resolve({ id }) });
const download = (who: Who, id: string, number: string | number, headers: Record<string, string> = {}) => {
  const request = apiRequest(`/files/${id}/versions/${number}/content`, tokens.get(who)!);
  for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
  return getContentRoute(request, { params: Promise.resolve({ id, number: String(number) }) });
};
/** The status of a lookup as an HTTP status. */
const statusOf = (lookup: { status: "ok" | "forbidden" | "not-found" }) => ({ ok: 200, forbidden: 403, "not-found": 404 })[lookup.status];
/**
 * A whole response, for comparing refusals byte for byte: status, every header and the body.
 * Less the RateLimit-* headers, which count the token's own requests whatever they ask for
 * (lib/api/rate-limit.ts), so differ between any two requests of one token.
 */
const whole = async (r: Response) => ({ status: r.status, headers: [...r.headers.entries()].filter(([k]) => !k.startsWith("ratelimit-")).sort(), body: await r.text() });

/** Runs `body` with the Groups switch off, then on; leaves it off. */
async function bothSwitches(body: (on: boolean) => Promise<void>) {
  try {
    for (const on of [false, true]) {
      await setGroupsSwitch(on);
      await body(on);
    }
  } finally {
    await setGroupsSwitch(false);
  }
}

describe("D2: a group's files through the API (GET /groups/{slug}/files)", () => {
  it("D2 G1 G3 G6 G7 E5: every person × every group, with the Groups switch off and on, gets the group page's and listGroupFiles' verdict, and on 200 listGroupFiles' first page", async () => {
    await bothSwitches(async (on) => {
      for (const who of PEOPLE) {
        const viewer = await viewerOf(E(who));
        for (const slug of GROUPS) {
          const at = `${who} on ${slug}, switch ${on}`;
          // The address names the group as its page finds it; then the files are listGroupFiles' answer.
          const page = await getGroupPage(viewer, slug);
          const listed = page.status === "ok" ? await listGroupFiles(viewer, page.value.id) : page;
          const response = await listFiles(who, slug);
          expect(response.status, at).toBe(statusOf(listed));
          const body = await response.json();
          if (listed.status !== "ok") {
            expect(check("Problem", body)).toEqual([]);
            expect(JSON.stringify(body), at).not.toMatch(NAMES);
            continue;
          }
          expect(check("GroupFilesPage", body), at).toEqual([]);
          expect(body, at).toEqual({
            items: listed.value.files.map((f) => ({ ...f, updatedAt: f.updatedAt.toISOString() })),
            next: listed.value.next,
            mayUpload: listed.value.mayUpload,
          });
          // And it is what the group page itself shows of its files.
          if (page.status === "ok" && page.value.access === "full") expect(body.items.map((f: { id: string }) => f.id)).toEqual(page.value.files.files.map((f) => f.id));
        }
      }
    });
  });

  it("D2 G1 G6 G7: the verdicts are the rules' — members read, a private group's outsider is refused (403), a secret group's is not told it exists (404)", async () => {
    expect((await listFiles("member", "g-secret")).status).toBe(200);
    expect((await (await listFiles("extmember", "g-private")).json()).items.map((f: { name: string }) => f.name)).toEqual(["Minutes.txt"]);
    expect((await listFiles("staff", "g-private")).status).toBe(403);
    expect((await listFiles("staff", "g-secret")).status).toBe(404);
    expect((await listFiles("ext", "g-public")).status).toBe(404);
    expect((await (await listFiles("staff", "g-public")).json()).mayUpload).toBe(false);
    expect((await (await listFiles("member", "g-public")).json()).mayUpload).toBe(true);
  });

  it("D2 G7: the files come a page at a time by the cursor, all of them, with no duplicates or gaps, newest first; the group's own first page continues here", async () => {
    const seen: { id: string; updatedAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await listFiles("staff", "g-public", cursor ? `?cursor=${encodeURIComponent(cursor)}` : "");
      const body = await response.json();
      expect(check("GroupFilesPage", body)).toEqual([]);
      seen.push(...body.items);
      cursor = body.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    const ids = seen.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await h.db.select({ id: schema.groupFiles.id }).from(schema.groupFiles).where(eq(schema.groupFiles.groupId, h.ids.groups.get("g-public")!));
    expect([...ids].sort()).toEqual(all.map((f) => f.id).sort());
    const times = seen.map((f) => Date.parse(f.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The group page's files.next is the same cursor: it continues with this endpoint's second page.
    const { GET: getGroupRoute } = await import("@/app/api/v1/groups/[slug]/route");
    const group = await (await getGroupRoute(apiRequest("/groups/g-public", tokens.get("staff")!), { params: Promise.resolve({ slug: "g-public" }) })).json();
    const second = await (await listFiles("staff", "g-public", `?cursor=${encodeURIComponent(group.files.next)}`)).json();
    expect(second.items.map((f: { id: string }) => f.id)).toEqual(ids.slice(GROUP_FILES_PAGE_SIZE));
    // A cursor that is not one reads as the first page; one too long to be one is a 400 naming it.
    expect((await (await listFiles("staff", "g-public", "?cursor=forged")).json()).items.map((f: { id: string }) => f.id)).toEqual(ids.slice(0, GROUP_FILES_PAGE_SIZE));
    const bad = await listFiles("staff", "g-public", `?cursor=${"c".repeat(2001)}`);
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).errors)).toEqual(["cursor"]);
  });
});

describe("D2: a group file through the API (GET /files/{id})", () => {
  it("D2 G1 G3 G6 G7 E5: every person × every file, with the Groups switch off and on, gets getGroupFile's verdict, and on 200 its values", async () => {
    await bothSwitches(async (on) => {
      for (const who of PEOPLE) {
        const viewer = await viewerOf(E(who));
        for (const [key, { id }] of [...files, ["unknown", { id: crypto.randomUUID() }] as const]) {
          const at = `${who} on ${key}, switch ${on}`;
          const file = await getGroupFile(viewer, id);
          const response = await getFile(who, id);
          expect(response.status, at).toBe(statusOf(file));
          const body = await response.json();
          if (file.status !== "ok") {
            expect(check("Problem", body)).toEqual([]);
            // Nothing of the file, not its name or its group's (C5).
            expect(JSON.stringify(body), at).not.toMatch(NAMES);
            continue;
          }
          expect(check("GroupFile", body), at).toEqual([]);
          const f = file.value;
          expect(body, at).toEqual({
            id: f.id, group: { slug: f.group.slug, name: f.group.name }, name: f.name, description: f.description, tags: f.tags,
            currentVersion: f.currentVersion, mayManage: f.mayManage,
            versions: f.versions.map((v) => ({ number: v.number, byteSize: v.byteSize, mimeType: v.mimeType, uploadedBy: v.uploaderName, createdAt: v.createdAt.toISOString() })),
          });
        }
      }
    });
  });

  it("D2 G5 G7: versions newest first; its managers are its uploader, the group's admins and webmasters; the uploader's id is not given (the page shows a name)", async () => {
    const plan = await (await getFile("staff", files.get("plan")!.id)).json();
    expect(plan).toMatchObject({ name: "Plan.pdf", description: "The plan\nin detail", tags: ["plans"], currentVersion: 2, mayManage: false, group: { slug: "g-public", name: "Public pals" } });
    expect(plan.versions.map((v: { number: number; uploadedBy: string }) => [v.number, v.uploadedBy])).toEqual([[2, "Mo Member"], [1, "Mo Member"]]);
    expect(JSON.stringify(plan)).not.toContain(h.person(E("member")));
    const mayManage = async (who: Who) => (await (await getFile(who, files.get("plan")!.id)).json()).mayManage;
    expect([await mayManage("member"), await mayManage("admin"), await mayManage("web"), await mayManage("staff")]).toEqual([true, true, true, false]);
    expect((await getFile("staff", files.get("minutes")!.id)).status).toBe(403);
    expect((await getFile("staff", files.get("map")!.id)).status).toBe(404);
    // The invitee sees the secret group's summary, never its files: not even that they exist (G1, G6).
    expect((await getFile("invitee", files.get("map")!.id)).status).toBe(404);
  });

  it("D2 G7: a file without a version is not found, as on its page", async () => {
    const [row] = await h.db.insert(schema.groupFiles).values({ groupId: h.ids.groups.get("g-public")!, name: "Empty.pdf" }).returning({ id: schema.groupFiles.id });
    try {
      expect((await getGroupFile(await viewerOf(E("member")), row!.id)).status).toBe("ok");
      expect((await getFile("member", row!.id)).status).toBe(404);
    } finally {
      await h.db.delete(schema.groupFiles).where(eq(schema.groupFiles.id, row!.id));
    }
  });
});

describe("D2: a version's bytes through the API (GET /files/{id}/versions/{number}/content)", () => {
  it("D2 G1 G3 G6 G7 E5: every person × every version, with the Groups switch off and on, gets getVersionForDownload's verdict — the site's download route's — and on 200 the stored bytes with the site's headers", async () => {
    await bothSwitches(async (on) => {
      for (const who of PEOPLE) {
        const viewer = await viewerOf(E(who));
        await signInAs(E(who)); // for the site's route, which reads the session
        for (const [key, { id, versions }] of files) {
          for (const number of [...versions.keys()].map((i) => i + 1).concat(versions.length + 1)) {
            const at = `${who} on ${key} v${number}, switch ${on}`;
            const lookup = await getVersionForDownload(viewer, id, number);
            const response = await download(who, id, number);
            const site = await siteDownload(new Request(`http://portico.test/api/group-files/${id}/versions/${number}`), { params: Promise.resolve({ id, n: String(number) }) });
            expect(response.status, at).toBe(statusOf(lookup));
            expect(response.status, at).toBe(site.status);
            if (lookup.status !== "ok") {
              expect(response.headers.get("content-type")).toBe("application/problem+json");
              const body = await response.json();
              expect(check("Problem", body)).toEqual([]);
              expect(JSON.stringify(body), at).not.toMatch(NAMES);
              await site.body?.cancel();
              continue;
            }
            expect(new Uint8Array(await response.arrayBuffer()), at).toEqual(versions[number - 1]);
            await site.body?.cancel();
            for (const header of ["content-type", "content-length", "content-disposition", "x-content-type-options", "accept-ranges", "cache-control", "cross-origin-resource-policy"]) {
              expect(response.headers.get(header), `${at}: ${header}`).toBe(site.headers.get(header));
            }
            // An inline version keeps the download's own sandboxing policy; an attachment gets the API's, which allows nothing (the site's route gives it the pages' own).
            const policy = site.headers.get("content-security-policy")!;
            if (policy.includes("sandbox")) expect(response.headers.get("content-security-policy"), at).toBe(policy);
            else expect(response.headers.get("content-security-policy"), at).toBe("default-src 'none'; frame-ancestors 'none'");
            expect(response.headers.get("vary")).toMatch(/Authorization/);
          }
        }
      }
    });
  });

  it("D2 G7: a PDF and an image are inline under the sandboxing CSP, a text file an attachment, each by its stored type and name", async () => {
    const pdf = await download("member", files.get("plan")!.id, 1);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^inline; filename="Plan\.pdf"/);
    expect(pdf.headers.get("content-security-policy")).toMatch(/sandbox/);
    await pdf.body?.cancel();
    const text = await download("member", files.get("minutes")!.id, 1);
    expect(text.headers.get("content-type")).toBe("text/plain");
    expect(text.headers.get("content-disposition")).toMatch(/^attachment; filename="Minutes\.txt"/);
    expect(text.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await text.text()).toBe("Minutes of the meeting.\nEveryone came.\n");
  });

  it("D2 G7: Range is honoured as on the site: a span (206), the last bytes (206), a range past the end (416)", async () => {
    const { id } = files.get("minutes")!;
    const span = await download("extmember", id, 1, { range: "bytes=0-6" });
    expect(span.status).toBe(206);
    expect(span.headers.get("content-range")).toBe(`bytes 0-6/${TEXT.length}`);
    expect(span.headers.get("content-length")).toBe("7");
    expect(await span.text()).toBe("Minutes");
    const tail = await download("extmember", id, 1, { range: "bytes=-6" });
    expect(tail.status).toBe(206);
    expect(await tail.text()).toBe("came.\n");
    const past = await download("extmember", id, 1, { range: `bytes=${TEXT.length + 10}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${TEXT.length}`);
    // A Range asked of a file one may not read is refused as any other request for it, with nothing of it (no size).
    const refused = await download("staff", id, 1, { range: "bytes=0-6" });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-range")).toBeNull();
  });

  it("D2: an address that cannot name a version (not a number, 0, a leading zero, not a uuid) is a 404", async () => {
    const { id } = files.get("plan")!;
    for (const [fileId, number] of [[id, "abc"], [id, "0"], [id, "01"], [id, "-1"], [id, "99999999999"], [id, "3"], ["not-a-uuid", "1"]] as const) {
      const response = await download("member", fileId, number);
      expect(response.status, `${fileId} ${number}`).toBe(404);
      expect(check("Problem", await response.json())).toEqual([]);
    }
  });
});

describe("D2 C5 G1: a secret group's file is not admitted to exist", () => {
  it("D2 C5 G1: to a non-member, a secret group's files, file and bytes answer 404 byte for byte as no group, no file and a malformed id", async () => {
    const { id } = files.get("map")!;
    const unknown = crypto.randomUUID();
    const groups = await Promise.all([listFiles("staff", "g-secret"), listFiles("staff", "no-such-group"), listFiles("invitee", "g-secret"), listFiles("ext", "g-private")].map(async (r) => whole(await r)));
    for (const other of groups.slice(1)) expect(other).toEqual(groups[0]);
    const file = await Promise.all([getFile("staff", id), getFile("staff", unknown), getFile("invitee", id), getFile("ext", id), getFile("staff", "not-a-uuid")].map(async (r) => whole(await r)));
    for (const other of file.slice(1)) expect(other).toEqual(file[0]);
    const bytes = await Promise.all([download("staff", id, 1), download("staff", unknown, 1), download("invitee", id, 1), download("staff", "not-a-uuid", 1)].map(async (r) => whole(await r)));
    for (const other of bytes.slice(1)) expect(other).toEqual(bytes[0]);
    for (const refusal of [groups[0]!, file[0]!, bytes[0]!]) {
      expect(refusal.status).toBe(404);
      expect(refusal.body).not.toMatch(NAMES);
    }
  });
});
