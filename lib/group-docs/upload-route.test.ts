/**
 * G7's upload routes, POST /api/group-files and POST /api/group-files/<id>/versions, called
 * with streamed requests as Next hands them over: what middleware would have done (M7, the
 * security headers) done by the route itself; the same-site check; who may send (G1, G2, G5,
 * G6: 401, 403, and a 404 for a secret group's outsider that a missing group also gets); the
 * type read from the first bytes; a file over PORTICO_GROUP_FILE_MAX_MB refused as it streams
 * in, as is a body cut off part-way, with nothing left stored, claimed or in the ledger; and
 * a 50 MB file passing through without the process's memory growing by its size.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { watchLiveMemory } from "@/lib/testing/memory";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, groupFileVersions, groupFiles, unclaimedObjects } from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut } from "@/lib/testing/harness";
import { setRequestHeaders } from "@/lib/testing/request";

const dataDir = mkdtempSync(path.join(tmpdir(), "portico-group-upload-"));
process.env.PORTICO_DATA_DIR = dataDir;

const { POST: postFile } = await import("@/app/api/group-files/route");
const { POST: postVersion } = await import("@/app/api/group-files/[id]/versions/route");
const { GET: download } = await import("@/app/api/group-files/[id]/versions/[n]/route");
const { FOREIGN_ORIGIN_MESSAGE } = await import("@/lib/uploads/receive");
const { REFUSED_BY_ALLOWLIST } = await import("@/lib/security/ip");

const E = (local: string) => `${local}@upload.test`;
const ORG = {
  people: [
    { email: E("admin"), name: "Ada Admin", audience: "organisational" },
    { email: E("member"), name: "Mo Member", audience: "organisational" },
    { email: E("stranger"), name: "Stan Stranger", audience: "organisational" },
  ],
  groups: ["open:public", "closed:private", "hidden:secret"].map((spec) => {
    const [slug, visibility] = spec.split(":");
    return { slug, name: `Group ${slug}`, description: "", visibility, members: [{ person: E("admin"), admin: true }, { person: E("member") }] };
  }),
};

const MB = 1024 * 1024;
const PDF_HEAD = new TextEncoder().encode("%PDF-1.7\n% a test document\n");
const BOUNDARY = "----PorticoTestBoundary9f8e7d6c";
const encode = (text: string) => new TextEncoder().encode(text);
const CHUNK = 64 * 1024;

interface BodyOptions {
  /** Fields sent before the file. */
  fields?: Record<string, string>;
  /** The file's name, or null for a form without a file. */
  name?: string | null;
  /** Its first bytes; the rest up to `size` are spaces. */
  head?: Uint8Array;
  size?: number;
  /** The body fails (the connection drops) after this many of the file's bytes. */
  dropAfter?: number;
  /** Called with each chunk's length as the route pulls it. */
  onPull?: () => void;
}

/** A multipart body made as it is read, as a browser's upload arrives. */
function multipartBody(options: BodyOptions): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const { fields = {}, name = "Plan.pdf", head = PDF_HEAD, size = head.length, dropAfter } = options;
  const parts: Uint8Array[] = Object.entries(fields).map(([key, value]) => encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  if (name !== null) parts.push(encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), head.subarray(0, size));
  let fileSent = Math.min(head.length, size);
  let closed = false;
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      options.onPull?.();
      const next = parts.shift();
      if (next) {
        pulled += next.byteLength;
        return controller.enqueue(next);
      }
      if (dropAfter !== undefined && fileSent >= dropAfter) return controller.error(new Error("the connection dropped"));
      if (name !== null && fileSent < size) {
        // A new chunk each time, as from a socket: whatever holds on to one shows in memory.
        const chunk = new Uint8Array(Math.min(CHUNK, size - fileSent)).fill(0x20);
        fileSent += chunk.length;
        pulled += chunk.length;
        return controller.enqueue(chunk);
      }
      if (closed) return controller.close();
      closed = true;
      controller.enqueue(encode(`${name !== null ? "\r\n" : ""}--${BOUNDARY}--\r\n`));
    },
  }, { highWaterMark: 0 }); // nothing is made before the route reads it
  return { stream, pulled: () => pulled };
}

function uploadRequest(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request(`http://portico.test${url}`, {
    method: "POST",
    body,
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    duplex: "half",
  } as RequestInit);
}

let h: Harness;
const group = (slug: string) => String(h.ids.groups.get(slug)!);

async function answerOf(response: Response) {
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { fileId: string; version: number; name: string; byteSize: number }; formError?: string; fieldErrors?: Record<string, string> } };
}
async function sendFile(options: BodyOptions & { groupSlug?: string; headers?: Record<string, string> } = {}) {
  const body = multipartBody({ ...options, fields: options.fields ?? { groupId: group(options.groupSlug ?? "closed") } });
  return answerOf(await postFile(uploadRequest("/api/group-files", body.stream, options.headers)));
}
async function sendVersion(fileId: string, options: BodyOptions = {}) {
  const body = multipartBody(options);
  return answerOf(await postVersion(uploadRequest(`/api/group-files/${fileId}/versions`, body.stream), { params: Promise.resolve({ id: fileId }) }));
}
const getVersion = (id: string, n: number) => download(new Request(`http://portico.test/api/group-files/${id}/versions/${n}`), { params: Promise.resolve({ id, n: String(n) }) });

