/**
 * Comments on ideas, wall posts and queries (K1 K2 K3 E5 G8), through the same actions and
 * queries as comments on items, called as a browser's POST would (defineAction, the viewer
 * re-read on every call). Expectations are written from the rules: whoever may use the app
 * comments (a hidden wall post only its author and the wall's moderators); the author or
 * asker and the app's moderators turn comments off; the app's moderators hide, restore and
 * see reports; an external person only while the app's switch is on; nobody once a
 * webmaster turned the app off. Every refusal changes nothing.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";
import type { CommentTarget, CommentTargetKind } from "./schemas";

const actions = await import("./actions");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { getConversation, listHiddenComments, listReportedComments } = await import("./queries");
const { suggestMentionsAction } = await import("@/lib/mentions/actions");

const E = (local: string) => `${local}@targets.test`;
const ORG = {
  teams: [{ key: "desk", name: "Help desk", parent: null }],
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("owner"), name: "Olive Owner", audience: "organisational" },
    { email: E("staff"), name: "Stan Staff", audience: "organisational" },
    { email: E("other"), name: "Oscar Other", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
    { email: E("ideamod"), name: "Ida Idea-Moderator", audience: "organisational" },
    { email: E("wallmod"), name: "Wally Wall-Moderator", audience: "organisational" },
    { email: E("querymod"), name: "Quinn Query-Moderator", audience: "organisational" },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

const KINDS = ["idea", "wallPost", "query"] as const satisfies readonly CommentTargetKind[];
type AppKind = (typeof KINDS)[number];
const MODERATOR: Record<AppKind, string> = { idea: "ideamod", wallPost: "wallmod", query: "querymod" };
const APP: Record<AppKind, "ideas" | "messageWall" | "queries"> = { idea: "ideas", wallPost: "messageWall", query: "queries" };
const TABLES = [schema.comments, schema.commentReports, schema.ideas, schema.wallPosts, schema.orgQueries, schema.notificationEvents];

let h: Harness;
const as = async (local: string) => (await signInAs(E(local)))!;
const viewer = (local: string) => viewerOf(E(local));
const ids = { team: 0 };

/** A fresh idea, wall post or query, written by "owner" (the asker of a query). */
async function newTarget(kind: AppKind, options: { hidden?: boolean } = {}): Promise<CommentTarget> {
  const owner = h.person(E("owner"));
  if (kind === "idea") {
    const [row] = await h.db.insert(schema.ideas).values({ authorId: owner, title: "Quieter meeting rooms" }).returning();
    return { kind, id: row!.id };
  }
  if (kind === "wallPost") {
    const [row] = await h.db
      .insert(schema.wallPosts)
      .values({ authorId: owner, body: "Cake in the kitchen", ...(options.hidden ? { hiddenAt: new Date(), hiddenReason: "Not cake" } : {}) })
      .returning();
    return { kind, id: row!.id };
  }
  const [row] = await h.db.insert(schema.orgQueries).values({ askerId: owner, teamId: ids.team, title: "Who orders the paper?", body: "The printer is empty." }).returning();
  return { kind, id: row!.id };
}

async function write(local: string, target: CommentTarget, body: string, parentId?: string): Promise<string> {
  await as(local);
  const result = await actions.createCommentAction({ id: randomUUID(), target, body, ...(parentId ? { parentId } : {}) });
  expect(result).toMatchObject({ ok: true });
  return (result as { data: { id: string } }).data.id;
}

/** The target's own counter and switch, as its listings read them. */
async function stateOf(target: CommentTarget): Promise<{ count: number; off: boolean }> {
  const table = target.kind === "idea" ? schema.ideas : target.kind === "wallPost" ? schema.wallPosts : schema.orgQueries;
  const [row] = await h.db.select({ count: table.commentCount, off: table.commentsOff }).from(table).where(eq(table.id, target.id));
  return { count: row!.count, off: row!.off };
}

async function refused(call: () => Promise<unknown>) {
  expect(await expectUnchanged(TABLES, call)).toEqual({ ok: false, formError: REFUSED_MESSAGE });
}

async function setSetting(key: "externalAccess" | "appsEnabled", value: Record<string, boolean>) {
  await h.db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}
const ALL_EXTERNAL_OFF = { users: false, locations: false, teams: false, ideas: false, messageWall: false, queries: false, groups: false };
const ALL_APPS_ON = { ideas: true, messageWall: true, queries: true };

