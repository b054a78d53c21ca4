/**
 * D2 D5: group docs changed through the API are the site's own actions performed as the token's
 * person (G2, G5, G7): POST /groups/{slug}/files and POST /files/{id}/versions (the upload
 * actions, the body the file's bytes streamed into storage), PATCH and DELETE /files/{id}. The
 * same permissions (who may not gets the action's refusal, audited, and nothing stored), the
 * same checks of the bytes (422 with the site's messages; over PORTICO_GROUP_FILE_MAX_MB 413,
 * refused as it streams in without the body being read whole), a secret group's or file's 404
 * byte for byte as none (G1), every change in the audit log naming the token (M8), answers as
 * GET /files/{id} shows the file and as the OpenAPI document says.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { watchLiveMemory } from "@/lib/testing/memory";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged } from "@/lib/testing/harness";
import { apiRequest, apiWrite, authoriseEveryone, documentValidator, routeParams } from "./testing/contract";

// Group files' objects go to this folder's uploads/ (lib/storage/settings.ts).
const dataDir = mkdtempSync(path.join(tmpdir(), "portico-api-file-writes-"));
process.env.PORTICO_DATA_DIR = dataDir;
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET: getFilesRoute, POST: postFileRoute } = await import("@/app/api/v1/groups/[slug]/files/route");
const { GET: getFileRoute, PATCH: patchFileRoute, DELETE: deleteFileRoute } = await import("@/app/api/v1/files/[id]/route");
const { POST: postVersionRoute } = await import("@/app/api/v1/files/[id]/versions/route");
const { GET: getContentRoute } = await import("@/app/api/v1/files/[id]/versions/[number]/content/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { setObjectStoreForTests } = await import("@/lib/storage/current");

const E = (local: string) => `${local}@api-file-writes.test`;
/** webmaster, the groups' admin, a member of all three, staff outside them, an external outsider, an external member of the private group. */
const PEOPLE = ["web", "admin", "member", "staff", "ext", "extmember"] as const;
type Who = (typeof PEOPLE)[number] | "reader";

const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("admin"), name: "Ada Admin", audience: "organisational" },
    { email: E("member"), name: "Mo Member", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
    { email: E("extmember"), name: "Xavi Partner", audience: "external" },
  ],
  sections: [],
  groups: [
    { slug: "g-public", name: "Public pals", description: "", visibility: "public", members: [{ person: E("admin"), admin: true }, { person: E("member") }] },
    { slug: "g-private", name: "Private planners", description: "", visibility: "private", members: [{ person: E("admin"), admin: true }, { person: E("member") }, { person: E("extmember") }] },
    { slug: "g-secret", name: "Secret squirrels", description: "", visibility: "secret", members: [{ person: E("admin"), admin: true }, { person: E("member") }] },
  ],
  settings: { externalAccess: { groups: false } },
} satisfies Partial<OrgFile> & Record<string, unknown>;

const MB = 1024 * 1024;
const ascii = (text: string) => new TextEncoder().encode(text);
const PDF = ascii("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PDF_2 = ascii("%PDF-1.7\n% the second version\n%%EOF\n");
const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const TOO_LARGE_1MB = "The file is larger than 1 MB. Choose a smaller file.";

let h: Harness;
const tokens = new Map<Who, { token: string; name: string }>();
const check = documentValidator(openApiDocument());

beforeAll(async () => {
  setObjectStoreForTests(undefined); // made afresh from this file's PORTICO_DATA_DIR
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const who of PEOPLE) {
    const name = `${who}'s uploader`;
    tokens.set(who, { token: (await makeToken(h.db, h.person(E(who)), { name, days: 7, scope: "read-write" })).token, name });
  }
  tokens.set("reader", { token: (await makeToken(h.db, h.person(E("member")), { name: "Reader", days: 7, scope: "read" })).token, name: "Reader" });
});
afterEach(() => {
  delete process.env.PORTICO_GROUP_FILE_MAX_MB;
});
afterAll(async () => {
  await h?.close();
  setObjectStoreForTests(undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A body made as it is read, as a client's upload arrives: `head`, then spaces up to `size`,
 * in 64 KB chunks made only when pulled; `pulled` says how much of it was read.
 */
function streamedBody(head: Uint8Array, size = head.length, onPull?: () => void): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onPull?.();
        if (sent >= size) return controller.close();
        // A new chunk each time, as from a socket: whatever holds on to one shows in memory.
        const chunk = sent === 0 ? head.subarray(0, size) : new Uint8Array(Math.min(64 * 1024, size - sent)).fill(0x20);
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 }, // nothing is made before the route reads it
  );
  return { stream, pulled: () => sent };
}

