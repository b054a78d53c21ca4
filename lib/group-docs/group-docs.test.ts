/**
 * G7 group docs, with G1, G3, G5 and G6 deciding who may do what: uploading (members and
 * webmasters), the type verified from the bytes, new versions keeping every earlier one,
 * renaming, describing and tagging (D4, D7) and deleting (the uploader while a member, the group's admins, webmasters) with
 * the stored objects following the rows, the reads, and the download route (access decided
 * in the request; a secret group's file a 404 to strangers, others a 403 naming nothing;
 * images and PDFs inline under a sandboxing CSP, everything else an attachment; ranges).
 * D4: an uploaded file's text is kept for search, a new version's replacing the last; files
 * stored before text was read are read by the background job.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/connect";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, groupFileVersions, groupFiles, settings, unclaimedObjects } from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";

const dataDir = mkdtempSync(path.join(tmpdir(), "portico-group-docs-"));
process.env.PORTICO_DATA_DIR = dataDir;

const { uploadGroupFile, uploadGroupFileVersion } = await import("./upload-actions");
const { deleteGroupFileAction, editGroupFileAction } = await import("./actions");
const { getGroupFile, listGroupFiles } = await import("./queries");
const { checkFileType } = await import("./file-types");
const { groupFileLimitProblem } = await import("./limits");
const { GET } = await import("@/app/api/group-files/[id]/versions/[n]/route");
const { readUnreadFileTexts } = await import("./text-backfill");
const { extractText, workersBusy } = await import("./extract-text");

const E = (local: string) => `${local}@docs.test`;
const ORG = {
  people: [
    { email: E("admin"), name: "Ada Admin", audience: "organisational" },
    { email: E("uploader"), name: "Uma Uploader", audience: "organisational" },
    { email: E("member"), name: "Mo Member", audience: "organisational" },
    { email: E("ext-member"), name: "Xia External-Member", audience: "external" },
    { email: E("stranger"), name: "Stan Stranger", audience: "organisational" },
    { email: E("outsider"), name: "Otto Outsider", audience: "external" },
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
  ],
  groups: ["open:public", "closed:private", "hidden:secret"].map((spec) => {
    const [slug, visibility] = spec.split(":");
    return {
      slug,
      name: `Group ${slug}`,
      description: "",
      visibility,
      members: [{ person: E("admin"), admin: true }, { person: E("uploader") }, { person: E("member") }, { person: E("ext-member") }],
    };
  }),
};

const ascii = (text: string) => new TextEncoder().encode(text);
const PDF = ascii("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const DOCX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...ascii("[Content_Types].xml and the rest of a document")]);
/** A file as the upload route hands it to the actions: its name and its bytes as a stream. */
const file = (bytes: Uint8Array, name: string) => ({ name, stream: new Blob([new Uint8Array(bytes)]).stream() });

let h: Harness;
const group = (slug: string) => h.ids.groups.get(slug)!;
const as = (who: string) => signInAs(E(who));
const storedFiles = () => (existsSync(path.join(dataDir, "uploads")) ? readdirSync(path.join(dataDir, "uploads")).sort() : []);
const ledger = async () => h.db.select().from(unclaimedObjects);

async function setGroupsSwitch(on: boolean) {
  await h.db
    .insert(settings)
    .values({ key: "externalAccess", value: { groups: on } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { groups: on } } });
}

async function upload(who: string, slug: string, f: ReturnType<typeof file>) {
  await as(who);
  return uploadGroupFile({ groupId: group(slug), file: f });
}

async function download(id: string, n: number | string, headers: Record<string, string> = {}) {
  return GET(new Request(`http://portico.test/api/group-files/${id}/versions/${n}`, { headers }), { params: Promise.resolve({ id, n: String(n) }) });
}

beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => {
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the types a group file may be (G7)", () => {
  it("knows a file by its name's extension and confirms it from its first bytes", () => {
    expect(checkFileType("Plan.PDF", PDF)).toEqual({ ok: true, mimeType: "application/pdf" });
    expect(checkFileType("map.png", PNG)).toEqual({ ok: true, mimeType: "image/png" });
    expect(checkFileType("Minutes.docx", DOCX)).toMatchObject({ ok: true, mimeType: expect.stringContaining("wordprocessingml") });
    expect(checkFileType("notes.txt", ascii("Bring the maps. Café at 10."))).toEqual({ ok: true, mimeType: "text/plain" });
    expect(checkFileType("Plan.pdf", PNG)).toMatchObject({ ok: false, message: expect.stringMatching(/not a \.pdf file/) });
    expect(checkFileType("page.html", ascii("<p>hi</p>"))).toMatchObject({ ok: false, message: expect.stringMatching(/\.html files cannot be uploaded/) });
    expect(checkFileType("logo.svg", ascii("<svg/>"))).toMatchObject({ ok: false });
    expect(checkFileType("README", ascii("text"))).toMatchObject({ ok: false, message: expect.stringMatching(/without an extension/) });
    expect(checkFileType("notes.txt", ascii("<!DOCTYPE html><script>alert(1)</script>"))).toMatchObject({ ok: false });
    expect(checkFileType("notes.txt", new Uint8Array([0x41, 0x00, 0x42]))).toMatchObject({ ok: false });
  });

  it("reads PORTICO_GROUP_FILE_MAX_MB as a whole number, 50 by default", () => {
    expect(groupFileLimitProblem({})).toBeNull();
    expect(groupFileLimitProblem({ PORTICO_GROUP_FILE_MAX_MB: "200" })).toBeNull();
    expect(groupFileLimitProblem({ PORTICO_GROUP_FILE_MAX_MB: "lots" })).toMatch(/PORTICO_GROUP_FILE_MAX_MB must be a whole number/);
  });
});

describe("uploading a file (G2, G5, G7)", () => {
  it("stores a member's file with version 1, typed from its bytes, audited (M8)", async () => {
    const result = await upload("uploader", "closed", file(PNG, "site map.png"));
    expect(result).toMatchObject({ ok: true, data: { name: "site map.png", version: 1, mimeType: "image/png", byteSize: PNG.length } });
    const fileId = result.ok ? result.data.fileId : "";
    const [row] = await h.db.select().from(groupFiles).where(eq(groupFiles.id, fileId));
    expect(row).toMatchObject({ groupId: group("closed"), name: "site map.png", currentVersion: 1, uploaderId: h.person(E("uploader")) });
    const [version] = await h.db.select().from(groupFileVersions).where(eq(groupFileVersions.fileId, fileId));
    expect(version).toMatchObject({ number: 1, byteSize: PNG.length, mimeType: "image/png", uploaderId: h.person(E("uploader")) });
    expect(storedFiles()).toContain(version!.storageKey);
    expect(await ledger()).toEqual([]);
    const [event] = await h.db.select().from(auditEvents).where(eq(auditEvents.targetId, fileId));
    expect(event).toMatchObject({ action: "groupFile.upload", targetType: "groupFile", details: { groupId: group("closed"), name: "site map.png", version: 1, mimeType: "image/png" } });
  });

  it("lets every member and webmasters upload, an external member too (G3), and nobody else, storing nothing for them", async () => {
    expect((await upload("ext-member", "closed", file(PDF, "From outside.pdf"))).ok).toBe(true);
    expect((await upload("web", "hidden", file(PDF, "Webmaster.pdf"))).ok).toBe(true);
    const before = storedFiles();
    await expectUnchanged([groupFiles, groupFileVersions, unclaimedObjects], async () => {
      for (const [who, slug] of [["stranger", "open"], ["stranger", "closed"], ["outsider", "open"], ["stranger", "hidden"]] as const) {
        expect(await upload(who, slug, file(PDF, "Nope.pdf")), `${who} in ${slug}`).toEqual({ ok: false, formError: expect.stringMatching(/permission/) });
      }
      signOut();
      expect(await uploadGroupFile({ groupId: group("open"), file: file(PDF, "Nope.pdf") })).toMatchObject({ ok: false, formError: expect.stringMatching(/session has ended/) });
    });
    expect(storedFiles()).toEqual(before);
  });

  it("refuses a disallowed type, bytes that are not what the name says, an empty file and one over the limit, storing nothing", async () => {
    const before = storedFiles();
    const saved = process.env.PORTICO_GROUP_FILE_MAX_MB;
    await expectUnchanged([groupFiles, groupFileVersions, unclaimedObjects], async () => {
      expect(await upload("uploader", "open", file(ascii("<script>alert(1)</script>"), "page.html"))).toMatchObject({ ok: false, fieldErrors: { file: expect.stringMatching(/\.html files cannot be uploaded/) } });
      expect(await upload("uploader", "open", file(PNG, "Plan.pdf"))).toMatchObject({ ok: false, fieldErrors: { file: expect.stringMatching(/not a \.pdf file/) } });
      expect(await upload("uploader", "open", file(new Uint8Array(), "Empty.pdf"))).toMatchObject({ ok: false, fieldErrors: { file: expect.stringMatching(/empty/) } });
      process.env.PORTICO_GROUP_FILE_MAX_MB = "1";
      try {
        const big = new Uint8Array(1024 * 1024 + 1);
        big.set(PDF);
        expect(await upload("uploader", "open", file(big, "Big.pdf"))).toMatchObject({ ok: false, fieldErrors: { file: "The file is larger than 1 MB. Choose a smaller file." } });
      } finally {
        if (saved === undefined) delete process.env.PORTICO_GROUP_FILE_MAX_MB;
        else process.env.PORTICO_GROUP_FILE_MAX_MB = saved;
      }
    });
    expect(storedFiles()).toEqual(before);
  });
});

