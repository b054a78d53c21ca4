/**
 * D2: GET /api/v1/content/{id}/comments answers as the item page's comments do
 * (lib/comments/queries.ts getConversation, after the page's own getContent verdict), for the
 * token's person: the same verdict for every person and item (C5), the same threads page by
 * page in either order, a hidden comment's text only to its author and its reason only to its
 * author and moderators (K2), never who reported a comment (K3), and answers that agree with
 * the OpenAPI document.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET } = await import("@/app/api/v1/content/[id]/comments/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { getContent } = await import("@/lib/content/item");
const { getConversation } = await import("@/lib/comments/queries");

const E = (local: string) => `${local}@api-comments.test`;
/** A webmaster, News' manager (its moderator, K2) and editor, staff, an external member of Partners, a secret group's member, and a reporter. */
const PEOPLE = ["web", "mgr", "ed", "staff", "ext", "gm", "rep"] as const;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("mgr"), name: "Mona Manager", audience: "organisational" },
    { email: E("ed"), name: "Eddie Editor", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
    { email: E("gm"), name: "Gil Member", audience: "organisational" },
    { email: E("rep"), name: "Rory Reporter", audience: "organisational" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: E("mgr"), role: "manager" }, { person: E("ed"), role: "editor" }] },
    { slug: "partners", title: "Partners", parent: null, restricted: true, members: [E("ext"), E("staff")] },
  ],
  groups: [{ slug: "cellar", name: "Cellar club", description: "", visibility: "secret", members: [{ person: E("gm"), admin: true }] }],
  content: [
    { key: "news", type: "news", title: "Gritters tonight", body: "<p>Roads.</p>", section: "news", author: E("ed"), status: "published", publishedAt: "2026-03-01T09:00:00Z" },
    { key: "partners", type: "news", title: "Partner briefing", body: "<p>Brief.</p>", section: "partners", author: E("staff"), status: "published", publishedAt: "2026-03-02T09:00:00Z" },
    { key: "draft", type: "news", title: "Unfinished memo", body: "<p>Soon.</p>", section: "news", author: E("ed"), status: "draft" },
    { key: "secret", type: "news", title: "Cellar whispers", body: "<p>Hush.</p>", group: "cellar", author: E("gm"), status: "published", publishedAt: "2026-03-03T09:00:00Z" },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

const ITEMS = ["news", "partners", "draft", "secret", "unknown"] as const;
const UNKNOWN = "7d3f7a52-2c1e-4c1a-9a55-0b6f8e3c1d20";
/** Text of comments on items some people may not view: never in a refusal (C5). */
const REFUSED_WORDS = /Gritters|Partner briefing|Unfinished|Cellar|whisper|Partner talk/;

let h: Harness;
const tokens = new Map<string, string>();
const check = documentValidator(openApiDocument());
const ids = { hidden: "", extHidden: "", reported: "", deleted: "" };

/** A comment written straight to the table, `minute` minutes into the day (two may share a time: the id then orders them). */
async function comment(key: string, who: string, body: string, minute: number, extra: Partial<typeof schema.comments.$inferInsert> = {}): Promise<string> {
  const id = randomUUID();
  await h.db.insert(schema.comments).values({ id, contentId: h.content(key), authorId: h.person(E(who)), body, createdAt: new Date(Date.UTC(2026, 2, 10, 9, minute)), ...extra });
  return id;
}

beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of PEOPLE) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
  // 45 top-level comments on News (three pages of 20), two pairs at the same minute; replies under the first.
  const tops: string[] = [];
  for (let i = 0; i < 45; i++) tops.push(await comment("news", i % 2 ? "staff" : "ed", `Road comment ${i}`, i === 11 ? 10 : i === 31 ? 30 : i));
  for (let r = 0; r < 3; r++) await comment("news", "staff", `Reply ${r}`, 50 + r, { parentId: tops[0] });
  ids.hidden = await comment("news", "staff", "Something rude", 46, { hiddenAt: new Date(), hiddenBy: h.person(E("mgr")), hiddenReason: "Off topic" });
  ids.deleted = await comment("news", "ed", "", 47, { deletedAt: new Date() });
  await comment("news", "staff", "Reply to the deleted one", 55, { parentId: ids.deleted });
  ids.reported = tops[2]!;
  await h.db.insert(schema.commentReports).values({ commentId: ids.reported, reporterId: h.person(E("rep")), reason: "Spam, reported by Rory" });
  // Partners: the external member's own hidden comment, and comments turned off.
  ids.extHidden = await comment("partners", "ext", "Partner talk", 1, { hiddenAt: new Date(), hiddenBy: h.person(E("web")), hiddenReason: "Confidential" });
  await comment("partners", "staff", "Partner talk too", 2);
  await comment("secret", "gm", "Cellar chat", 1);
  await h.db.insert(schema.contentConversation).values([
    { contentId: h.content("news"), commentCount: 50 },
    { contentId: h.content("partners"), commentCount: 2, commentsOff: true },
    { contentId: h.content("secret"), commentCount: 1 },
  ]);
});
afterAll(async () => h?.close());