/** An upload as a client sends it: the file's bytes as the body (Content-Type application/octet-stream unless given). */
function uploadRequest(apiPath: string, who: Who, body: Uint8Array | ReadableStream<Uint8Array> | null, headers: Record<string, string> = {}): Request {
  return new Request(`http://portico.test/api/v1${apiPath}`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens.get(who)!.token}`, "content-type": "application/octet-stream", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

const nameQuery = (name: string | null) => (name === null ? "" : `?name=${encodeURIComponent(name)}`);
const upload = (who: Who, slug: string, name: string | null, body: Uint8Array | ReadableStream<Uint8Array> | null = PDF, headers: Record<string, string> = {}) =>
  postFileRoute(uploadRequest(`/groups/${encodeURIComponent(slug)}/files${nameQuery(name)}`, who, body, headers), routeParams({ slug }));
const uploadVersion = (who: Who, id: string, name: string | null, body: Uint8Array | ReadableStream<Uint8Array> | null = PDF_2, headers: Record<string, string> = {}) =>
  postVersionRoute(uploadRequest(`/files/${id}/versions${nameQuery(name)}`, who, body, headers), routeParams({ id }));
const getFile = (who: Who, id: string) => getFileRoute(apiRequest(`/files/${id}`, tokens.get(who)!.token), routeParams({ id }));
const patchFile = (who: Who, id: string, body: unknown) => patchFileRoute(apiWrite("PATCH", `/files/${id}`, tokens.get(who)!.token, body), routeParams({ id }));
const deleteFile = (who: Who, id: string) => deleteFileRoute(apiWrite("DELETE", `/files/${id}`, tokens.get(who)!.token), routeParams({ id }));
const download = (who: Who, id: string, number: number) => getContentRoute(apiRequest(`/files/${id}/versions/${number}/content`, tokens.get(who)!.token), routeParams({ id, number: String(number) }));

/** A file made through the API, for the tests that change one: its id. */
async function made(who: Who, slug: string, name = "Plan.pdf", bytes = PDF): Promise<string> {
  const response = await upload(who, slug, name, bytes);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A whole response, for comparing refusals byte for byte: status, headers (less the token's own RateLimit-* count) and body. */
const whole = async (r: Response) => ({ status: r.status, headers: [...r.headers.entries()].filter(([k]) => !k.startsWith("ratelimit-")).sort(), body: await r.text() });

/** Every object in the local store, partly written ones included. */
const stored = () => (existsSync(path.join(dataDir, "uploads")) ? readdirSync(path.join(dataDir, "uploads")).sort() : []);

/** Nothing written: no file or version row, no ledger key, no object, whatever `run` sends. */
async function expectNothingStored(run: () => Promise<void>) {
  const before = stored();
  await expectUnchanged([schema.groupFiles, schema.groupFileVersions, schema.unclaimedObjects], run);
  expect(stored()).toEqual(before);
}

const auditOf = (action: string, where = sql`true`) =>
  h.db.select({ details: schema.auditEvents.details, actorEmail: schema.auditEvents.actorEmail, targetId: schema.auditEvents.targetId }).from(schema.auditEvents).where(and(eq(schema.auditEvents.action, action), where));

async function setGroupsSwitch(on: boolean) {
  await h.db
    .update(schema.settings)
    .set({ value: sql`${schema.settings.value} || jsonb_build_object('groups', ${on}::boolean)` })
    .where(eq(schema.settings.key, "externalAccess"));
}

/** The problem document of a refusal, checked against the document's Problem. */
async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as { status: number; detail?: string; errors?: Record<string, string> };
  expect(check("Problem", body)).toEqual([]);
  return body;
}

describe("D2 G2 G7: uploading a file into a group (POST /groups/{slug}/files)", () => {
  it("D2 G2 G7 M8: a member uploads into their group: 201, Location, the file as GET /files/{id} shows it, its bytes as sent, an audit row naming the token", async () => {
    const response = await upload("member", "g-private", "Plan – été.pdf");
    expect(response.status).toBe(201);
    const file = await response.json();
    expect(check("GroupFile", file)).toEqual([]);
    expect(response.headers.get("location")).toBe(`/api/v1/files/${file.id}`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(file).toMatchObject({ name: "Plan – été.pdf", group: { slug: "g-private" }, currentVersion: 1, mayManage: true, versions: [{ number: 1, byteSize: PDF.length, mimeType: "application/pdf", uploadedBy: "Mo Member" }] });
    expect(await (await getFile("member", file.id)).json()).toEqual(file);
    expect(new Uint8Array(await (await download("admin", file.id, 1)).arrayBuffer())).toEqual(PDF);
    expect(await h.db.select().from(schema.unclaimedObjects)).toEqual([]);
    const [audit] = await auditOf("groupFile.upload", eq(schema.auditEvents.targetId, file.id));
    expect(audit).toMatchObject({ actorEmail: E("member"), details: { name: "Plan – été.pdf", version: 1, apiToken: { name: "member's uploader" } } });
  });

  it("D2 G5 E5: a webmaster uploads into a group they are not in; an external member uploads into their own group whatever the Groups switch", async () => {
    expect((await upload("web", "g-secret", "Webmaster.pdf")).status).toBe(201);
    const png = await upload("extmember", "g-private", "Map.png", PNG);
    expect(png.status).toBe(201);
    expect((await png.json()).versions[0].mimeType).toBe("image/png");
  });

  it("D2 G2 G3 E5: who may not upload gets the action's own refusal (403, audited with the token) and nothing is stored; a read-only token is refused before the body is read", async () => {
    await expectNothingStored(async () => {
      for (const slug of ["g-public", "g-private"]) {
        const refused = await upload("staff", slug, "Not mine.pdf");
        expect(refused.status, slug).toBe(403);
        expect((await problemOf(refused)).detail).toBe("You do not have permission to do this.");
      }
      await setGroupsSwitch(true);
      try {
        // With the switch, an external person sees a public group, and may still not upload to it.
        expect((await upload("ext", "g-public", "Outside.pdf")).status).toBe(403);
      } finally {
        await setGroupsSwitch(false);
      }
      const body = streamedBody(PDF);
      const reader = await upload("reader", "g-public", "Read only.pdf", body.stream);
      expect(reader.status).toBe(403);
      expect(reader.headers.get("www-authenticate")).toContain("insufficient_scope");
      expect(body.pulled(), "not a byte read").toBe(0);
    });
    const refusals = await auditOf("groupFile.upload.refused");
    expect(refusals.map((r) => r.actorEmail).sort()).toEqual([E("ext"), E("staff"), E("staff")]);
    expect(refusals.every((r) => (r.details as { apiToken?: { name: string } }).apiToken?.name === `${r.actorEmail?.split("@")[0]}'s uploader`)).toBe(true);
  });

  it("D2 C5 G1 G3: a secret group to a non-member, and any group not theirs to an external person without the Groups switch, is the 404 of an unknown address, byte for byte; nothing is read or stored", async () => {
    await expectNothingStored(async () => {
      const unknown = await whole(await upload("staff", "no-such-group", "Plan.pdf"));
      expect(unknown.status).toBe(404);
      const body = streamedBody(PDF);
      expect(await whole(await upload("staff", "g-secret", "Plan.pdf", body.stream))).toEqual(unknown);
      expect(body.pulled()).toBe(0);
      expect(await whole(await upload("ext", "g-public", "Plan.pdf"))).toEqual(await whole(await upload("ext", "no-such-group", "Plan.pdf")));
      expect(unknown.body).not.toMatch(/Secret squirrels|Public pals/);
    });
  });

  it("D2 G7: a type not accepted, bytes that are not what the name says, an empty file, a bad name: 422 with the site's message as errors.file; no name: 400; a form: 415; nothing stored", async () => {
    await expectNothingStored(async () => {
      const html = await problemOf(await upload("member", "g-public", "page.html", ascii("<!doctype html><script>alert(1)</script>")));
      expect(html).toMatchObject({ status: 422, errors: { file: expect.stringMatching(/^\.html files cannot be uploaded to a group\. Upload one of: \.pdf/) } });
      // Refused by its first bytes, the rest of a large body is not stored either.
      const gif = await problemOf(await upload("member", "g-public", "Plan.pdf", streamedBody(ascii("GIF89a"), 3 * MB).stream));
      expect(gif).toMatchObject({ status: 422, errors: { file: "This file's contents are not a .pdf file. Check that it is the file you meant, and that its name ends in its own type." } });
      expect(await problemOf(await upload("member", "g-public", "Empty.pdf", new Uint8Array()))).toMatchObject({ status: 422, errors: { file: "The file is empty. Choose another file." } });
      expect(await problemOf(await upload("member", "g-public", "Empty.pdf", null))).toMatchObject({ status: 422, errors: { file: "The file is empty. Choose another file." } });
      expect(await problemOf(await upload("member", "g-public", "a/b.pdf"))).toMatchObject({ status: 422, errors: { file: "A file name cannot contain / or \\." } });
      expect(await problemOf(await upload("member", "g-public", `${"x".repeat(201)}.pdf`))).toMatchObject({ status: 422, errors: { file: "A file name can be at most 200 characters." } });
      expect(await problemOf(await upload("member", "g-public", null))).toMatchObject({ status: 400, errors: { name: expect.stringMatching(/\?name=/) } });
      expect(await problemOf(await upload("member", "g-public", ""))).toMatchObject({ status: 400, errors: { name: expect.stringMatching(/\?name=/) } });
      const form = await problemOf(await upload("member", "g-public", "notes.txt", ascii("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nhello\r\n--x--\r\n"), { "content-type": "multipart/form-data; boundary=x" }));
      expect(form).toMatchObject({ status: 415, detail: expect.stringMatching(/not a form/) });
    });
  });

  it("D2 G7: over PORTICO_GROUP_FILE_MAX_MB is 413: at once when the declared size says so, else as soon as the streamed body passes the limit, never read whole; nothing stored, claimed or left in the ledger", async () => {
    process.env.PORTICO_GROUP_FILE_MAX_MB = "1";
    await expectNothingStored(async () => {
      const declared = streamedBody(PDF, 3 * MB);
      const refused = await upload("member", "g-public", "Big.pdf", declared.stream, { "content-length": String(3 * MB) });
      expect(await problemOf(refused)).toMatchObject({ status: 413, detail: TOO_LARGE_1MB });
      expect(declared.pulled(), "not a byte read").toBe(0);

      const streamed = streamedBody(PDF, 3 * MB);
      expect(await problemOf(await upload("member", "g-public", "Big.pdf", streamed.stream))).toMatchObject({ status: 413, detail: TOO_LARGE_1MB });
      // The limit and what the streams between the request and storage read ahead: far short of the body.
      expect(streamed.pulled(), "stopped soon after the limit").toBeLessThan(1.25 * MB);
    });
    // Exactly the limit is allowed.
    const exact = await upload("member", "g-public", "Exact.pdf", streamedBody(PDF, MB).stream);
    expect(exact.status).toBe(201);
    expect((await exact.json()).versions[0].byteSize).toBe(MB);
  });

  it("D2: an upload takes no Idempotency-Key (the pipeline would fingerprint the body before reading it): a second file sent with the same key is stored, never answered with the first's", async () => {
    const key = { "Idempotency-Key": "5d0c3f2e-1b7a-4c1e-9e1f-3a2b4c5d6e7f" };
    const first = await upload("member", "g-public", "Keyed.pdf", PDF, key);
    const second = await upload("member", "g-public", "Keyed.png", PNG, key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect((await second.json()).name).toBe("Keyed.png");
  });

  it("D2 G7: a 30 MB file passes from the request into storage with heap and external memory growing by less than 15 MB", async () => {
    const memory = await watchLiveMemory();
    let pulls = 0;
    const size = 30 * MB;
    // Every 4 MB or so of the body (64 KB a pull), while the file is on its way into storage.
    const body = streamedBody(PDF, size, () => void (++pulls % 64 === 0 && memory.sample()));
    const response = await upload("member", "g-public", "Large.pdf", body.stream);
    expect(response.status).toBe(201);
    expect((await response.json()).versions[0].byteSize).toBe(size);
    expect(pulls).toBeGreaterThan(400);
    expect(memory.growth() / MB, "MB more in use while the file streamed").toBeLessThan(15);
  });
});

