/**
 * D2 D5: comments and one's own group membership through the API are the pages' own actions
 * performed as the token's person: the same permissions (K1 K2 E3, G1 G5), the same messages,
 * audit rows naming the token (M8); a secret group is the 404 of no group to a non-member (C5).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { apiWrite, authoriseEveryone, documentValidator, routeParams } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { POST: comment, GET: comments } = await import("@/app/api/v1/content/[id]/comments/route");
const ownComment = await import("@/app/api/v1/comments/[commentId]/route");
const { POST: join } = await import("@/app/api/v1/groups/[slug]/join/route");
const { POST: ask } = await import("@/app/api/v1/groups/[slug]/requests/route");
const { DELETE: leave } = await import("@/app/api/v1/groups/[slug]/membership/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");

const E = (local: string) => `${local}@api-talk.test`;
const ORG = {
  people: [
    { email: E("admin"), name: "Ada Admin", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("other"), name: "Olly Other", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false },
    { slug: "hr", title: "HR", parent: null, restricted: true, members: [E("admin")] },
  ],
  content: [
    { key: "open", type: "news", title: "Open item", body: "<p>x</p>", section: "news", author: E("admin"), status: "published", publishedAt: "2026-10-01T09:00:00Z" },
    { key: "closed", type: "news", title: "Closed item", body: "<p>x</p>", section: "hr", author: E("admin"), status: "published", publishedAt: "2026-10-01T09:00:00Z" },
  ],
  groups: [
    { slug: "g-public", name: "Public pals", description: "Anyone may read.", visibility: "public", members: [{ person: E("admin"), admin: true }] },
    { slug: "g-private", name: "Private planners", description: "By request.", visibility: "private", members: [{ person: E("admin"), admin: true }] },
    { slug: "g-secret", name: "Secret squirrels", description: "Invitation only.", visibility: "secret", members: [{ person: E("admin"), admin: true }] },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const tokens = new Map<string, string>();
beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const who of ["admin", "staff", "other", "ext"]) tokens.set(who, (await makeToken(h.db, h.person(E(who)), { name: `${who}'s client`, days: 7, scope: "read-write" })).token);
});
afterAll(async () => h?.close());

const request = (method: string, path: string, who: string, body?: unknown) => apiWrite(method, path, tokens.get(who)!, body);
const params = routeParams;
const itemId = async (title: string) => rowsOf<{ id: string }>(await h.db.execute(sql`select id from content where title = ${title}`))[0]!.id;
const auditDetails = async (action: string) =>
  rowsOf<{ details: Record<string, unknown> }>(await h.db.execute(sql`select details from audit_events where action = ${action} order by id desc limit 1`))[0]?.details;

describe("D2: comments through the API", () => {
  it("D2 K1 M8: whoever may view the item comments and replies; the comment is listed as the page lists it, and the audit row names the token", async () => {
    const id = await itemId("Open item");
    const made = await comment(request("POST", `/content/${id}/comments`, "staff", { body: "Good news, @someone" }), params({ id }));
    expect(made.status).toBe(201);
    const written = await made.json();
    expect(documentValidator(openApiDocument())("CommentWritten", written)).toEqual([]);
    expect(written.created).toBe(true);
    const reply = await comment(request("POST", `/content/${id}/comments`, "other", { body: "Agreed", parentId: written.id }), params({ id }));
    expect(reply.status).toBe(201);
    const listed = await (await comments(request("GET", `/content/${id}/comments`, "staff"), params({ id }))).json();
    const thread = listed.items.find((t: { id: string }) => t.id === written.id);
    expect(thread.body).toBe("Good news, @someone");
    expect(thread.replies.map((r: { body: string }) => r.body)).toEqual(["Agreed"]);
    expect(await auditDetails("comment.create")).toMatchObject({ apiToken: { name: "other's client" } });
  });

  it("D2 K1 C2: someone who may not view the item may not comment on it (403), an empty comment is a 422 with the form's message, and neither writes anything", async () => {
    const closed = await itemId("Closed item");
    const count = async () => rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from comments`))[0]!.n;
    const before = await count();
    expect((await comment(request("POST", `/content/${closed}/comments`, "staff", { body: "Let me in" }), params({ id: closed }))).status).toBe(403);
    const open = await itemId("Open item");
    const empty = await comment(request("POST", `/content/${open}/comments`, "staff", { body: "   " }), params({ id: open }));
    expect(empty.status).toBe(422);
    expect(Object.keys((await empty.json()).errors)).toEqual(["body"]);
    expect(await count()).toBe(before);
  });

  it("D2 K2: the author changes and deletes their own comment; nobody else may", async () => {
    const id = await itemId("Open item");
    const { id: commentId } = await (await comment(request("POST", `/content/${id}/comments`, "staff", { body: "First thoughts" }), params({ id }))).json();
    expect((await ownComment.PATCH(request("PATCH", `/comments/${commentId}`, "other", { body: "Not mine" }), params({ commentId }))).status).toBe(403);
    const edited = await ownComment.PATCH(request("PATCH", `/comments/${commentId}`, "staff", { body: "Second thoughts" }), params({ commentId }));
    expect(await edited.json()).toEqual({ id: commentId, state: "edited" });
    expect((await ownComment.DELETE(request("DELETE", `/comments/${commentId}`, "other"), params({ commentId }))).status).toBe(403);
    expect(await (await ownComment.DELETE(request("DELETE", `/comments/${commentId}`, "staff"), params({ commentId }))).json()).toEqual({ id: commentId, state: "deleted" });
  });
});

describe("D2: one's place in a group through the API", () => {
  it("D2 G1 G5 M8: staff join a public group and leave it; the answer is the group as its page then shows them", async () => {
    const joined = await join(request("POST", "/groups/g-public/join", "staff"), params({ slug: "g-public" }));
    expect(joined.status).toBe(200);
    const group = await joined.json();
    expect(documentValidator(openApiDocument())("Group", group)).toEqual([]);
    expect(group).toMatchObject({ slug: "g-public", membership: "member" });
    expect(await auditDetails("group.join")).toMatchObject({ apiToken: { name: "staff's client" } });
    const left = await (await leave(request("DELETE", "/groups/g-public/membership", "staff"), params({ slug: "g-public" }))).json();
    expect(left.membership).toBe("none");
  });

  it("D2 G1: a private group is asked to join, with a message; joining it outright is refused", async () => {
    expect((await join(request("POST", "/groups/g-private/join", "staff"), params({ slug: "g-private" }))).status).toBe(403);
    const asked = await ask(request("POST", "/groups/g-private/requests", "staff", { message: "I plan things too." }), params({ slug: "g-private" }));
    expect(asked.status).toBe(200);
    expect((await asked.json()).membershipState.state).toBe("requested");
  });

  it("D2 G5: the only admin may not leave: 409 with the page's message", async () => {
    const refused = await leave(request("DELETE", "/groups/g-public/membership", "admin"), params({ slug: "g-public" }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toMatch(/admin/i);
  });

  it("D2 C5 G1 E5: a secret group is the 404 of no group to a non-member, whatever they try; an external person without the Groups switch may not join", async () => {
    for (const slug of ["g-secret", "no-such-group"]) {
      const tried = await join(request("POST", `/groups/${slug}/join`, "staff"), params({ slug }));
      expect(tried.status).toBe(404);
      expect(JSON.stringify(await tried.json())).not.toMatch(/Secret squirrels|Invitation only/);
    }
    // Without the switch an external person sees only their own groups (G3 E5): this one is not there for them.
    const external = await join(request("POST", "/groups/g-public/join", "ext"), params({ slug: "g-public" }));
    expect(external.status).toBe(404);
  });
});
