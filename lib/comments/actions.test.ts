/**
 * The comment actions (K1 K2 K3 E3 C4 M8), called as a browser's POST would: through
 * defineAction, the viewer re-read on every call. Expectations are written from the rules;
 * every refusal or bad input answers clearly AND leaves the comment tables as they were.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

const actions = await import("./actions");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { COMMENTS_OFF_MESSAGE } = await import("./mutations");
const { COMMENT_EMPTY_MESSAGE, COMMENT_TOO_LONG_MESSAGE } = await import("./schemas");
const { getConversation, listHiddenComments, listReportedComments } = await import("./queries");
const getItemConversation = (v: Parameters<typeof getConversation>[0], contentId: string, o: Parameters<typeof getConversation>[2]) => getConversation(v, { kind: "content", id: contentId }, o);
const { listFeed } = await import("@/lib/content/listings");
const { getSection } = await import("@/lib/sections/queries");
const { getGroupPage } = await import("@/lib/groups/queries");

const E = (local: string) => `${local}@comments.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("mgr"), name: "Mo Manager", audience: "organisational" },
    { email: E("sub-mgr"), name: "Sue Sub-Manager", audience: "organisational" },
    { email: E("editor"), name: "Ed Editor", audience: "organisational" },
    { email: E("author"), name: "Aud Author", audience: "organisational" },
    { email: E("staff"), name: "Stan Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
    { email: E("outsider"), name: "Otto Outsider", audience: "external" },
    { email: E("gadmin"), name: "Gia Group-Admin", audience: "organisational" },
    { email: E("gmember"), name: "Gus Group-Member", audience: "organisational" },
  ],
  sections: [
    {
      slug: "partners",
      title: "Partners",
      parent: null,
      restricted: true,
      members: [E("ext"), E("staff")],
      roles: [
        { person: E("mgr"), role: "manager" },
        { person: E("editor"), role: "editor" },
        { person: E("author"), role: "author" },
      ],
    },
    { slug: "bids", title: "Bids", parent: "partners", restricted: false, roles: [{ person: E("sub-mgr"), role: "manager" }] },
  ],
  groups: [{ slug: "club", name: "Club", description: "", visibility: "private", members: [{ person: E("gadmin"), admin: true }, { person: E("gmember") }] }],
  content: [
    { key: "news", type: "news", title: "Partner news", body: "<p>News</p>", section: "partners", author: E("author"), status: "published" },
    { key: "bid", type: "news", title: "Bid news", body: "<p>Bid</p>", section: "bids", author: E("author"), status: "published" },
    { key: "draft", type: "news", title: "Partner draft", body: "<p>Draft</p>", section: "partners", author: E("author"), status: "draft" },
    { key: "post", type: "news", title: "Club post", body: "<p>Post</p>", group: "club", author: E("gmember"), status: "published" },
    { key: "tolock", type: "news", title: "To restrict", body: "<p>Soon closed</p>", section: "partners", author: E("author"), status: "published" },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

const TABLES = [schema.comments, schema.commentReports, schema.contentConversation, schema.notificationEvents];

let h: Harness;
const as = async (local: string) => (await signInAs(E(local)))!;
const item = (key: string) => h.content(key);
const comment = (contentId: string, body: string, parentId?: string) => ({ id: randomUUID(), target: { kind: "content" as const, id: contentId }, body, ...(parentId ? { parentId } : {}) });

async function write(local: string, key: string, body: string, parentId?: string): Promise<string> {
  await as(local);
  const result = await actions.createCommentAction(comment(item(key), body, parentId));
  expect(result).toMatchObject({ ok: true });
  return (result as { data: { id: string } }).data.id;
}
async function countOf(key: string): Promise<number> {
  const [row] = await h.db.select().from(schema.contentConversation).where(eq(schema.contentConversation.contentId, item(key)));
  return row?.commentCount ?? 0;
}
async function refused(call: () => Promise<unknown>) {
  expect(await expectUnchanged(TABLES, call)).toEqual({ ok: false, formError: REFUSED_MESSAGE });
}
async function problem(call: () => Promise<unknown>, expected: object) {
  expect(await expectUnchanged(TABLES, call)).toMatchObject(expected);
}
async function auditOf(action: string) {
  return h.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, action));
}

beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => h?.close());

describe("writing comments (K1 E3)", () => {
  it("K1 E3 an external member comments; the count and a notification event with the mentions are written in the same change", async () => {
    const staff = h.person(E("staff"));
    const id = await write("ext", "news", `Thanks @[Stan Staff](${staff}), see https://example.org/a.`);
    const [row] = await h.db.select().from(schema.comments).where(eq(schema.comments.id, id));
    expect(row).toMatchObject({ authorId: h.person(E("ext")), parentId: null, editedAt: null });
    expect(await countOf("news")).toBe(1);
    const events = await h.db.select().from(schema.notificationEvents).where(eq(schema.notificationEvents.commentId, id));
    expect(events).toEqual([expect.objectContaining({ kind: "comment", actorId: h.person(E("ext")), contentId: item("news"), recipientIds: [staff] })]);
    expect(await auditOf("comment.create")).toContainEqual(expect.objectContaining({ targetId: id }));
  });

  it("Q3 double submit: the same form sent twice writes one comment and counts it once", async () => {
    await as("staff");
    const input = comment(item("bid"), "Only once");
    const before = await countOf("bid");
    const [a, b] = await Promise.all([actions.createCommentAction(input), actions.createCommentAction(input)]);
    expect(a).toMatchObject({ ok: true, data: { id: input.id } });
    expect(b).toMatchObject({ ok: true, data: { id: input.id } });
    expect(await actions.createCommentAction(input)).toMatchObject({ ok: true, data: { id: input.id, created: false } });
    expect(await h.db.select().from(schema.comments).where(eq(schema.comments.body, "Only once"))).toHaveLength(1);
    expect(await countOf("bid")).toBe(before + 1);
  });

  it("Q3 empty, blank or 10 001 characters: a clear message, nothing written; 10 000 is fine", async () => {
    await as("ext");
    await problem(() => actions.createCommentAction(comment(item("news"), "")), { ok: false, fieldErrors: { body: COMMENT_EMPTY_MESSAGE } });
    await problem(() => actions.createCommentAction(comment(item("news"), "  \n ")), { ok: false, fieldErrors: { body: COMMENT_EMPTY_MESSAGE } });
    await problem(() => actions.createCommentAction(comment(item("news"), "x".repeat(10_001))), { ok: false, fieldErrors: { body: COMMENT_TOO_LONG_MESSAGE } });
    await problem(() => actions.createCommentAction(comment(item("news"), "a\u0000b")), { ok: false, fieldErrors: { body: expect.stringMatching(/control characters/) } });
    await problem(() => actions.createCommentAction({ ...comment(item("news"), "Hi"), id: "nonsense" }), { ok: false, fieldErrors: { id: expect.any(String) } });
    expect(await actions.createCommentAction(comment(item("news"), "y".repeat(10_000)))).toMatchObject({ ok: true });
  });

  it("K1 C2 refused, nothing written: a draft, an item one cannot view, a missing item", async () => {
    await as("author");
    await refused(() => actions.createCommentAction(comment(item("draft"), "On my draft")));
    await as("outsider");
    await refused(() => actions.createCommentAction(comment(item("news"), "Let me in")));
    await as("staff");
    await refused(() => actions.createCommentAction(comment(item("post"), "Not my group")));
    await refused(() => actions.createCommentAction(comment("00000000-0000-4000-8000-000000000000", "Nowhere")));
  });

  it("K1 C2 an item just restricted away from the writer, or just unpublished: refused, nothing written", async () => {
    await as("staff");
    const id = item("tolock");
    // The page loaded; then the item is unpublished.
    await h.db.update(schema.content).set({ status: "draft" }).where(eq(schema.content.id, id));
    await refused(() => actions.createCommentAction(comment(id, "Too late")));
    await h.db.update(schema.content).set({ status: "published" }).where(eq(schema.content.id, id));
    // Staff read Partners as members; removed from it, they may no longer comment there.
    await h.db.delete(schema.sectionMemberPeople).where(and(eq(schema.sectionMemberPeople.personId, h.person(E("staff"))), eq(schema.sectionMemberPeople.sectionId, h.section("partners"))));
    await refused(() => actions.createCommentAction(comment(id, "Still here?")));
    await h.db.insert(schema.sectionMemberPeople).values({ personId: h.person(E("staff")), sectionId: h.section("partners") });
    expect(await actions.createCommentAction(comment(id, "Back again"))).toMatchObject({ ok: true });
  });

  it("K1 one level of replies: a reply to a reply is refused with a message", async () => {
    const top = await write("staff", "news", "A thread");
    const reply = await write("ext", "news", "A reply", top);
    await as("staff");
    await problem(() => actions.createCommentAction(comment(item("news"), "Deeper", reply)), { ok: false, formError: expect.stringMatching(/first comment of a thread/) });
    // A reply names a comment of the same item.
    const other = await write("staff", "bid", "Elsewhere");
    await problem(() => actions.createCommentAction(comment(item("news"), "Cross", other)), { ok: false, formError: expect.stringMatching(/no longer exists/) });
  });
});

describe("editing and deleting one's own (K2 E3)", () => {
  it("K2 the author edits (marked edited); someone else's is refused, nothing changed", async () => {
    const id = await write("ext", "news", "First words");
    expect(await actions.editCommentAction({ commentId: id, body: "Better words" })).toMatchObject({ ok: true });
    const [row] = await h.db.select().from(schema.comments).where(eq(schema.comments.id, id));
    expect(row).toMatchObject({ body: "Better words", editedAt: expect.any(Date) });
    for (const who of ["staff", "mgr", "web"]) {
      await as(who);
      await refused(() => actions.editCommentAction({ commentId: id, body: "Not yours" }));
      await refused(() => actions.deleteCommentAction({ commentId: id }));
    }
    await as("ext");
    await problem(() => actions.editCommentAction({ commentId: id, body: "" }), { ok: false, fieldErrors: { body: COMMENT_EMPTY_MESSAGE } });
  });

  it("K2 a comment with replies keeps its place as deleted; without, it goes; the count follows (C4)", async () => {
    const before = await countOf("bid");
    const top = await write("ext", "bid", "Parent");
    const reply = await write("staff", "bid", "Child", top);
    const lone = await write("ext", "bid", "Alone");
    expect(await countOf("bid")).toBe(before + 3);
    await as("ext");
    expect(await actions.deleteCommentAction({ commentId: top })).toMatchObject({ ok: true, data: { kept: true } });
    expect(await actions.deleteCommentAction({ commentId: lone })).toMatchObject({ ok: true, data: { kept: false } });
    const [kept] = await h.db.select().from(schema.comments).where(eq(schema.comments.id, top));
    expect(kept).toMatchObject({ body: "", deletedAt: expect.any(Date) });
    expect(await h.db.select().from(schema.comments).where(eq(schema.comments.id, lone))).toEqual([]);
    expect(await countOf("bid")).toBe(before + 1);
    // A deleted comment cannot be edited or deleted again.
    await refused(() => actions.editCommentAction({ commentId: top, body: "Back" }));
    // The thread's last reply goes: so does its deleted first comment.
    await as("staff");
    expect(await actions.deleteCommentAction({ commentId: reply })).toMatchObject({ ok: true });
    expect(await h.db.select().from(schema.comments).where(eq(schema.comments.id, top))).toEqual([]);
    expect(await countOf("bid")).toBe(before);
  });
});

describe("turning comments off (K1)", () => {
  it("K1 the author, the section's editors and managers, webmasters; not a member; then new comments are refused on the server", async () => {
    const id = item("news");
    for (const who of ["staff", "ext"]) {
      await as(who);
      await refused(() => actions.setCommentsOffAction({ target: { kind: "content", id }, off: true }));
    }
    for (const who of ["author", "editor", "mgr", "web"]) {
      await as(who);
      expect(await actions.setCommentsOffAction({ target: { kind: "content", id }, off: true })).toMatchObject({ ok: true });
    }
    await as("ext");
    await problem(() => actions.createCommentAction(comment(id, "Anyone there?")), { ok: false, formError: COMMENTS_OFF_MESSAGE });
    const conversation = await getItemConversation(await viewerOf(E("ext")), id, { order: "newest" });
    expect(conversation).toMatchObject({ commentsOff: true, mayComment: true, mayToggle: false });
    await as("author");
    expect(await actions.setCommentsOffAction({ target: { kind: "content", id }, off: false })).toMatchObject({ ok: true });
    await as("ext");
    expect(await actions.createCommentAction(comment(id, "Open again"))).toMatchObject({ ok: true });
  });

  it("G5 a group item: its admins and its author while a member; not another member", async () => {
    const id = item("post");
    await as("gadmin");
    expect(await actions.setCommentsOffAction({ target: { kind: "content", id }, off: false })).toMatchObject({ ok: true });
    await as("gmember");
    expect(await actions.setCommentsOffAction({ target: { kind: "content", id }, off: false })).toMatchObject({ ok: true });
    await as("staff");
    await refused(() => actions.setCommentsOffAction({ target: { kind: "content", id }, off: true }));
  });
});

describe("reports and moderation (K2 K3 M8)", () => {
  it("K3 anyone who can read a comment reports it with a reason (required); not their own; twice while open is one report", async () => {
    const id = await write("staff", "news", "Rude words");
    await as("ext");
    await problem(() => actions.reportCommentAction({ commentId: id, reason: " " }), { ok: false, fieldErrors: { reason: expect.stringMatching(/why/) } });
    expect(await actions.reportCommentAction({ commentId: id, reason: "Rude" })).toMatchObject({ ok: true, data: { reported: true } });
    expect(await actions.reportCommentAction({ commentId: id, reason: "Still rude" })).toMatchObject({ ok: true, data: { reported: false } });
    expect(await h.db.select().from(schema.commentReports).where(eq(schema.commentReports.commentId, id))).toHaveLength(1);
    await as("staff");
    await refused(() => actions.reportCommentAction({ commentId: id, reason: "Myself" }));
    await as("outsider");
    await refused(() => actions.reportCommentAction({ commentId: id, reason: "Cannot see it" }));
  });

  it("K3 the queue lists exactly the comments the viewer may hide: section managers (and above), group admins, webmasters", async () => {
    const bid = await write("staff", "bid", "Reported in Bids");
    const post = await write("gmember", "post", "Reported in the club");
    await as("author");
    await actions.reportCommentAction({ commentId: bid, reason: "Off topic" });
    await as("gadmin");
    await actions.reportCommentAction({ commentId: post, reason: "Spam" });
    const queued = async (who: string) => (await listReportedComments(await viewerOf(E(who)), null, 1000)).items.map((i) => i.commentId);
    expect(await queued("mgr")).toContain(bid); // manager of Partners, above Bids (S7)
    expect(await queued("sub-mgr")).toContain(bid);
    expect(await queued("sub-mgr")).not.toContain(post);
    expect(await queued("gadmin")).toEqual([post]);
    expect(await queued("web")).toEqual(expect.arrayContaining([bid, post]));
    for (const who of ["editor", "author", "staff", "ext", "gmember"]) expect(await queued(who)).toEqual([]);
    // K3: the queue carries the reasons, never who reported.
    const entry = (await listReportedComments(await viewerOf(E("gadmin")))).items[0]!;
    expect(entry).toMatchObject({ reasons: ["Spam"], place: { label: "Club post" }, authorName: "Gus Group-Member" });
    expect(JSON.stringify(entry)).not.toContain("Gia");
  });

  it("K2 M8 a manager hides with a reason (required) and restores; others are refused; each is audited", async () => {
    const id = await write("ext", "bid", "Hide me");
    await as("editor");
    await actions.reportCommentAction({ commentId: id, reason: "Nasty" });
    for (const who of ["editor", "author", "staff", "gadmin"]) {
      await as(who);
      await refused(() => actions.hideCommentAction({ commentId: id, reason: "No" }));
    }
    await as("sub-mgr");
    await problem(() => actions.hideCommentAction({ commentId: id, reason: "" }), { ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(await actions.hideCommentAction({ commentId: id, reason: "Insulting" })).toMatchObject({ ok: true, data: { reports: 1 } });
    expect((await listReportedComments(await viewerOf(E("sub-mgr")), null, 1000)).items.map((i) => i.commentId)).not.toContain(id);
    expect((await listHiddenComments(await viewerOf(E("sub-mgr")))).items.map((i) => i.commentId)).toContain(id);

    // The author sees the reason and their text; others "hidden", with neither text nor reason (not in any byte).
    const forAuthor = await getItemConversation(await viewerOf(E("ext")), item("bid"), { order: "newest" });
    expect(forAuthor!.threads.find((t) => t.id === id)).toMatchObject({ state: "hidden", body: "Hide me", hiddenReason: "Insulting" });
    const forOther = await getItemConversation(await viewerOf(E("staff")), item("bid"), { order: "newest" });
    const seen = forOther!.threads.find((t) => t.id === id)!;
    expect(seen).toMatchObject({ state: "hidden", body: null, hiddenReason: null, mayReport: false });
    expect(JSON.stringify(forOther)).not.toContain("Hide me");
    // K3: the author is never told who reported (no reporter is read at all).
    expect(JSON.stringify(forAuthor)).not.toContain("Ed Editor");
    expect(JSON.stringify(forAuthor)).not.toContain(h.person(E("editor")));

    await as("ext");
    await problem(() => actions.editCommentAction({ commentId: id, body: "Sneaky" }), { ok: false, formError: expect.stringMatching(/hid/) });
    await as("web");
    expect(await actions.restoreCommentAction({ commentId: id })).toMatchObject({ ok: true });
    await problem(() => actions.restoreCommentAction({ commentId: id }), { ok: false, formError: expect.stringMatching(/not hidden/) });
    expect(await auditOf("comment.hide")).toContainEqual(expect.objectContaining({ targetId: id, details: expect.objectContaining({ reason: "Insulting" }) }));
    expect(await auditOf("comment.restore")).toContainEqual(expect.objectContaining({ targetId: id }));
  });

  it("K3 M8 dismissing a report leaves the comment as it is; audited; a second dismiss says so", async () => {
    const id = await write("gmember", "post", "Fine really");
    await as("gadmin");
    await actions.reportCommentAction({ commentId: id, reason: "Hmm" });
    await as("gmember");
    await refused(() => actions.dismissReportsAction({ commentId: id }));
    await as("gadmin");
    expect(await actions.dismissReportsAction({ commentId: id })).toMatchObject({ ok: true, data: { reports: 1 } });
    await problem(() => actions.dismissReportsAction({ commentId: id }), { ok: false, formError: expect.stringMatching(/already/) });
    const [row] = await h.db.select().from(schema.comments).where(eq(schema.comments.id, id));
    expect(row!.hiddenAt).toBeNull();
    expect(await auditOf("comment.reports.dismiss")).toContainEqual(expect.objectContaining({ targetId: id }));
  });

  it("C2 K3 a moderator never sees a report on an item they can no longer view", async () => {
    const id = await write("staff", "news", "In Partners");
    await as("ext");
    await actions.reportCommentAction({ commentId: id, reason: "Spam" });
    // The item moves into a group whose content the manager cannot read.
    await h.db.update(schema.content).set({ homeSectionId: null, homeGroupId: h.ids.groups.get("club")! }).where(eq(schema.content.id, item("news")));
    expect((await listReportedComments(await viewerOf(E("mgr")), null, 1000)).items.map((i) => i.commentId)).not.toContain(id);
    await as("mgr");
    await refused(() => actions.hideCommentAction({ commentId: id, reason: "Gone" }));
    await h.db.update(schema.content).set({ homeSectionId: h.section("partners"), homeGroupId: null }).where(eq(schema.content.id, item("news")));
  });
});

describe("the conversation's pages (K1)", () => {
  it("K1 newest or oldest first, keyset pages of top-level comments, replies under their parent", async () => {
    const key = "bid";
    // A fresh item's worth: delete what earlier tests wrote on it.
    await h.db.delete(schema.comments).where(eq(schema.comments.contentId, item(key)));
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await write("staff", key, `Comment ${i}`));
    await write("ext", key, "Reply to 0", ids[0]);
    const v = await viewerOf(E("ext"));
    const first = await getItemConversation(v, item(key), { order: "newest" });
    expect(first!.threads.map((t) => t.body)).toEqual(Array.from({ length: 20 }, (_, i) => `Comment ${22 - i}`));
    const second = await getItemConversation(v, item(key), { order: "newest", cursor: first!.next });
    expect(second!.threads.map((t) => t.body)).toEqual(["Comment 2", "Comment 1", "Comment 0"]);
    expect(second!.next).toBeNull();
    expect(second!.threads[2]!.replies.map((r) => r.body)).toEqual(["Reply to 0"]);
    const oldest = await getItemConversation(v, item(key), { order: "oldest" });
    expect(oldest!.threads[0]).toMatchObject({ body: "Comment 0", replies: [expect.objectContaining({ body: "Reply to 0", mine: true })] });
    // P6 E4 E5: authors' names link to their profiles only for viewers who may open them: the
    // external reader (no Users switch) sees Stan's name unlinked, their own linked; staff see both linked.
    expect(oldest!.threads[0]).toMatchObject({ authorName: "Stan Staff", authorLinked: false, replies: [expect.objectContaining({ authorName: "Xena External", authorLinked: true })] });
    const asStaff = await getItemConversation(await viewerOf(E("staff")), item(key), { order: "oldest" });
    expect(asStaff!.threads[0]).toMatchObject({ authorLinked: true, replies: [expect.objectContaining({ authorLinked: true })] });
    // An item the viewer cannot view has no conversation at all.
    expect(await getItemConversation(await viewerOf(E("outsider")), item(key), { order: "newest" })).toBeNull();
  });
});

describe("counts on listings (K1 C4)", () => {
  it("C4 the feed, a section's page and a group's page show each visible item's count; deleted comments leave it", async () => {
    const v = await viewerOf(E("mgr"));
    const feed = await listFeed(v, null, 100);
    expect(feed.items.find((i) => i.id === item("tolock"))!.commentCount).toBe(await countOf("tolock"));
    const before = await countOf("tolock");
    const id = await write("staff", "tolock", "Counted");
    const section = await getSection(v, "partners", { content: {} });
    expect(section.status).toBe("ok");
    if (section.status === "ok") expect(section.value.content!.items.find((i) => i.id === item("tolock"))!.commentCount).toBe(before + 1);
    await as("staff");
    await actions.deleteCommentAction({ commentId: id });
    expect((await listFeed(v, null, 100)).items.find((i) => i.id === item("tolock"))!.commentCount).toBe(before);
    // A group's page, for a member.
    const club = await getGroupPage(await viewerOf(E("gadmin")), "club");
    expect(club.status).toBe("ok");
    if (club.status === "ok" && club.value.access === "full") expect(club.value.content.items.find((i) => i.id === item("post"))!.commentCount).toBe(await countOf("post"));
    // C3: an item the viewer cannot see is not listed, so neither is its count.
    expect((await listFeed(await viewerOf(E("outsider")), null, 100)).items).toEqual([]);
  });
});