describe("D2 G7: a new version of a file (POST /files/{id}/versions)", () => {
  it("D2 G7 M8: the uploader adds a version: 201, Location its content, every earlier version kept, the file keeps its name; the name left out is the file's own; audited with the token", async () => {
    const id = await made("member", "g-public", "Budget.pdf");
    const response = await uploadVersion("member", id, "Budget (final).pdf");
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`/api/v1/files/${id}/versions/2/content`);
    const file = await response.json();
    expect(check("GroupFile", file)).toEqual([]);
    expect(file).toMatchObject({ name: "Budget.pdf", currentVersion: 2, versions: [{ number: 2, byteSize: PDF_2.length }, { number: 1, byteSize: PDF.length }] });
    expect(await (await getFile("member", id)).json()).toEqual(file);
    expect(new Uint8Array(await (await download("member", id, 2)).arrayBuffer())).toEqual(PDF_2);
    expect(new Uint8Array(await (await download("member", id, 1)).arrayBuffer())).toEqual(PDF);
    const third = await uploadVersion("admin", id, null, PDF);
    expect(third.status).toBe(201);
    expect((await third.json()).currentVersion).toBe(3);
    const audits = await auditOf("groupFile.version.upload", eq(schema.auditEvents.targetId, id));
    expect(audits.map((a) => [a.actorEmail, (a.details as { apiToken: { name: string } }).apiToken.name]).sort()).toEqual([
      [E("admin"), "admin's uploader"],
      [E("member"), "member's uploader"],
    ]);
  });

  it("D2 G5 G7: a member who is not its uploader gets the action's refusal (403, audited); a private group's outsider 403; a secret group's file is a 404 to outsiders, byte for byte as no file; nothing stored", async () => {
    const id = await made("admin", "g-public", "Admins.pdf");
    const secret = await made("admin", "g-secret", "Hidden plan.pdf");
    const privateFile = await made("admin", "g-private", "Private.pdf");
    await expectNothingStored(async () => {
      const refused = await uploadVersion("member", id, null);
      expect(await problemOf(refused)).toMatchObject({ status: 403, detail: "You do not have permission to do this." });
      expect((await uploadVersion("staff", privateFile, null)).status).toBe(403);
      const body = streamedBody(PDF_2);
      const hidden = await whole(await uploadVersion("staff", secret, null, body.stream));
      const missingId = "123e4567-e89b-42d3-a456-426614174000";
      expect(hidden).toEqual(await whole(await uploadVersion("staff", missingId, null)));
      expect(hidden.status).toBe(404);
      expect(hidden.body).not.toContain("Hidden plan");
      expect(body.pulled()).toBe(0);
      expect((await uploadVersion("staff", "not-an-id", null)).status).toBe(404);
    });
    const [audit] = await auditOf("groupFile.version.upload.refused");
    expect(audit).toMatchObject({ actorEmail: E("member"), details: { apiToken: { name: "member's uploader" } } });
  });

  it("D2 G7: a version of another type is refused with the site's message (422); over the limit 413; nothing stored", async () => {
    const id = await made("member", "g-public", "Typed.pdf");
    process.env.PORTICO_GROUP_FILE_MAX_MB = "1";
    await expectNothingStored(async () => {
      expect(await problemOf(await uploadVersion("member", id, "Typed.png", PNG))).toMatchObject({ status: 422, errors: { file: "A new version of Typed.pdf must be a .pdf file too." } });
      // Named as the file, bytes of another type: the first bytes say so.
      expect(await problemOf(await uploadVersion("member", id, null, PNG))).toMatchObject({ status: 422, errors: { file: expect.stringMatching(/not a \.pdf file/) } });
      const streamed = streamedBody(PDF_2, 3 * MB);
      expect(await problemOf(await uploadVersion("member", id, null, streamed.stream))).toMatchObject({ status: 413, detail: TOO_LARGE_1MB });
      expect(streamed.pulled()).toBeLessThan(1.25 * MB);
    });
  });
});