beforeAll(async () => {
  h = await createHarness(ORG);
  ids.team = h.team("desk");
  await h.db.insert(schema.appModerators).values([
    { app: "ideas", personId: h.person(E("ideamod")) },
    { app: "messageWall", personId: h.person(E("wallmod")) },
    { app: "queries", personId: h.person(E("querymod")) },
  ]);
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await setSetting("externalAccess", ALL_EXTERNAL_OFF);
  await setSetting("appsEnabled", ALL_APPS_ON);
});

describe.each(KINDS)("comments on a %s", (kind) => {
  const moderator = MODERATOR[kind];
  const otherModerator = MODERATOR[KINDS.find((k) => k !== kind)!];

  it("K1 C4 whoever may use the app writes and replies; the counter and a notification event with the target are written in the same change", async () => {
    const target = await newTarget(kind);
    const first = await write("staff", target, "Good point, @[Olive Owner](" + h.person(E("owner")) + ")");
    await write("owner", target, "Thanks", first);
    expect(await stateOf(target)).toEqual({ count: 2, off: false });
    const [row] = await h.db.select().from(schema.comments).where(eq(schema.comments.id, first));
    expect(row).toMatchObject({ contentId: null, ideaId: kind === "idea" ? target.id : null, wallPostId: kind === "wallPost" ? target.id : null, queryId: kind === "query" ? target.id : null });
    const [event] = await h.db.select().from(schema.notificationEvents).where(eq(schema.notificationEvents.commentId, first));
    expect(event).toMatchObject({
      kind: "comment",
      contentId: null,
      ideaId: kind === "idea" ? target.id : null,
      wallPostId: kind === "wallPost" ? target.id : null,
      queryId: kind === "query" ? target.id : null,
    });
    const conversation = await getConversation(await viewer("other"), target, { order: "oldest" });
    expect(conversation).toMatchObject({ count: 2, mayComment: true, mayToggle: false, mayModerate: false, commentsOff: false });
    expect(conversation!.threads.map((t) => [t.body, t.replies.map((r) => r.body)])).toEqual([[expect.stringContaining("Good point"), ["Thanks"]]]);
    // The app's moderator moderates here; the author or asker turns comments off.
    expect(await getConversation(await viewer(moderator), target, { order: "newest" })).toMatchObject({ mayModerate: true, mayToggle: true });
    expect(await getConversation(await viewer("owner"), target, { order: "newest" })).toMatchObject({ mayModerate: false, mayToggle: true });
    expect(await getConversation(await viewer(otherModerator), target, { order: "newest" })).toMatchObject({ mayModerate: false, mayToggle: false });
    // The same form sent again writes nothing more; a reply to a comment of another target is refused.
    await as("staff");
    expect(await expectUnchanged(TABLES, () => actions.createCommentAction({ id: first, target, body: "Good point" }))).toMatchObject({ ok: true, data: { created: false } });
    const elsewhere = await newTarget(kind);
    const result = await expectUnchanged(TABLES, () => actions.createCommentAction({ id: randomUUID(), target: elsewhere, parentId: first, body: "Lost" }));
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/replying to no longer exists/) });
  });

  it("K2 the author edits and deletes their own; others are refused and nothing changes; the counter follows", async () => {
    const target = await newTarget(kind);
    const id = await write("staff", target, "First thought");
    await as("other");
    await refused(() => actions.editCommentAction({ commentId: id, body: "Not mine" }));
    await refused(() => actions.deleteCommentAction({ commentId: id }));
    await as("staff");
    expect(await actions.editCommentAction({ commentId: id, body: "Second thought" })).toMatchObject({ ok: true });
    const [edited] = await h.db.select().from(schema.comments).where(eq(schema.comments.id, id));
    expect(edited).toMatchObject({ body: "Second thought", editedAt: expect.any(Date) });
    expect(await actions.deleteCommentAction({ commentId: id })).toMatchObject({ ok: true });
    expect(await h.db.select().from(schema.comments).where(eq(schema.comments.id, id))).toEqual([]);
    expect((await stateOf(target)).count).toBe(0);
  });

  it("K3 K2 M8 reports reach the app's moderators (named where it is); they hide with a reason and restore; others are refused", async () => {
    const target = await newTarget(kind);
    const id = await write("staff", target, "Something rude");
    await as("staff");
    await refused(() => actions.reportCommentAction({ commentId: id, reason: "Mine" }));
    await as("other");
    expect(await actions.reportCommentAction({ commentId: id, reason: "Rude" })).toMatchObject({ ok: true, data: { reported: true } });

    const queueOf = async (local: string) => (await listReportedComments(await viewer(local), null, 100)).items.filter((r) => r.commentId === id);
    const [entry] = await queueOf(moderator);
    const label = kind === "idea" ? "the idea “Quieter meeting rooms”" : kind === "wallPost" ? "a wall post by Olive Owner" : "the query “Who orders the paper?”";
    const href = kind === "idea" ? `/ideas/${target.id}` : kind === "wallPost" ? `/wall/${target.id}` : `/queries/${target.id}`;
    expect(entry).toMatchObject({ reasons: ["Rude"], authorName: "Stan Staff", place: { target, label, href } });
    expect(await queueOf("web")).toHaveLength(1);
    for (const nobody of ["owner", "staff", "other", otherModerator]) expect(await queueOf(nobody), nobody).toEqual([]);

    for (const nobody of ["owner", "other", otherModerator]) {
      await as(nobody);
      await refused(() => actions.hideCommentAction({ commentId: id, reason: "No" }));
      await refused(() => actions.dismissReportsAction({ commentId: id }));
    }
    await as(moderator);
    expect(await expectUnchanged(TABLES, () => actions.hideCommentAction({ commentId: id, reason: "  " }))).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(await actions.hideCommentAction({ commentId: id, reason: "Be kind" })).toMatchObject({ ok: true, data: { reports: 1 } });
    expect(await queueOf(moderator)).toEqual([]);
    const hidden = (await listHiddenComments(await viewer(moderator), null, 100)).items.filter((c) => c.commentId === id);
    expect(hidden).toMatchObject([{ reason: "Be kind", place: { label, href } }]);
    expect((await listHiddenComments(await viewer(otherModerator), null, 100)).items.filter((c) => c.commentId === id)).toEqual([]);
    // The author sees why; others see it hidden, without its text.
    const forAuthor = await getConversation(await viewer("staff"), target, { order: "newest" });
    expect(forAuthor!.threads[0]).toMatchObject({ state: "hidden", body: "Something rude", hiddenReason: "Be kind" });
    const forOther = await getConversation(await viewer("other"), target, { order: "newest" });
    expect(forOther!.threads[0]).toMatchObject({ state: "hidden", body: null, hiddenReason: null });
    await as(otherModerator);
    await refused(() => actions.restoreCommentAction({ commentId: id }));
    await as(moderator);
    expect(await actions.restoreCommentAction({ commentId: id })).toMatchObject({ ok: true });
    const audit = await h.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["comment.hide", "comment.restore"]));
  });

  it("K1 its author or asker and the app's moderators turn comments off; then new comments and replies are refused with a message", async () => {
    const target = await newTarget(kind);
    const first = await write("staff", target, "Before");
    for (const nobody of ["staff", otherModerator]) {
      await as(nobody);
      await refused(() => actions.setCommentsOffAction({ target, off: true }));
    }
    await as("owner");
    expect(await actions.setCommentsOffAction({ target, off: true })).toMatchObject({ ok: true });
    expect(await stateOf(target)).toEqual({ count: 1, off: true });
    await as("staff");
    const noun = kind === "idea" ? "this idea" : kind === "wallPost" ? "this post" : "this query";
    for (const input of [{ id: randomUUID(), target, body: "After" }, { id: randomUUID(), target, body: "Reply", parentId: first }]) {
      expect(await expectUnchanged(TABLES, () => actions.createCommentAction(input))).toEqual({ ok: false, formError: `Comments are turned off for ${noun}.` });
    }
    await as(moderator);
    expect(await actions.setCommentsOffAction({ target, off: false })).toMatchObject({ ok: true });
    await write("staff", target, "After");
    expect(await stateOf(target)).toEqual({ count: 2, off: false });
  });

  it("E5 an external person: refused while the app's switch is off, nothing changes; with it on they comment", async () => {
    const target = await newTarget(kind);
    const id = await write("staff", target, "Staff only so far");
    await as("ext");
    await refused(() => actions.createCommentAction({ id: randomUUID(), target, body: "Let me in" }));
    await refused(() => actions.reportCommentAction({ commentId: id, reason: "Hm" }));
    expect(await getConversation(await viewer("ext"), target, { order: "newest" })).toBeNull();
    expect(await suggestMentionsAction({ target, query: "st" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });

    await setSetting("externalAccess", { ...ALL_EXTERNAL_OFF, [APP[kind]]: true });
    const mine = await write("ext", target, "Hello from outside");
    expect(await getConversation(await viewer("ext"), target, { order: "newest" })).toMatchObject({ count: 2, mayComment: true });
    // E6: the external person is suggested for mentions now, to staff writing there.
    await as("staff");
    expect(await suggestMentionsAction({ target, query: "xena" })).toMatchObject({ ok: true, data: [expect.objectContaining({ name: "Xena External" })] });

    // Switched off again: not even their own comment may be edited; the conversation is gone for them.
    await setSetting("externalAccess", ALL_EXTERNAL_OFF);
    await as("ext");
    await refused(() => actions.editCommentAction({ commentId: mine, body: "Changed" }));
    expect(await getConversation(await viewer("ext"), target, { order: "newest" })).toBeNull();
    await as("staff");
    expect(await suggestMentionsAction({ target, query: "xena" })).toEqual({ ok: true, data: [] });
  });

  it("the app turned off for everyone: no conversation, every action refused (webmasters and moderators too), nothing in the queue", async () => {
    const target = await newTarget(kind);
    const id = await write("staff", target, "Soon switched off");
    await as("other");
    await actions.reportCommentAction({ commentId: id, reason: "Check" });
    await setSetting("appsEnabled", { ...ALL_APPS_ON, [APP[kind]]: false });
    for (const who of ["web", moderator, "owner", "staff"]) {
      expect(await getConversation(await viewer(who), target, { order: "newest" }), who).toBeNull();
      expect((await listReportedComments(await viewer(who), null, 100)).items.filter((r) => r.commentId === id), who).toEqual([]);
      await as(who);
      await refused(() => actions.createCommentAction({ id: randomUUID(), target, body: "Anyone?" }));
      await refused(() => actions.setCommentsOffAction({ target, off: true }));
      await refused(() => actions.hideCommentAction({ commentId: id, reason: "Late" }));
    }
    await as("staff");
    await refused(() => actions.editCommentAction({ commentId: id, body: "Edited" }));
    await refused(() => actions.deleteCommentAction({ commentId: id }));
  });
});