describe("versions, renaming and deleting (G5, G7)", () => {
  let fileId = "";
  beforeAll(async () => {
    const created = await upload("uploader", "closed", file(PDF, "Budget.pdf"));
    fileId = created.ok ? created.data.fileId : "";
  });

  it("adds versions for the uploader and the group's admins, keeping every earlier one; not for another member", async () => {
    await as("uploader");
    const v2 = ascii("%PDF-1.7\nversion two\n%%EOF\n");
    expect(await uploadGroupFileVersion({ fileId, file: file(v2, "Budget (final).pdf") })).toMatchObject({ ok: true, data: { version: 2, name: "Budget.pdf" } });
    await as("admin");
    expect(await uploadGroupFileVersion({ fileId, file: file(PDF, "Budget.pdf") })).toMatchObject({ ok: true, data: { version: 3 } });
    const before = storedFiles();
    await expectUnchanged([groupFiles, groupFileVersions, unclaimedObjects], async () => {
      await as("member");
      expect(await uploadGroupFileVersion({ fileId, file: file(PDF, "Budget.pdf") })).toMatchObject({ ok: false, formError: expect.stringMatching(/permission/) });
      await as("uploader");
      expect(await uploadGroupFileVersion({ fileId, file: file(DOCX, "Budget.docx") })).toMatchObject({ ok: false, fieldErrors: { file: "A new version of Budget.pdf must be a .pdf file too." } });
    });
    expect(storedFiles()).toEqual(before);

    const read = await getGroupFile(await viewerOf(E("member")), fileId);
    expect(read).toMatchObject({ status: "ok", value: { name: "Budget.pdf", currentVersion: 3, mayManage: false } });
    expect(read.status === "ok" && read.value.versions.map((v) => [v.number, v.uploaderId])).toEqual([
      [3, h.person(E("admin"))],
      [2, h.person(E("uploader"))],
      [1, h.person(E("uploader"))],
    ]);
    await as("member");
    expect(await (await download(fileId, 2)).text()).toBe(new TextDecoder().decode(v2));
    expect(await (await download(fileId, 1)).text()).toBe(new TextDecoder().decode(PDF));
  });

  it("renames for those who may manage it, keeping the file's type in its name", async () => {
    await as("uploader");
    expect(await editGroupFileAction({ fileId, name: "  Budget 2027.pdf " })).toEqual({
      ok: true,
      data: { groupId: group("closed"), from: "Budget.pdf", to: "Budget 2027.pdf", descriptionChanged: false, tags: { from: [], to: [] } },
    });
    await expectUnchanged([groupFiles], async () => {
      expect(await editGroupFileAction({ fileId, name: "Budget.html" })).toMatchObject({ ok: false, fieldErrors: { name: "Keep the name's ending: .pdf, the type of this file." } });
      expect(await editGroupFileAction({ fileId, name: "../Budget.pdf" })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringMatching(/cannot contain/) } });
      expect(await editGroupFileAction({ fileId, name: "" })).toMatchObject({ ok: false, fieldErrors: { name: "Enter the file's name." } });
      await as("member");
      expect(await editGroupFileAction({ fileId, name: "Mine.pdf" })).toMatchObject({ ok: false, formError: expect.stringMatching(/permission/) });
    });
    const response = await download(fileId, 3);
    expect(response.headers.get("content-disposition")).toBe(`inline; filename="Budget 2027.pdf"; filename*=UTF-8''Budget%202027.pdf`);
  });

  it("deletes every version after a confirmation, for the group's admins; the objects go after the commit", async () => {
    const keys = (await h.db.select().from(groupFileVersions).where(eq(groupFileVersions.fileId, fileId))).map((v) => v.storageKey);
    expect(keys).toHaveLength(3);
    await as("member");
    expect(await deleteGroupFileAction({ fileId, confirmed: true })).toMatchObject({ ok: false, formError: expect.stringMatching(/permission/) });
    await as("admin");
    expect(await deleteGroupFileAction({ fileId })).toMatchObject({ ok: false, fieldErrors: { confirmed: expect.stringMatching(/Confirm/) } });
    expect(await deleteGroupFileAction({ fileId, confirmed: true })).toMatchObject({ ok: true, data: { groupId: group("closed") } });
    expect(await h.db.select().from(groupFiles).where(eq(groupFiles.id, fileId))).toEqual([]);
    expect(await h.db.select().from(groupFileVersions).where(eq(groupFileVersions.fileId, fileId))).toEqual([]);
    for (const key of keys) expect(storedFiles()).not.toContain(key);
    expect(await ledger()).toEqual([]);
    const [event] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "groupFile.delete"));
    expect(event).toMatchObject({ targetId: fileId, details: { name: "Budget 2027.pdf", versions: 3 } });
    expect((await download(fileId, 1)).status).toBe(404);
  });

  it("releases a file's objects whatever deletes its rows (a group's deletion, by trigger)", async () => {
    const created = await upload("uploader", "open", file(PDF, "Doomed.pdf"));
    const [version] = await h.db.select().from(groupFileVersions).where(eq(groupFileVersions.fileId, created.ok ? created.data.fileId : ""));
    await h.db.delete(groupFiles).where(eq(groupFiles.id, created.ok ? created.data.fileId : ""));
    expect((await ledger()).map((r) => r.key)).toEqual([version!.storageKey]);
    // The sweep deletes it once the grace period has passed (lib/storage/lifecycle.ts).
    const { sweepUnclaimedObjects, UNCLAIMED_GRACE_MS } = await import("@/lib/storage/lifecycle");
    expect(await sweepUnclaimedObjects(h.db, new Date(Date.now() + UNCLAIMED_GRACE_MS + 60_000))).toBe(1);
    expect(storedFiles()).not.toContain(version!.storageKey);
  });
});