describe("D2 G7: changing and deleting a file (PATCH and DELETE /files/{id})", () => {
  it("D2 G7 D4 D7 M8: its uploader renames it and gives it a description and tags; what is left out stays; the answer is the file as GET shows it; audited with the token", async () => {
    const id = await made("member", "g-public", "Draft.pdf");
    const renamed = await patchFile("member", id, { name: "Agreed plan.pdf" });
    expect(renamed.status).toBe(200);
    const file = await renamed.json();
    expect(check("GroupFile", file)).toEqual([]);
    expect(file).toMatchObject({ name: "Agreed plan.pdf", description: "", tags: [] });
    const described = await (await patchFile("member", id, { description: "What we agreed\non Monday", tags: ["plans"] })).json();
    expect(described).toMatchObject({ name: "Agreed plan.pdf", description: "What we agreed\non Monday", tags: ["plans"] });
    expect(await (await getFile("member", id)).json()).toEqual(described);
    const audits = await auditOf("groupFile.edit", eq(schema.auditEvents.targetId, id));
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.details)).toContainEqual(expect.objectContaining({ from: "Draft.pdf", to: "Agreed plan.pdf", apiToken: expect.objectContaining({ name: "member's uploader" }) }));
  });

  it("D2 G7: the name keeps its extension, bad fields are 422 with the form's messages; someone who may not manage it gets the action's refusal; a secret group's file is 404 as none; nothing changes", async () => {
    const id = await made("admin", "g-public", "Rules.pdf");
    const secret = await made("admin", "g-secret", "Hidden rules.pdf");
    await expectUnchanged([schema.groupFiles], async () => {
      expect(await problemOf(await patchFile("admin", id, { name: "Rules.txt" }))).toMatchObject({ status: 422, errors: { name: "Keep the name's ending: .pdf, the type of this file." } });
      expect(await problemOf(await patchFile("admin", id, { name: "" }))).toMatchObject({ status: 422, errors: { name: "Enter the file's name." } });
      expect((await problemOf(await patchFile("admin", id, { description: "x".repeat(2001) }))).errors!.description).toMatch(/2000/);
      expect(await problemOf(await patchFile("member", id, { name: "Mine.pdf" }))).toMatchObject({ status: 403, detail: "You do not have permission to do this." });
      const hidden = await whole(await patchFile("staff", secret, { name: "Found.pdf" }));
      expect(hidden.status).toBe(404);
      expect(hidden).toEqual(await whole(await patchFile("staff", "123e4567-e89b-42d3-a456-426614174000", { name: "Found.pdf" })));
      expect((await patchFile("reader", id, { name: "Read only.pdf" })).status).toBe(403);
    });
  });

  it("D2 G7 M8: a group admin deletes a member's file with every version: 200, then GET is 404 and the stored objects are gone; someone who may not is refused and nothing changes; audited with the token", async () => {
    const id = await made("member", "g-public", "Old.pdf");
    expect((await uploadVersion("member", id, null)).status).toBe(201);
    const keys = (await h.db.select({ key: schema.groupFileVersions.storageKey }).from(schema.groupFileVersions).where(eq(schema.groupFileVersions.fileId, id))).map((v) => v.key);
    expect(keys).toHaveLength(2);
    const secret = await made("admin", "g-secret", "Secret old.pdf");
    await expectNothingStored(async () => {
      expect(await problemOf(await deleteFile("staff", id))).toMatchObject({ status: 403, detail: "You do not have permission to do this." });
      expect(await whole(await deleteFile("staff", secret))).toEqual(await whole(await deleteFile("staff", "123e4567-e89b-42d3-a456-426614174000")));
      expect((await deleteFile("reader", id)).status).toBe(403);
    });
    const deleted = await deleteFile("admin", id);
    expect(deleted.status).toBe(200);
    const body = await deleted.json();
    expect(check("GroupFileDeleted", body)).toEqual([]);
    expect(body).toEqual({ id, deleted: true });
    expect((await getFile("admin", id)).status).toBe(404);
    expect(await h.db.select().from(schema.groupFileVersions).where(eq(schema.groupFileVersions.fileId, id))).toEqual([]);
    for (const key of keys) expect(stored()).not.toContain(key);
    const [audit] = await auditOf("groupFile.delete", eq(schema.auditEvents.targetId, id));
    expect(audit).toMatchObject({ actorEmail: E("admin"), details: { versions: 2, apiToken: { name: "admin's uploader" } } });
    // The group's list no longer has it.
    const listed = await (await getFilesRoute(apiRequest("/groups/g-public/files", tokens.get("admin")!.token), routeParams({ slug: "g-public" }))).json();
    expect(listed.items.map((f: { id: string }) => f.id)).not.toContain(id);
  });
});