describe("comments on a hidden wall post (K2)", () => {
  it("only its author and the wall's moderators read and write them; others are refused and see nothing", async () => {
    const target = await newTarget("wallPost", { hidden: true });
    for (const who of ["staff", "querymod", "ideamod"]) {
      expect(await getConversation(await viewer(who), target, { order: "newest" }), who).toBeNull();
      await as(who);
      await refused(() => actions.createCommentAction({ id: randomUUID(), target, body: "Hm" }));
    }
    const id = await write("owner", target, "Why was it hidden?");
    await write("wallmod", target, "It was not cake.", id);
    expect(await getConversation(await viewer("owner"), target, { order: "newest" })).toMatchObject({ count: 2, mayComment: true, mayToggle: true });
    expect(await getConversation(await viewer("wallmod"), target, { order: "newest" })).toMatchObject({ mayModerate: true });
    // Restoring the post opens them to everyone who may use the wall.
    await h.db.update(schema.wallPosts).set({ hiddenAt: null, hiddenReason: null }).where(eq(schema.wallPosts.id, target.id));
    expect(await getConversation(await viewer("staff"), target, { order: "newest" })).toMatchObject({ count: 2, mayComment: true });
  });

  it("bad targets answer clearly and change nothing", async () => {
    await as("staff");
    const unknown = await expectUnchanged(TABLES, () => actions.createCommentAction({ id: randomUUID(), target: { kind: "poll", id: randomUUID() }, body: "Hi" }));
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { "target.kind": expect.stringMatching(/could not be found/) } });
    // A well-formed target that does not exist: refused (nobody may view it).
    await refused(() => actions.createCommentAction({ id: randomUUID(), target: { kind: "idea", id: randomUUID() }, body: "Hi" }));
    await refused(() => actions.setCommentsOffAction({ target: { kind: "query", id: randomUUID() }, off: true }));
  });
});
