/**
 * K5 C4 E5 E6 G8: notifications of comments on ideas, wall posts and queries. Who is told
 * (written by hand from the SPEC: the idea's author or the query's asker or the post's
 * author, an idea's followers, the author of the comment replied to, the people mentioned;
 * never the actor), what they are told (the idea's or query's title, "a wall post by …"),
 * where it leads, and that every one is decided again as its recipient when listed or
 * counted: not delivered once they may no longer view what it is about (the app's switch
 * turned off for an external person, the app turned off for everyone, a wall post hidden).
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { CommentTarget } from "@/lib/comments/schemas";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, signInAs, viewerOf } from "@/lib/testing/harness";

const { createCommentAction } = await import("@/lib/comments/actions");
const { expandDueEvents } = await import("./fan-out");
const { listNotifications, unreadCount } = await import("./queries");
const { pathOf, summaryOf } = await import("./describe");

const E = (local: string) => `${local}@notify-targets.test`;
const ORG = {
  teams: [{ key: "desk", name: "Help desk", parent: null }],
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("owner"), name: "Olive Owner", audience: "organisational" },
    { email: E("staff"), name: "Stan Staff", audience: "organisational" },
    { email: E("fan"), name: "Fay Fan", audience: "organisational" },
    { email: E("other"), name: "Oscar Other", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const person = (local: string) => h.person(E(local));
const mention = (local: string, name: string) => `@[${name}](${person(local)})`;

async function setSetting(key: "externalAccess" | "appsEnabled", value: Record<string, boolean>) {
  await h.db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}
const EXTERNAL_OFF = { users: false, locations: false, teams: false, ideas: false, messageWall: false, queries: false, groups: false };

async function comment(local: string, target: CommentTarget, body: string, parentId?: string): Promise<string> {
  await signInAs(E(local));
  const result = await createCommentAction({ id: randomUUID(), target, body, ...(parentId ? { parentId } : {}) });
  expect(result).toMatchObject({ ok: true });
  await expandDueEvents(h.db);
  return (result as { data: { id: string } }).data.id;
}

/** What `local` is told about `commentId` (listed as them), as the page shows it. */
async function toldOf(local: string, commentId: string) {
  const page = await listNotifications(h.db, await viewerOf(E(local)), { pageSize: 100 });
  return page.rows.filter((f) => f.commentId === commentId).map((f) => ({ kind: f.kind, summary: summaryOf(f), path: pathOf(f) }));
}
/** The notifications rows written for a comment, whoever may see them now. */
async function writtenFor(commentId: string) {
  const rows = await h.db.select({ recipientId: schema.notifications.recipientId, kind: schema.notifications.kind }).from(schema.notifications).where(eq(schema.notifications.commentId, commentId));
  const byId = new Map(["owner", "staff", "fan", "other", "ext", "web"].map((l) => [person(l), l]));
  return Object.fromEntries(rows.map((r) => [byId.get(r.recipientId), r.kind]));
}

beforeAll(async () => {
  h = await createHarness(ORG);
  await setSetting("externalAccess", { ...EXTERNAL_OFF, ideas: true });
});
afterAll(async () => h?.close());