/** Every object in the local store, partly written ones included. */
const stored = () => (existsSync(path.join(dataDir, "uploads")) ? readdirSync(path.join(dataDir, "uploads")).sort() : []);

/** Nothing written: no row, no ledger key, no object, whatever `run` sends. */
async function expectNothingStored(run: () => Promise<void>) {
  const before = stored();
  await expectUnchanged([groupFiles, groupFileVersions, unclaimedObjects], run);
  expect(stored()).toEqual(before);
}

function withMaxMegabytes(value: string) {
  process.env.PORTICO_GROUP_FILE_MAX_MB = value;
}

beforeAll(async () => {
  h = await createHarness(ORG);
});
afterEach(() => {
  delete process.env.PORTICO_GROUP_FILE_MAX_MB;
  delete process.env.PORTICO_IP_ALLOWLIST;
  delete process.env.PORTICO_PEER_STAMP;
});
afterAll(async () => {
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("uploading through the route (G2, G7)", () => {
  it("stores a member's file and a new version, answering as an action does, with the security headers middleware would add", async () => {
    await signInAs(E("member"));
    const response = await postFile(uploadRequest("/api/group-files", multipartBody({ fields: { groupId: group("closed") }, name: "Plan – été.pdf" }).stream));
    expect(response.status).toBe(201);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'.*frame-ancestors 'none'/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const created = (await response.json()) as { ok: true; data: { fileId: string } };
    expect(created).toMatchObject({ ok: true, data: { name: "Plan – été.pdf", version: 1, byteSize: PDF_HEAD.length, mimeType: "application/pdf" } });
    const fileId = created.data.fileId;
    expect(new Uint8Array(await (await getVersion(fileId, 1)).arrayBuffer())).toEqual(PDF_HEAD);

    const second = encode("%PDF-1.7\n% the second version\n");
    expect(await sendVersion(fileId, { name: "Plan v2.pdf", head: second })).toMatchObject({ status: 201, body: { ok: true, data: { version: 2, name: "Plan – été.pdf" } } });
    expect(new Uint8Array(await (await getVersion(fileId, 2)).arrayBuffer())).toEqual(second);
    expect(await h.db.select().from(unclaimedObjects)).toEqual([]);
    const events = await h.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, fileId));
    expect(events.map((e) => e.action).sort()).toEqual(["groupFile.upload", "groupFile.version.upload"]);
  });

  it("refuses a disallowed type and bytes that are not what the name says, from the first bytes, storing nothing", async () => {
    await signInAs(E("member"));
    await expectNothingStored(async () => {
      expect(await sendFile({ name: "page.html", head: encode("<!doctype html><script>alert(1)</script>") })).toMatchObject({
        status: 400,
        body: { ok: false, fieldErrors: { file: expect.stringMatching(/^\.html files cannot be uploaded to a group/) } },
      });
      // A large file refused by its first bytes: the rest is read and dropped, not stored.
      expect(await sendFile({ name: "Plan.pdf", head: encode("GIF89a"), size: 3 * MB })).toMatchObject({ status: 400, body: { fieldErrors: { file: expect.stringMatching(/not a \.pdf file/) } } });
      expect(await sendFile({ name: "Empty.pdf", head: new Uint8Array() })).toMatchObject({ status: 400, body: { fieldErrors: { file: "The file is empty. Choose another file." } } });
      expect(await sendFile({ name: null })).toMatchObject({ status: 400, body: { fieldErrors: { file: "Choose a file to upload." } } });
      const notAForm = await postFile(new Request("http://portico.test/api/group-files", { method: "POST", body: "hello", headers: { "content-type": "text/plain" } }));
      expect(notAForm.status).toBe(400);
    });
  });

  it("refuses a file over PORTICO_GROUP_FILE_MAX_MB: at once when its declared size says so, else as soon as it passes the limit; nothing stored, claimed or left in the ledger", async () => {
    await signInAs(E("member"));
    withMaxMegabytes("1");
    const tooLarge = "The file is larger than 1 MB. Choose a smaller file.";
    await expectNothingStored(async () => {
      const declared = multipartBody({ fields: { groupId: group("closed") }, size: 3 * MB });
      const answer = await answerOf(await postFile(uploadRequest("/api/group-files", declared.stream, { "content-length": String(3 * MB + 500) })));
      expect(answer).toEqual({ status: 413, body: { ok: false, fieldErrors: { file: tooLarge } } });
      expect(declared.pulled(), "not a byte read").toBe(0);

      const streamed = multipartBody({ fields: { groupId: group("closed") }, size: 3 * MB });
      expect(await answerOf(await postFile(uploadRequest("/api/group-files", streamed.stream)))).toEqual({ status: 413, body: { ok: false, fieldErrors: { file: tooLarge } } });
      // The limit, and what the streams between the request and storage read ahead; far short of the body.
      expect(streamed.pulled(), "stopped soon after the limit").toBeLessThan(1.5 * MB);
    });
    // Exactly at the limit is allowed.
    expect(await sendFile({ size: MB })).toMatchObject({ status: 201, body: { data: { byteSize: MB } } });
  });

  it("keeps nothing of a body cut off part-way (the ledger's key and the partial object both go)", async () => {
    await signInAs(E("member"));
    await expectNothingStored(async () => {
      const answer = await sendFile({ size: 2 * MB, dropAfter: MB });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.body.ok).toBe(false);
    });
  });
});

