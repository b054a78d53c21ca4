/**
 * D2 D5: content changed through the API is the authoring pages' own actions performed as the
 * token's person: the same permissions (S7, C1), the same field messages (as 422), stale
 * versions refused (409), every change in the audit log naming the token (M8); a change sends
 * only what it changes; a create with an Idempotency-Key made twice makes one item.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { apiWrite, authoriseEveryone, documentValidator, routeParams } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { POST: create } = await import("@/app/api/v1/content/route");
const writes = await import("./handlers/content-writes");
const { GET: read } = await import("@/app/api/v1/content/[id]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");

const E = (local: string) => `${local}@api-writes.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("editor"), name: "Eddie Editor", audience: "organisational" },
    { email: E("author"), name: "Ava Author", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: E("editor"), role: "editor" }, { person: E("author"), role: "author" }] },
    { slug: "events", title: "Events", parent: null, restricted: false, roles: [{ person: E("editor"), role: "editor" }] },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const tokens = new Map<string, { token: string; name: string }>();
beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const who of ["web", "editor", "author", "staff"]) {
    const name = `${who}'s script`;
    tokens.set(who, { token: (await makeToken(h.db, h.person(E(who)), { name, days: 7, scope: "read-write" })).token, name });
  }
  tokens.set("reader", { token: (await makeToken(h.db, h.person(E("editor")), { name: "Reader", days: 7, scope: "read" })).token, name: "Reader" });
});
afterAll(async () => h?.close());

const request = (method: string, path: string, who: string, body?: unknown, headers: Record<string, string> = {}) => apiWrite(method, path, tokens.get(who)!.token, body, headers);
const params = routeParams;
const news = () => h.section("news");
const draft = (title: string) => ({ type: "news", title, body: "<p>First words</p>", tags: ["roads"], sectionId: news() });
const auditOf = async (action: string, target: string) =>
  rowsOf<{ details: Record<string, unknown>; actor_email: string }>(await h.db.execute(sql`select details, actor_email from audit_events where action = ${action} and target_id = ${target}`));
const count = async () => rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from content`))[0]!.n;

describe("D2: creating content through the API", () => {
  it("D2 C1 S7 M8: an author creates a draft in their section: 201, its address, the item as its page shows it, and an audit row naming the token", async () => {
    const response = await create(request("POST", "/content", "author", draft("Gritting tonight")));
    expect(response.status).toBe(201);
    const item = await response.json();
    expect(documentValidator(openApiDocument())("ContentItem", item)).toEqual([]);
    expect(item).toMatchObject({ title: "Gritting tonight", status: "draft", tags: ["roads"], homeSection: { slug: "news" }, author: { name: "Ava Author" }, version: 1 });
    expect(response.headers.get("location")).toBe(`/api/v1/content/${item.id}`);
    const [audit] = await auditOf("content.create", item.id);
    expect(audit).toMatchObject({ actor_email: E("author"), details: { apiToken: { name: "author's script" } } });
  });

  it("D2 S7: publishing at once needs an editor: the author is refused (403, audited, nothing made), the editor publishes", async () => {
    const before = await count();
    const refused = await create(request("POST", "/content", "author", { ...draft("Straight out"), intent: "publish" }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await count()).toBe(before);
    const published = await create(request("POST", "/content", "editor", { ...draft("Straight out"), intent: "publish" }));
    expect(published.status).toBe(201);
    expect((await published.json()).status).toBe("published");
  });

  it("D2 S7: someone with no role in the section is refused, and a read-only token may not write at all", async () => {
    expect((await create(request("POST", "/content", "staff", draft("Not mine")))).status).toBe(403);
    const reader = await create(request("POST", "/content", "reader", draft("Read only")));
    expect(reader.status).toBe(403);
    expect(reader.headers.get("www-authenticate")).toContain("insufficient_scope");
  });

  it("D2: bad input is a 422 with the form's own message for each field, and changes nothing; a body that is not JSON is a 400, one not sent as JSON a 415", async () => {
    const before = await count();
    const bad = await create(request("POST", "/content", "author", { type: "memo", title: "" }));
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(problem.errors).toMatchObject({ type: "Choose what kind of item this is.", title: "Enter a title." });
    const homeless = await (await create(request("POST", "/content", "author", { type: "news", title: "Where?" }))).json();
    expect(homeless.errors.sectionId).toMatch(/section or a group/);
    expect((await create(request("POST", "/content", "author", "{not json"))).status).toBe(400);
    expect((await create(request("POST", "/content", "author", "[1]"))).status).toBe(400);
    const form = new Request("http://portico.test/api/v1/content", { method: "POST", headers: { authorization: `Bearer ${tokens.get("author")!.token}`, "content-type": "application/x-www-form-urlencoded" }, body: "title=x" });
    expect((await create(form)).status).toBe(415);
    expect(await count()).toBe(before);
  });

  it("D2: the same create sent again with its Idempotency-Key makes one item and gives the first answer again; the key with another request is refused", async () => {
    const before = await count();
    const key = "0b5e6f4e-6c5a-4f5e-9a55-3f1c2d6e7a01";
    const first = await create(request("POST", "/content", "author", draft("Once only"), { "Idempotency-Key": key }));
    const again = await create(request("POST", "/content", "author", draft("Once only"), { "Idempotency-Key": key }));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect((await again.json()).id).toBe((await first.json()).id);
    expect(await count()).toBe(before + 1);
    const other = await create(request("POST", "/content", "author", draft("Something else"), { "Idempotency-Key": key }));
    expect(other.status).toBe(422);
    expect((await other.json()).detail).toMatch(/different request/);
    // Another token's key of the same text is its own.
    expect((await create(request("POST", "/content", "editor", draft("Once only"), { "Idempotency-Key": key }))).status).toBe(201);
    expect((await create(request("POST", "/content", "author", draft("Bad key"), { "Idempotency-Key": "" }))).status).toBe(400);
    expect(await count()).toBe(before + 2);
  });
});

describe("D2: changing, publishing, sharing and deleting content through the API", () => {
  async function made(who = "author", title = "To change") {
    return (await (await create(request("POST", "/content", who, draft(title)))).json()) as { id: string; version: number };
  }

  it("D2 C1: a change sends only what changes: the title changes, the text and tags stay; the version moves on", async () => {
    const item = await made();
    const response = await writes.patchContent(request("PATCH", `/content/${item.id}`, "author", { title: "Changed title", baseVersion: item.version }), params({ id: item.id }));
    expect(response.status).toBe(200);
    const changed = await response.json();
    expect(changed).toMatchObject({ title: "Changed title", bodyHtml: "<p>First words</p>", tags: ["roads"], version: item.version + 1 });
    expect((await auditOf("content.update", item.id))[0]!.details).toMatchObject({ apiToken: { name: "author's script" } });
  });

  it("D2 C3: a change from an older version is refused with 409 and changes nothing; without a version, 422 says to send one", async () => {
    const item = await made();
    await writes.patchContent(request("PATCH", `/content/${item.id}`, "author", { title: "First change", baseVersion: item.version }), params({ id: item.id }));
    const stale = await writes.patchContent(request("PATCH", `/content/${item.id}`, "editor", { title: "Second change", baseVersion: item.version }), params({ id: item.id }));
    expect(stale.status).toBe(409);
    const missing = await writes.patchContent(request("PATCH", `/content/${item.id}`, "editor", { title: "Third" }), params({ id: item.id }));
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors.baseVersion).toMatch(/version/);
    const now = await (await read(request("GET", `/content/${item.id}`, "editor"), params({ id: item.id }))).json();
    expect(now.title).toBe("First change");
  });

  it("D2 C5 S7: someone who may not view or change the item: 403 for staff (a published item they can see but not edit), 404 for an id that is no item", async () => {
    const item = await made("editor", "Editor's own");
    await writes.postPublish(request("POST", `/content/${item.id}/publish`, "editor", { publish: true, baseVersion: item.version }), params({ id: item.id }));
    expect((await writes.patchContent(request("PATCH", `/content/${item.id}`, "staff", { title: "Mine now", baseVersion: 2 }), params({ id: item.id }))).status).toBe(403);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await writes.patchContent(request("PATCH", `/content/${unknown}`, "staff", { title: "x", baseVersion: 1 }), params({ id: unknown }))).status).toBe(404);
  });

  it("D2 S7: publishing is for editors: the author is refused, the editor publishes and unpublishes", async () => {
    const item = await made();
    expect((await writes.postPublish(request("POST", `/content/${item.id}/publish`, "author", { publish: true, baseVersion: item.version }), params({ id: item.id }))).status).toBe(403);
    const published = await writes.postPublish(request("POST", `/content/${item.id}/publish`, "editor", { publish: true, baseVersion: item.version }), params({ id: item.id }));
    expect(published.status).toBe(200);
    const body = await published.json();
    expect(body.status).toBe("published");
    const back = await writes.postPublish(request("POST", `/content/${item.id}/publish`, "editor", { publish: false, baseVersion: body.version }), params({ id: item.id }));
    expect((await back.json()).status).toBe("draft");
  });

  it("D2 C1: an editor shares an item into another section where they are editor and takes it out again; the author may not share into a section where they have no role", async () => {
    const item = await made();
    const events = String(h.section("events"));
    expect((await writes.putShare(request("PUT", `/content/${item.id}/shares/${events}`, "author"), params({ id: item.id, sectionId: events }))).status).toBe(403);
    const shared = await (await writes.putShare(request("PUT", `/content/${item.id}/shares/${events}`, "editor"), params({ id: item.id, sectionId: events }))).json();
    expect(shared.sharedInto.map((s: { slug: string }) => s.slug)).toEqual(["events"]);
    const unshared = await (await writes.deleteShare(request("DELETE", `/content/${item.id}/shares/${events}`, "editor"), params({ id: item.id, sectionId: events }))).json();
    expect(unshared.sharedInto).toEqual([]);
  });

  it("D2 S7 M8: the author deletes their own draft; the item is gone, and the audit log names the token", async () => {
    const item = await made();
    expect((await writes.deleteContentRoute(request("DELETE", `/content/${item.id}`, "staff"), params({ id: item.id }))).status).toBe(403);
    const deleted = await writes.deleteContentRoute(request("DELETE", `/content/${item.id}`, "author"), params({ id: item.id }));
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ id: item.id, deleted: true });
    expect((await read(request("GET", `/content/${item.id}`, "author"), params({ id: item.id }))).status).toBe(404);
    expect((await auditOf("content.delete", item.id))[0]!.details).toMatchObject({ apiToken: { name: "author's script" } });
  });
});