const idOf = (key: string) => (key === "unknown" ? UNKNOWN : h.content(key));
const call = (key: string, who: string, query = "") => GET(apiRequest(`/content/${idOf(key)}/comments${query}`, tokens.get(who)!), { params: Promise.resolve({ id: idOf(key) }) });

type Conversation = NonNullable<Awaited<ReturnType<typeof getConversation>>>;
type View = Conversation["threads"][number];

/** The page's conversation in the API's words, written from the page's rendering (components/comments/comments.tsx and comment-controls.tsx). */
function expected(c: Conversation) {
  const open = c.mayComment && !c.commentsOff;
  const one = (v: View | View["replies"][number], topLevel: boolean) => ({
    id: v.id,
    author: { id: v.authorLinked ? v.authorId : null, name: v.authorName },
    mine: v.mine,
    createdAt: v.createdAt.toISOString(),
    edited: v.edited,
    state: v.state,
    body: v.body,
    hiddenReason: v.hiddenReason,
    permissions: {
      mayEdit: v.mine && v.state === "shown",
      mayDelete: v.mine && v.state !== "deleted",
      mayReport: v.mayReport && v.state === "shown",
      mayHide: c.mayModerate && v.state === "shown",
      mayRestore: c.mayModerate && v.state === "hidden",
      mayReply: topLevel && open && v.state === "shown",
    },
  });
  return {
    items: c.threads.map((t) => ({ ...one(t, true), replies: t.replies.map((r) => one(r, false)), moreReplies: t.moreReplies })),
    next: c.next,
    count: c.count,
    commentsOff: c.commentsOff,
    order: c.order,
    mayComment: open,
    mayTurnCommentsOff: c.mayToggle,
    mayModerate: c.mayModerate,
  };
}

/** Every page of an item's comments through the API, checked page by page against the page's own query. */
async function walk(key: string, who: string, order: "newest" | "oldest") {
  const viewer = await viewerOf(E(who));
  const pages: { items: { id: string }[] }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?order=${order}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await call(key, who, query);
    expect(response.status, `${who} on ${key}`).toBe(200);
    const body = await response.json();
    expect(check("Conversation", body), `${who} on ${key}`).toEqual([]);
    const page = await getConversation(viewer, { kind: "content", id: idOf(key) }, { order, cursor });
    expect(body, `${who} on ${key}, ${order}, page ${pages.length + 1}`).toEqual(expected(page!));
    pages.push(body);
    cursor = body.next;
  } while (cursor && pages.length < 10);
  return pages;
}