describe("a file's details: name, description and tags (G7, D7, D4)", () => {
  let fileId = "";
  beforeAll(async () => {
    const created = await upload("uploader", "closed", file(PDF, "Road plan.pdf"));
    fileId = created.ok ? created.data.fileId : "";
  });
  const row = async () => (await h.db.select().from(groupFiles).where(eq(groupFiles.id, fileId)))[0]!;
  const found = async (words: string) =>
    rowsOf<{ found: boolean }>(await h.db.execute(sql`select search_vector @@ websearch_to_tsquery('portico_search', ${words}) as found from group_files where id = ${fileId}`))[0]!.found;
  const vocabulary = async () => rowsOf<{ name: string }>(await h.db.execute(sql`select name from tags order by name`)).map((t) => t.name);

  it("the uploader edits the name, description and tags in one go: tags normalised and learnt, the words searched, audited", async () => {
    expect(await found("cameras")).toBe(false);
    await as("uploader");
    const description = "  Speed cameras near the schools.\nSecond line: where and when.  ";
    expect(await editGroupFileAction({ fileId, name: "Road plan 2027.pdf", description, tags: ["Road Safety", "road  safety", " Traffic "] })).toEqual({
      ok: true,
      data: { groupId: group("closed"), from: "Road plan.pdf", to: "Road plan 2027.pdf", descriptionChanged: true, tags: { from: [], to: ["road safety", "traffic"] } },
    });
    expect(await row()).toMatchObject({ name: "Road plan 2027.pdf", description: "Speed cameras near the schools.\nSecond line: where and when.", tags: ["road safety", "traffic"] });
    expect(await vocabulary()).toEqual(expect.arrayContaining(["road safety", "traffic"]));
    expect(await found("cameras")).toBe(true);
    expect(await found("school")).toBe(true);
    expect(await found("safety")).toBe(true);
    const [event] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.action, "groupFile.edit"), eq(auditEvents.targetId, fileId)));
    expect(event).toMatchObject({
      targetType: "groupFile",
      targetId: fileId,
      details: { from: "Road plan.pdf", to: "Road plan 2027.pdf", descriptionChanged: true, tags: { from: [], to: ["road safety", "traffic"] } },
    });

    // The file's page and the group's list show them to its readers.
    const read = await getGroupFile(await viewerOf(E("member")), fileId);
    expect(read).toMatchObject({ status: "ok", value: { description: "Speed cameras near the schools.\nSecond line: where and when.", tags: ["road safety", "traffic"] } });
    const list = await listGroupFiles(await viewerOf(E("member")), group("closed"), { limit: 1000 });
    expect(list.status === "ok" && list.value.files.find((f) => f.id === fileId)).toMatchObject({ summary: "Speed cameras near the schools." });
  });

  it("the group's admin renames without the other fields, which stay; then clears the description and tags", async () => {
    await as("admin");
    expect(await editGroupFileAction({ fileId, name: "Road plan 2028.pdf" })).toMatchObject({ ok: true, data: { descriptionChanged: false, tags: { from: ["road safety", "traffic"], to: ["road safety", "traffic"] } } });
    expect(await row()).toMatchObject({ name: "Road plan 2028.pdf", description: "Speed cameras near the schools.\nSecond line: where and when.", tags: ["road safety", "traffic"] });
    expect(await editGroupFileAction({ fileId, name: "Road plan 2028.pdf", description: "", tags: [] })).toMatchObject({ ok: true, data: { descriptionChanged: true, tags: { to: [] } } });
    expect(await row()).toMatchObject({ description: "", tags: [] });
    expect(await found("cameras")).toBe(false);
    const list = await listGroupFiles(await viewerOf(E("member")), group("closed"), { limit: 1000 });
    expect(list.status === "ok" && list.value.files.find((f) => f.id === fileId)).toMatchObject({ summary: "" });
    // Tags no file uses any more stay in the vocabulary until a webmaster deletes them (D7).
    expect(await vocabulary()).toEqual(expect.arrayContaining(["road safety"]));
  });

  it("refuses a member who is not the uploader and a non-member; nothing changes", async () => {
    await expectUnchanged([groupFiles, "tags"], async () => {
      for (const who of ["member", "ext-member", "stranger", "outsider"]) {
        await as(who);
        expect(await editGroupFileAction({ fileId, name: "Mine.pdf", description: "Taken over", tags: ["hijacked"] }), who).toEqual({ ok: false, formError: expect.stringMatching(/permission/) });
      }
    });
  });

  it("too long a description, 11 tags, a name with another ending: a clear message on the field, nothing written", async () => {
    await as("uploader");
    const eleven = Array.from({ length: 11 }, (_, i) => `tag ${i + 1}`);
    await expectUnchanged([groupFiles, "tags", auditEvents], async () => {
      expect(await editGroupFileAction({ fileId, name: "Road plan 2028.pdf", description: "x".repeat(2001) })).toEqual({ ok: false, fieldErrors: { description: "A description can be at most 2000 characters." } });
      expect(await editGroupFileAction({ fileId, name: "Road plan 2028.pdf", tags: eleven })).toEqual({ ok: false, fieldErrors: { tags: "Use at most 10 tags." } });
      expect(await editGroupFileAction({ fileId, name: "Road plan.docx", description: "New words", tags: ["new tag"] })).toEqual({
        ok: false,
        fieldErrors: { name: "Keep the name's ending: .pdf, the type of this file." },
      });
      expect(await editGroupFileAction({ fileId, name: "Road plan 2028.pdf", description: "Bad \u0000 byte" })).toMatchObject({ ok: false, fieldErrors: { description: expect.stringMatching(/control characters/) } });
    });
    // The form parses with the same schema: the same messages before anything is sent.
    const { editGroupFileInput } = await import("./schemas");
    const parsed = editGroupFileInput.safeParse({ fileId, name: "Road plan 2028.pdf", description: "x".repeat(2001), tags: eleven });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["description", "A description can be at most 2000 characters."],
      ["tags", "Use at most 10 tags."],
    ]);
    expect(editGroupFileInput.safeParse({ fileId, name: "Road plan 2028.pdf", description: "x".repeat(2000), tags: eleven.slice(0, 10) }).success).toBe(true);
  });
});