describe("D2: the OpenAPI document describes the uploads", () => {
  it("D2: an upload's body is the file's bytes (application/octet-stream), its name a query parameter; 201 with Location; 413, 415 and 422; no Idempotency-Key, as the body is streamed", () => {
    const document = openApiDocument() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[]; requestBody?: { content: Record<string, unknown>; description: string }; responses: Record<string, { headers?: Record<string, unknown> }> }>> };
    for (const [where, method, required] of [["/groups/{slug}/files", "post", true], ["/files/{id}/versions", "post", false]] as const) {
      const operation = document.paths[where]![method]!;
      expect(Object.keys(operation.requestBody!.content)).toEqual(["application/octet-stream"]);
      expect(operation.requestBody!.description).toMatch(/PORTICO_GROUP_FILE_MAX_MB/);
      expect(operation.parameters!.find((p) => p.name === "name")).toMatchObject({ in: "query", required });
      expect(operation.parameters!.map((p) => p.name)).not.toContain("Idempotency-Key");
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["201", "404", "413", "415", "422"]));
      expect(operation.responses["201"]!.headers).toHaveProperty("Location");
    }
    expect(document.paths["/files/{id}"]!.patch!.requestBody!.content).toHaveProperty("application/json");
    expect(document.paths["/files/{id}"]!.delete!.responses).toHaveProperty("200");
  });
});