describe("comments on an idea (G8 K5)", () => {
  let idea: CommentTarget;
  let first = "";

  it("tell its author, its followers and the people mentioned, each once, never the actor; a reply tells the comment's author", async () => {
    const [row] = await h.db.insert(schema.ideas).values({ authorId: person("owner"), title: "Bike racks" }).returning();
    idea = { kind: "idea", id: row!.id };
    await h.db.insert(schema.follows).values([{ personId: person("fan"), ideaId: idea.id }, { personId: person("staff"), ideaId: idea.id }]);
    first = await comment("staff", idea, `Yes! ${mention("ext", "Xena External")} ${mention("staff", "Stan Staff")}`);
    expect(await writtenFor(first)).toEqual({ owner: "comment_on_my_item", fan: "comment_on_followed", ext: "mention" });

    const at = `/ideas/${idea.id}#comment-${first}`;
    expect(await toldOf("owner", first)).toEqual([{ kind: "comment_on_my_item", summary: "Stan Staff commented on your idea “Bike racks”", path: at }]);
    expect(await toldOf("fan", first)).toEqual([{ kind: "comment_on_followed", summary: "Stan Staff commented on the idea “Bike racks”", path: at }]);
    expect(await toldOf("ext", first)).toEqual([{ kind: "mention", summary: "Stan Staff mentioned you in a comment on the idea “Bike racks”", path: at }]);

    const reply = await comment("owner", idea, "Thanks, on the list.", first);
    expect(await writtenFor(reply)).toEqual({ staff: "reply", fan: "comment_on_followed" });
    expect(await toldOf("staff", reply)).toEqual([{ kind: "reply", summary: "Olive Owner replied to your comment on the idea “Bike racks”", path: `/ideas/${idea.id}#comment-${reply}` }]);
  });

  it("E5 C4 not delivered to an external person once the Ideas switch is off (not listed, not counted); delivered again when it is back on", async () => {
    const ext = await viewerOf(E("ext"));
    expect(await unreadCount(h.db, ext)).toBe(1);
    await setSetting("externalAccess", EXTERNAL_OFF);
    expect(await toldOf("ext", first)).toEqual([]);
    expect(await unreadCount(h.db, ext)).toBe(0);
    // A new mention while the switch is off is not even written.
    const later = await comment("staff", idea, `Again ${mention("ext", "Xena External")}`);
    expect(await writtenFor(later)).toEqual({ owner: "comment_on_my_item", fan: "comment_on_followed" });
    await setSetting("externalAccess", { ...EXTERNAL_OFF, ideas: true });
    expect(await unreadCount(h.db, ext)).toBe(1);
  });

  it("C4 not delivered to anyone once a webmaster turned Ideas off for everyone", async () => {
    await setSetting("appsEnabled", { ideas: false, messageWall: true, queries: true });
    for (const local of ["owner", "fan", "ext"]) expect(await toldOf(local, first), local).toEqual([]);
    expect(await unreadCount(h.db, await viewerOf(E("owner")))).toBe(0);
    await setSetting("appsEnabled", { ideas: true, messageWall: true, queries: true });
    expect(await toldOf("owner", first)).toHaveLength(1);
  });

  it("K2 not delivered once the comment is hidden", async () => {
    await h.db.update(schema.comments).set({ hiddenAt: new Date(), hiddenReason: "Spam" }).where(eq(schema.comments.id, first));
    expect(await toldOf("owner", first)).toEqual([]);
    await h.db.update(schema.comments).set({ hiddenAt: null, hiddenReason: null }).where(eq(schema.comments.id, first));
  });
});

describe("comments on a wall post and a query (K5)", () => {
  it("a wall post is named by its author; once it is hidden only its author is still told", async () => {
    const [row] = await h.db.insert(schema.wallPosts).values({ authorId: person("owner"), body: "Lost umbrella" }).returning();
    const post: CommentTarget = { kind: "wallPost", id: row!.id };
    const id = await comment("staff", post, `Ask ${mention("other", "Oscar Other")}`);
    expect(await writtenFor(id)).toEqual({ owner: "comment_on_my_item", other: "mention" });
    const at = `/wall/${post.id}#comment-${id}`;
    expect(await toldOf("owner", id)).toEqual([{ kind: "comment_on_my_item", summary: "Stan Staff commented on your wall post", path: at }]);
    expect(await toldOf("other", id)).toEqual([{ kind: "mention", summary: "Stan Staff mentioned you in a comment on a wall post by Olive Owner", path: at }]);
    // K2: a hidden post is gone for everyone but its author and the wall's moderators.
    await h.db.update(schema.wallPosts).set({ hiddenAt: new Date(), hiddenReason: "Off topic" }).where(eq(schema.wallPosts.id, post.id));
    expect(await toldOf("other", id)).toEqual([]);
    expect(await unreadCount(h.db, await viewerOf(E("other")))).toBe(0);
    expect(await toldOf("owner", id)).toHaveLength(1);
  });

  it("a query's asker is told, with its title; an external person mentioned without the Queries switch is not", async () => {
    const [row] = await h.db.insert(schema.orgQueries).values({ askerId: person("owner"), teamId: h.team("desk"), title: "Parking permits", body: "Where?" }).returning();
    const query: CommentTarget = { kind: "query", id: row!.id };
    const id = await comment("staff", query, `Same question ${mention("ext", "Xena External")}`);
    expect(await writtenFor(id)).toEqual({ owner: "comment_on_my_item" });
    expect(await toldOf("owner", id)).toEqual([{ kind: "comment_on_my_item", summary: "Stan Staff commented on your query “Parking permits”", path: `/queries/${query.id}#comment-${id}` }]);
    const events = await h.db.select().from(schema.notificationEvents).where(and(eq(schema.notificationEvents.commentId, id), eq(schema.notificationEvents.queryId, query.id)));
    expect(events).toHaveLength(1);
  });
});