describe("who may send (G1, G2, G5, G6, M7)", () => {
  it("answers a signed-out request 401 before reading it", async () => {
    signOut();
    await expectNothingStored(async () => {
      const body = multipartBody({ fields: { groupId: group("open") } });
      expect((await postFile(uploadRequest("/api/group-files", body.stream))).status).toBe(401);
      expect(body.pulled()).toBe(0);
    });
  });

  it("refuses a non-member 403, and a secret group's outsider with the very 404 a missing group gets", async () => {
    await signInAs(E("stranger"));
    await expectNothingStored(async () => {
      expect(await sendFile({ groupSlug: "open" })).toEqual({ status: 403, body: { ok: false, formError: "You do not have permission to do this." } });
      expect(await sendFile({ groupSlug: "closed" })).toMatchObject({ status: 403 });
      const secret = await postFile(uploadRequest("/api/group-files", multipartBody({ fields: { groupId: group("hidden") } }).stream));
      const missing = await postFile(uploadRequest("/api/group-files", multipartBody({ fields: { groupId: "987654" } }).stream));
      expect(secret.status).toBe(404);
      expect(await secret.text()).toBe(await missing.text());
    });
  });

  it("lets only the file's managers add a version; a secret group's file is a 404 to outsiders, like a missing one", async () => {
    await signInAs(E("admin"));
    const created = await sendFile({ groupSlug: "hidden", name: "Secret plan.pdf" });
    const fileId = created.body.data!.fileId;
    await expectNothingStored(async () => {
      await signInAs(E("member"));
      expect(await sendVersion(fileId)).toMatchObject({ status: 403, body: { formError: "You do not have permission to do this." } });
      await signInAs(E("stranger"));
      const hidden = await postVersion(uploadRequest(`/api/group-files/${fileId}/versions`, multipartBody({}).stream), { params: Promise.resolve({ id: fileId }) });
      const missingId = "123e4567-e89b-42d3-a456-426614174000";
      const missing = await postVersion(uploadRequest(`/api/group-files/${missingId}/versions`, multipartBody({}).stream), { params: Promise.resolve({ id: missingId }) });
      expect(hidden.status).toBe(404);
      const said = await hidden.text();
      expect(said).toBe(await missing.text());
      expect(said).not.toContain("Secret plan");
    });
  });

  it("refuses another site's request 403 (same-site uploads only)", async () => {
    await signInAs(E("member"));
    await expectNothingStored(async () => {
      expect(await sendFile({ headers: { origin: "https://evil.example" } })).toEqual({ status: 403, body: { ok: false, formError: FOREIGN_ORIGIN_MESSAGE } });
    });
  });

  it("M7: refuses an address off the allowlist itself, since middleware does not run here", async () => {
    await signInAs(E("member"));
    process.env.PORTICO_IP_ALLOWLIST = "10.0.0.0/8";
    process.env.PORTICO_PEER_STAMP = "1";
    setRequestHeaders({ "x-portico-peer": "203.0.113.7", "x-forwarded-for": "10.0.0.5" });
    await expectNothingStored(async () => {
      const body = multipartBody({ fields: { groupId: group("closed") } });
      const response = await postFile(uploadRequest("/api/group-files", body.stream));
      expect(await answerOf(response)).toEqual({ status: 403, body: { ok: false, formError: REFUSED_BY_ALLOWLIST } });
      expect(response.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
      expect(body.pulled()).toBe(0);
    });
    setRequestHeaders({ "x-portico-peer": "10.1.2.3" });
    expect((await sendFile()).status).toBe(201);
  });
});

describe("memory (G7: up to 50 MB, streamed)", () => {
  it("passes a 50 MB file from the request into storage with heap and external memory growing by less than 20 MB", async () => {
    await signInAs(E("member"));
    const memory = await watchLiveMemory();
    let pulls = 0;
    const size = 50 * MB;
    // Every 4 MB or so of the body (64 KB a pull), while the file is on its way into storage.
    const answer = await sendFile({ size, onPull: () => void (++pulls % 64 === 0 && memory.sample()) });
    expect(answer).toMatchObject({ status: 201, body: { data: { byteSize: size } } });
    console.log(`50 MB upload through the route: heap + external grew by ${(memory.growth() / MB).toFixed(1)} MB at the most`);
    expect(pulls).toBeGreaterThan(700);
    expect(memory.growth() / MB, "MB more in use while the file streamed").toBeLessThan(20);
    const [version] = await h.db.select().from(groupFileVersions).where(eq(groupFileVersions.fileId, answer.body.data!.fileId));
    expect(version).toMatchObject({ byteSize: size, mimeType: "application/pdf" });
  });
});