describe("D2 K1–K3: an item's comments through the API are the item page's", () => {
  it("D2 K1 C5: every person × every item gets the item page's verdict; on 200 every page of comments, both orders, is the page's own", async () => {
    for (const who of PEOPLE) {
      const viewer = await viewerOf(E(who));
      for (const key of ITEMS) {
        const label = `${who} on ${key}`;
        const item = await getContent(viewer, idOf(key));
        if (item.status !== "ok") {
          const response = await call(key, who);
          expect(response.status, label).toBe(item.status === "forbidden" ? 403 : 404);
          const text = await response.text();
          expect(check("Problem", JSON.parse(text))).toEqual([]);
          expect(text, label).not.toMatch(REFUSED_WORDS);
          continue;
        }
        for (const order of ["newest", "oldest"] as const) await walk(key, who, order);
      }
    }
  });

  it("D2 K1: the cursor walks every top-level comment once, in the page's order, both ways — ties in time ordered by id", async () => {
    const inDb = async (direction: typeof asc) =>
      (
        await h.db
          .select({ id: schema.comments.id })
          .from(schema.comments)
          .where(and(eq(schema.comments.contentId, h.content("news")), isNull(schema.comments.parentId)))
          .orderBy(direction(schema.comments.createdAt), direction(schema.comments.id))
      ).map((r) => r.id);
    for (const [order, direction] of [["newest", desc], ["oldest", asc]] as const) {
      const pages = await walk("news", "staff", order);
      expect(pages.map((p) => p.items.length)).toEqual([20, 20, 7]);
      const seen = pages.flatMap((p) => p.items.map((i) => i.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(await inDb(direction));
    }
    // A cursor that is not one reads as the first page.
    const first = await (await call("news", "staff")).json();
    const forged = await (await call("news", "staff", "?cursor=forged")).json();
    expect(forged.items.map((i: { id: string }) => i.id)).toEqual(first.items.map((i: { id: string }) => i.id));
  });

  it("D2 K2: a hidden comment's text goes to its author only; its reason to its author and the item's moderators (News' manager, webmasters), not to its editor or others", async () => {
    const hiddenFor = async (who: string) => {
      const pages = await walk("news", who, "newest");
      return pages.flatMap((p) => p.items as { id: string; state: string; body: string | null; hiddenReason: string | null; permissions: { mayRestore: boolean } }[]).find((c) => c.id === ids.hidden)!;
    };
    expect(await hiddenFor("staff")).toMatchObject({ state: "hidden", body: "Something rude", hiddenReason: "Off topic", permissions: { mayRestore: false } });
    expect(await hiddenFor("mgr")).toMatchObject({ state: "hidden", body: null, hiddenReason: "Off topic", permissions: { mayRestore: true } });
    expect(await hiddenFor("web")).toMatchObject({ state: "hidden", body: null, hiddenReason: "Off topic", permissions: { mayRestore: true } });
    expect(await hiddenFor("ed")).toMatchObject({ state: "hidden", body: null, hiddenReason: null, permissions: { mayRestore: false } });
    expect(await hiddenFor("rep")).toMatchObject({ state: "hidden", body: null, hiddenReason: null });
    // Nobody reads the hidden text but its author, in any byte of any page.
    for (const who of ["mgr", "web", "ed", "rep", "gm"]) {
      for (const page of await walk("news", who, "oldest")) expect(JSON.stringify(page)).not.toContain("Something rude");
    }
    // An external member reads their own hidden comment and its reason (E3: view their own comments).
    const partners = await (await call("partners", "ext")).json();
    expect(partners.items.find((c: { id: string }) => c.id === ids.extHidden)).toMatchObject({ body: "Partner talk", hiddenReason: "Confidential", mine: true });
  });

  it("D2 K3: who reported a comment is never in any answer, to anyone; a deleted comment keeps its place without its text", async () => {
    const reporter = h.person(E("rep"));
    for (const who of PEOPLE) {
      const response = await call("news", who, "?order=oldest");
      if (response.status !== 200) continue;
      let cursor: string | null = null;
      let text = await response.text();
      do {
        expect(text, who).not.toContain("Rory");
        expect(text, who).not.toContain(reporter);
        expect(text, who).not.toContain("Spam");
        cursor = JSON.parse(text).next;
        if (cursor) text = await (await call("news", who, `?order=oldest&cursor=${encodeURIComponent(cursor)}`)).text();
      } while (cursor);
    }
    const all = (await walk("news", "ed", "newest")).flatMap((p) => p.items as { id: string; state: string; body: string | null; replies: unknown[] }[]);
    expect(all.find((c) => c.id === ids.deleted)).toMatchObject({ state: "deleted", body: null, replies: [expect.objectContaining({ body: "Reply to the deleted one" })] });
    // The reported comment is just a comment: shown, reportable by others.
    expect(all.find((c) => c.id === ids.reported)).toMatchObject({ state: "shown", body: "Road comment 2" });
  });

  it("D2 K1 P6: what the page offers — replies and a box where the item takes comments, none where comments are off; authors linked only where profiles open", async () => {
    const news = await (await call("news", "staff", "?order=oldest")).json();
    expect(news).toMatchObject({ mayComment: true, commentsOff: false, mayModerate: false, count: 50 });
    const first = news.items[0];
    expect(first.replies.map((r: { body: string }) => r.body)).toEqual(["Reply 0", "Reply 1", "Reply 2"]);
    expect(first.permissions.mayReply).toBe(true);
    expect(first.replies[0].permissions.mayReply).toBe(false);
    // Staff's own comment: edit and delete, not report; someone else's: report.
    const own = news.items.find((c: { mine: boolean }) => c.mine);
    expect(own.permissions).toMatchObject({ mayEdit: true, mayDelete: true, mayReport: false });
    expect(first.permissions).toMatchObject({ mayEdit: false, mayReport: true });
    const partners = await (await call("partners", "staff")).json();
    expect(partners).toMatchObject({ commentsOff: true, mayComment: false });
    expect(partners.items.every((c: { permissions: { mayReply: boolean } }) => !c.permissions.mayReply)).toBe(true);
    // The external member opens no one else's profile (E4): staff's name comes without an id; their own with theirs. Staff see both.
    const authors = (page: { items: { author: { id: string | null; name: string } }[] }) => page.items.map((c) => c.author).sort((a, b) => a.name.localeCompare(b.name));
    const forExt = await (await call("partners", "ext")).json();
    expect(authors(forExt)).toEqual([
      { id: null, name: "Sam Staff" },
      { id: h.person(E("ext")), name: "Xena Ext" },
    ]);
    expect(authors(partners)).toEqual([
      { id: h.person(E("staff")), name: "Sam Staff" },
      { id: h.person(E("ext")), name: "Xena Ext" },
    ]);
  });

  it("D2 C5 G1: comments of secret-group content answer 404 byte for byte as an unknown id; a bad order is a 400 naming it", async () => {
    const headersOf = (r: Response) => [...r.headers.entries()].filter(([name]) => !name.startsWith("ratelimit"));
    const secret = await call("secret", "staff");
    const unknown = await call("unknown", "staff");
    expect(secret.status).toBe(404);
    expect(headersOf(secret)).toEqual(headersOf(unknown));
    expect(await secret.text()).toBe(await unknown.text());
    const bad = await call("news", "staff", "?order=sideways");
    expect(bad.status).toBe(400);
    const problem = await bad.json();
    expect(check("Problem", problem)).toEqual([]);
    expect(problem.errors).toEqual({ order: "Give order as newest or oldest." });
  });
});