describe("the text search reads (D4, G7)", () => {
  /** The file's kept text, and whether its search vector matches `words`. */
  async function searched(fileId: string, words: string) {
    const [row] = rowsOf<{ text: string | null; found: boolean }>(
      await h.db.execute(sql`select extracted_text as text, search_vector @@ websearch_to_tsquery('portico_search', ${words}) as found from group_files where id = ${fileId}`),
    );
    return row;
  }

  it("keeps an uploaded text file's text, found by its words; a new version's text replaces it", async () => {
    const created = await upload("uploader", "open", file(ascii("Agenda\r\nThe zeppelins arrive on Thursday.\n"), "agenda.txt"));
    const fileId = created.ok ? created.data.fileId : "";
    expect(await searched(fileId, "zeppelin")).toEqual({ text: "Agenda\nThe zeppelins arrive on Thursday.\n", found: true });
    expect(await searched(fileId, "agenda")).toMatchObject({ found: true }); // the name too

    await as("uploader");
    expect(await uploadGroupFileVersion({ fileId, file: file(ascii("Balloons instead, on Friday."), "agenda.txt") })).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await searched(fileId, "balloon friday")).toEqual({ text: "Balloons instead, on Friday.", found: true });
    expect(await searched(fileId, "zeppelin")).toMatchObject({ found: false });
  });

  it("reads a PDF's text in the worker, from the stored object", async () => {
    const content = "BT /F1 12 Tf 72 720 Td (Harbour regatta results) Tj ET";
    // A one-page PDF without a cross-reference table, which pdf.js rebuilds.
    const pdf = ascii(
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj\n" +
        `4 0 obj << /Length ${content.length} >>\nstream\n${content}\nendstream endobj\n5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n` +
        "trailer << /Root 1 0 R >>\n%%EOF\n",
    );
    const created = await upload("uploader", "closed", file(pdf, "Results.pdf"));
    expect(await searched(created.ok ? created.data.fileId : "", "regatta")).toEqual({ text: expect.stringContaining("Harbour regatta results"), found: true });
  });

  it("keeps no text for a file with none or one that cannot be read, and a new version without text clears the last one's", async () => {
    const image = await upload("uploader", "open", file(PNG, "photo.png"));
    expect(await searched(image.ok ? image.data.fileId : "", "photo")).toEqual({ text: null, found: true });
    const notes = await upload("uploader", "open", file(ascii("Lighthouse keys"), "keys.md"));
    const fileId = notes.ok ? notes.data.fileId : "";
    expect(await searched(fileId, "lighthouse")).toMatchObject({ found: true });
    await as("uploader");
    expect((await uploadGroupFileVersion({ fileId, file: file(ascii("\u0001\u0002 \n"), "keys.md") })).ok).toBe(true);
    expect(await searched(fileId, "lighthouse")).toEqual({ text: null, found: false });
  });

  describe("files stored before their text was read (migration 0031)", () => {
    const unread = async () =>
      rowsOf<{ id: string }>(await h.db.execute(sql`select id from group_files where text_read_version is distinct from current_version order by id`)).map((r) => r.id);
    /** What a file looked like when stored by a Portico that read no text. */
    const forget = (ids: string[]) => h.db.execute(sql`update group_files set extracted_text = null, text_read_version = null where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);

    it("uploads mark each version's text as read, whether or not it had any", async () => {
      expect(await unread()).toEqual([]);
    });

    it("the background job reads them, newest first, a batch at a time; each is then found by its words, and never read again", async () => {
      const minutes = await upload("uploader", "closed", file(ascii("Minutes: the ferry timetable changes in May."), "ferry.txt"));
      const photo = await upload("uploader", "open", file(PNG, "quay.png"));
      const [ferry, quay] = [minutes, photo].map((c) => (c.ok ? c.data.fileId : ""));
      await as("uploader");
      expect((await uploadGroupFileVersion({ fileId: ferry!, file: file(ascii("Minutes, second draft: the ferry timetable changes in June."), "ferry.txt") })).ok).toBe(true);
      await forget([ferry!, quay!]);
      expect(await searched(ferry!, "timetable")).toEqual({ text: null, found: false });
      expect(await unread()).toEqual([ferry, quay].sort());

      expect(await readUnreadFileTexts(h.db, 1)).toBe(1);
      expect(await unread()).toHaveLength(1);
      expect(await readUnreadFileTexts(h.db)).toBe(1);
      expect(await unread()).toEqual([]);
      // The current version's text, marked as read from it; a file with no text kind, read as having none.
      expect(await searched(ferry!, "timetable june")).toEqual({ text: "Minutes, second draft: the ferry timetable changes in June.", found: true });
      const versions = rowsOf<{ id: string; read: number; current: number }>(
        await h.db.execute(sql`select id, text_read_version as read, current_version as current from group_files where id in (${ferry}, ${quay}) order by id`),
      );
      expect(versions.every((v) => v.read === v.current)).toBe(true);
      expect(await searched(quay!, "quay")).toEqual({ text: null, found: true });
      expect(await readUnreadFileTexts(h.db)).toBe(0);
    });

    it("uploads come first: while every worker is taken, the job reads no PDF or Word file and leaves it for a later pass", async () => {
      const created = await upload("uploader", "open", file(PDF, "Tide tables.pdf"));
      const pdfId = created.ok ? created.data.fileId : "";
      await forget([pdfId]);
      // Two uploads' PDFs being read (workers that take their whole time).
      const hang = path.join(dataDir, "hang.mjs");
      writeFileSync(hang, "for (;;) {}\n");
      vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const reading = [0, 1].map(() => extractText(PDF, "pdf", { timeoutMs: 1_500, workerFile: hang }));
      expect(workersBusy()).toBe(true);
      expect(await readUnreadFileTexts(h.db)).toBe(0);
      expect(await unread()).toEqual([pdfId]);
      await Promise.all(reading);
      vi.restoreAllMocks();
      expect(workersBusy()).toBe(false);
      expect(await readUnreadFileTexts(h.db)).toBe(1);
      expect(await unread()).toEqual([]);
    });

    it("a file whose stored object is missing is marked read with no text, not tried on every pass", async () => {
      const lost = await upload("uploader", "open", file(ascii("Harbour dues for 2027"), "dues.txt"));
      const lostId = lost.ok ? lost.data.fileId : "";
      await forget([lostId]);
      await h.db.execute(sql`update group_file_versions set storage_key = gen_random_uuid() where file_id = ${lostId}`);
      expect(await readUnreadFileTexts(h.db)).toBe(1);
      expect(await searched(lostId, "harbour")).toEqual({ text: null, found: false });
      expect(await unread()).toEqual([]);
    });
  });
});

describe("reading and downloading (G1, G3, G6, G7)", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    for (const [slug, f] of [
      ["open", file(PNG, "Open map.png")],
      ["closed", file(PDF, "Closed plan.pdf")],
      ["hidden", file(PDF, "Hidden plan.pdf")],
      ["closed", file(DOCX, "Minutes.docx")],
    ] as const) {
      const created = await upload("uploader", slug, f);
      ids[f.name] = created.ok ? created.data.fileId : "";
    }
  });

  it("serves members the stored bytes with the stored type, nosniff, images and PDFs inline under a sandboxing CSP", async () => {
    await as("member");
    const pdf = await download(ids["Closed plan.pdf"]!, 1);
    expect(pdf.status).toBe(200);
    expect(Object.fromEntries(pdf.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(PDF.length),
      "x-content-type-options": "nosniff",
      "content-disposition": expect.stringMatching(/^inline; filename="Closed plan.pdf"/),
      // The route's own policy, kept by outsideMiddleware (lib/security/outside-middleware.ts).
      "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
      "accept-ranges": "bytes",
      "cache-control": expect.stringMatching(/^private/),
    });
    expect(new Uint8Array(await pdf.arrayBuffer())).toEqual(PDF);
    const png = await download(ids["Open map.png"]!, 1);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("content-disposition")).toMatch(/^inline/);
    const docx = await download(ids["Minutes.docx"]!, 1);
    expect(docx.headers.get("content-type")).toMatch(/wordprocessingml/);
    expect(docx.headers.get("content-disposition")).toMatch(/^attachment; filename="Minutes.docx"/);
    // An attachment is never shown: it carries the site's own policy, as every other answer does.
    expect(docx.headers.get("content-security-policy")).toMatch(/^default-src 'self'.*frame-ancestors 'none'/);
    expect(new Uint8Array(await docx.arrayBuffer())).toEqual(DOCX);
  });

  it("answers byte ranges: 206 with the part, 416 past the end", async () => {
    await as("member");
    const part = await download(ids["Closed plan.pdf"]!, 1, { range: "bytes=1-4" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1-4/${PDF.length}`);
    expect(part.headers.get("content-length")).toBe("4");
    expect(await part.text()).toBe("PDF-");
    const tail = await download(ids["Closed plan.pdf"]!, 1, { range: "bytes=-6" });
    expect(await tail.text()).toBe("%%EOF\n");
    const past = await download(ids["Closed plan.pdf"]!, 1, { range: `bytes=${PDF.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${PDF.length}`);
  });

  it("gives a stranger a 404 for a secret group's file and a 403 otherwise, naming nothing", async () => {
    await as("stranger");
    const hidden = await download(ids["Hidden plan.pdf"]!, 1);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toBe("Not found");
    const closed = await download(ids["Closed plan.pdf"]!, 1);
    expect(closed.status).toBe(403);
    const said = `${await closed.text()} ${JSON.stringify(Object.fromEntries(closed.headers))}`;
    expect(said).not.toMatch(/Closed plan|application\/pdf/);
    expect(said).not.toContain(String(PDF.length));
    // A public group's files: every organisational person (G6).
    expect((await download(ids["Open map.png"]!, 1)).status).toBe(200);
  });

  it("answers unknown files and versions, malformed addresses and signed-out requests with the same 404", async () => {
    await as("member");
    for (const [id, n] of [[ids["Closed plan.pdf"]!, 2], [ids["Closed plan.pdf"]!, "0"], [ids["Closed plan.pdf"]!, "1x"], ["not-a-uuid", 1], ["123e4567-e89b-42d3-a456-426614174000", 1]] as const) {
      const response = await download(id, n);
      expect(response.status, `${id} ${n}`).toBe(404);
      expect(await response.text()).toBe("Not found");
    }
    signOut();
    expect((await download(ids["Closed plan.pdf"]!, 1)).status).toBe(404);
    expect((await download(ids["Hidden plan.pdf"]!, 1)).status).toBe(404);
  });

  it("G3: an external member reads their own groups' files; other externals only public groups' with the Groups switch", async () => {
    await as("ext-member");
    expect((await download(ids["Hidden plan.pdf"]!, 1)).status).toBe(200);
    await as("outsider");
    expect((await download(ids["Open map.png"]!, 1)).status).toBe(404); // the group is not theirs to know of
    expect((await download(ids["Closed plan.pdf"]!, 1)).status).toBe(404);
    await setGroupsSwitch(true);
    try {
      expect((await download(ids["Open map.png"]!, 1)).status).toBe(200);
      expect((await download(ids["Closed plan.pdf"]!, 1)).status).toBe(403);
      expect((await download(ids["Hidden plan.pdf"]!, 1)).status).toBe(404);
    } finally {
      await setGroupsSwitch(false);
    }
  });

  it("lists a group's files to those who may read it, with what each may do; refuses others as the download does", async () => {
    const viewer = (who: string) => viewerOf(E(who));
    const listed = await listGroupFiles(await viewer("member"), group("closed"));
    expect(listed.status).toBe("ok");
    const names = listed.status === "ok" ? listed.value.files.map((f) => [f.name, f.mimeType, f.mayManage]) : [];
    expect(names).toEqual(expect.arrayContaining([["Closed plan.pdf", "application/pdf", false], ["Minutes.docx", expect.stringMatching(/wordprocessingml/), false]]));
    const asUploader = await listGroupFiles(await viewer("uploader"), group("closed"));
    expect(asUploader.status === "ok" && asUploader.value.files.find((f) => f.name === "Closed plan.pdf")?.mayManage).toBe(true);
    const asAdmin = await listGroupFiles(await viewer("admin"), group("closed"));
    expect(asAdmin.status === "ok" && asAdmin.value.files.every((f) => f.mayManage)).toBe(true);
    expect(await listGroupFiles(await viewer("stranger"), group("closed"))).toEqual({ status: "forbidden" });
    expect(await listGroupFiles(await viewer("stranger"), group("hidden"))).toEqual({ status: "not-found" });
    expect((await listGroupFiles(await viewer("stranger"), group("open"))).status).toBe("ok");
    expect(await listGroupFiles(await viewer("outsider"), group("open"))).toEqual({ status: "not-found" });
    expect((await listGroupFiles(await viewer("web"), group("hidden"))).status).toBe("ok");
    expect(await listGroupFiles(await viewer("member"), 987_654)).toEqual({ status: "not-found" });
    expect(await getGroupFile(await viewer("stranger"), ids["Closed plan.pdf"]!)).toEqual({ status: "forbidden" });
    expect(await getGroupFile(await viewer("stranger"), ids["Hidden plan.pdf"]!)).toEqual({ status: "not-found" });
  });
});
