/**
 * The Message Wall (G4 K2 K3 K4 E4 E5 E6 M8): its queries as each viewer sees them, and its
 * actions called as a browser's POST would (through defineAction, the viewer re-read on
 * every call). Expectations are written from the rules; every refusal or bad input answers
 * clearly AND leaves the wall's tables as they were.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

const actions = await import("./actions");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { EDIT_CONFLICT_MESSAGE, IMAGE_UNUSABLE_MESSAGE } = await import("./mutations");
const { ALT_REQUIRED_MESSAGE, POST_EMPTY_MESSAGE, POST_TOO_LONG_MESSAGE } = await import("./schemas");
const { getWallPost, listFavouriteWallPosts, listWallModerationQueue, listWallPosts } = await import("./queries");
const { expandDueEvents } = await import("@/lib/notifications/fan-out");
const { getUploadForViewer } = await import("@/lib/uploads/queries");

const E = (local: string) => `${local}@wall.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("mod"), name: "Moira Moderator", audience: "organisational" },
    { email: E("ann"), name: "Ann Author", audience: "organisational" },
    { email: E("bob"), name: "Bob Reader", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

const TABLES = [schema.wallPosts, schema.wallFavourites, schema.wallPostReports, schema.notificationEvents, schema.uploads];

let h: Harness;
const as = async (local: string) => (await signInAs(E(local)))!;
const newPost = (body: string, extra: Record<string, unknown> = {}) => ({ id: randomUUID(), body, ...extra });

async function post(local: string, body: string, extra: Record<string, unknown> = {}): Promise<string> {
  await as(local);
  const result = await actions.createWallPostAction(newPost(body, extra));
  expect(result).toMatchObject({ ok: true });
  return (result as { data: { id: string } }).data.id;
}
async function refused(call: () => Promise<unknown>) {
  expect(await expectUnchanged(TABLES, call)).toEqual({ ok: false, formError: REFUSED_MESSAGE });
}
async function setSwitch(key: "externalAccess" | "appsEnabled", value: Record<string, boolean>) {
  await h.db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}
async function clearSwitches() {
  await h.db.delete(schema.settings).where(sql`${schema.settings.key} in ('externalAccess', 'appsEnabled')`);
}

beforeAll(async () => {
  h = await createHarness(ORG);
  await h.db.insert(schema.appModerators).values({ app: "messageWall", personId: h.person(E("mod")) });
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await clearSwitches();
  await h.db.delete(schema.wallPosts);
  await h.db.delete(schema.notificationEvents);
  await h.db.delete(schema.uploads);
});

describe("the wall as each viewer sees it (G4 E5)", () => {
  it("lists posts newest first in keyset pages, ties on the time broken by id, nothing twice or missed", async () => {
    const ann = h.person(E("ann"));
    const at = new Date("2026-01-01T10:00:00.123456Z");
    // Five posts written in the same microsecond, and two later ones.
    const same = await h.db
      .insert(schema.wallPosts)
      .values(Array.from({ length: 5 }, (_, i) => ({ authorId: ann, body: `Tie ${i}`, createdAt: at })))
      .returning({ id: schema.wallPosts.id });
    await h.db.insert(schema.wallPosts).values([
      { authorId: ann, body: "Later", createdAt: new Date("2026-01-02T10:00:00Z") },
      { authorId: ann, body: "Latest", createdAt: new Date("2026-01-03T10:00:00Z") },
    ]);
    const bob = await viewerOf(E("bob"));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listWallPosts>> = await listWallPosts(bob, cursor, { limit: 2 });
      expect(page).not.toBeNull();
      seen.push(...page!.items.map((p) => p.body!));
      cursor = page!.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen.slice(0, 2)).toEqual(["Latest", "Later"]);
    const tieIds = same.map((r) => r.id).sort().reverse();
    const byBody = new Map((await h.db.select().from(schema.wallPosts)).map((r) => [r.body, r.id]));
    expect(seen.slice(2).map((b) => byBody.get(b))).toEqual(tieIds);
  });

  it("E5: externals see the wall only with the Message Wall switch; nobody while the app is off", async () => {
    await post("ann", "Hello wall");
    const ext = await viewerOf(E("ext"));
    const web = await viewerOf(E("web"));
    expect(await listWallPosts(ext)).toBeNull();
    await setSwitch("externalAccess", { messageWall: true });
    expect((await listWallPosts(ext))!.items.map((p) => p.body)).toEqual(["Hello wall"]);
    await setSwitch("appsEnabled", { messageWall: false });
    expect(await listWallPosts(ext)).toBeNull();
    expect(await listWallPosts(web)).toBeNull();
    expect(await listWallPosts(await viewerOf(E("bob")))).toBeNull();
  });

  it("K2: a hidden post reads 'hidden' to others, its text and reason to its author, its reason to moderators", async () => {
    const id = await post("ann", "Rude words");
    await as("mod");
    expect(await actions.hideWallPostAction({ postId: id, reason: "Not kind" })).toMatchObject({ ok: true });
    const bob = await getWallPost(await viewerOf(E("bob")), id);
    expect(bob).toMatchObject({ hidden: true, body: null, hiddenReason: null, mayReport: false });
    const ann = await getWallPost(await viewerOf(E("ann")), id);
    expect(ann).toMatchObject({ hidden: true, body: "Rude words", hiddenReason: "Not kind", mayEdit: false, mayDelete: true });
    const mod = await getWallPost(await viewerOf(E("mod")), id);
    expect(mod).toMatchObject({ hidden: true, hiddenReason: "Not kind", mayModerate: true });
    // K3: the reporter's name is never part of what anyone reads.
    expect(JSON.stringify(bob)).not.toContain("Rude words");
  });
});

describe("posting (G4 E4 E5)", () => {
  it("takes 500 characters and refuses 501 with a clear message, writing nothing", async () => {
    await post("ann", "x".repeat(500));
    await as("ann");
    const result = await expectUnchanged(TABLES, () => actions.createWallPostAction(newPost("y".repeat(501))));
    expect(result).toEqual({ ok: false, fieldErrors: { body: POST_TOO_LONG_MESSAGE } });
  });

  it("refuses empty text and control characters, writing nothing", async () => {
    await as("ann");
    expect(await expectUnchanged(TABLES, () => actions.createWallPostAction(newPost("   ")))).toEqual({ ok: false, fieldErrors: { body: POST_EMPTY_MESSAGE } });
    const ctl = await expectUnchanged(TABLES, () => actions.createWallPostAction(newPost("bell\u0007")));
    expect(ctl).toMatchObject({ ok: false, fieldErrors: { body: expect.any(String) } });
  });

  it("the same form sent twice writes one post", async () => {
    await as("ann");
    const input = newPost("Once");
    expect(await actions.createWallPostAction(input)).toMatchObject({ ok: true, data: { created: true } });
    expect(await actions.createWallPostAction(input)).toMatchObject({ ok: true, data: { created: false } });
    expect(await h.db.select().from(schema.wallPosts)).toHaveLength(1);
  });

  it("E4 E5: an external person posts only with the switch on", async () => {
    await as("ext");
    await refused(() => actions.createWallPostAction(newPost("From outside")));
    await setSwitch("externalAccess", { messageWall: true });
    expect(await actions.createWallPostAction(newPost("From outside"))).toMatchObject({ ok: true });
  });

  it("an image needs alternative text unless marked decorative, must be one's own unused upload, and is served to the post's readers only", async () => {
    const [mine] = await h.db.insert(schema.uploads).values({ uploaderId: h.person(E("ann")), mimeType: "image/png", byteSize: 10, width: 1, height: 1 }).returning();
    const [theirs] = await h.db.insert(schema.uploads).values({ uploaderId: h.person(E("bob")), mimeType: "image/png", byteSize: 10, width: 1, height: 1 }).returning();
    await as("ann");
    expect(await expectUnchanged(TABLES, () => actions.createWallPostAction(newPost("Look", { imageId: mine!.id })))).toEqual({ ok: false, fieldErrors: { imageAlt: ALT_REQUIRED_MESSAGE } });
    expect(await expectUnchanged(TABLES, () => actions.createWallPostAction(newPost("Look", { imageId: theirs!.id, imageAlt: "A cat" })))).toEqual({
      ok: false,
      fieldErrors: { imageId: IMAGE_UNUSABLE_MESSAGE },
    });
    // Before it is posted, only its uploader may fetch it.
    const bob = await viewerOf(E("bob"));
    const ann = await viewerOf(E("ann"));
    const ext = await viewerOf(E("ext"));
    const visible = async (who: typeof bob, id: string) =>
      (await h.db.select({ id: schema.uploads.id }).from(schema.uploads).where(eq(schema.uploads.id, id))).length > 0 && (await uploadReadable(who, id));
    expect(await visible(bob, mine!.id)).toBe(false);
    const id = await post("ann", "Look", { imageId: mine!.id, imageAlt: "A cat on a mat" });
    expect((await getWallPost(bob, id))!.image).toEqual({ src: `/api/uploads/${mine!.id}`, alt: "A cat on a mat" });
    expect(await visible(bob, mine!.id)).toBe(true);
    expect(await visible(ann, mine!.id)).toBe(true);
    expect(await visible(ext, mine!.id)).toBe(false);
    // Used by a post, the image cannot be used again.
    await as("ann");
    expect(await actions.createWallPostAction(newPost("Again", { imageId: mine!.id, decorative: true }))).toMatchObject({ ok: false, fieldErrors: { imageId: IMAGE_UNUSABLE_MESSAGE } });
    // A decorative image has empty alternative text.
    const [deco] = await h.db.insert(schema.uploads).values({ uploaderId: h.person(E("ann")), mimeType: "image/png", byteSize: 10, width: 1, height: 1 }).returning();
    const decoId = await post("ann", "Pretty", { imageId: deco!.id, decorative: true });
    expect((await getWallPost(bob, decoId))!.image).toEqual({ src: `/api/uploads/${deco!.id}`, alt: "" });
    // Hidden, its image is no longer the readers'.
    await as("mod");
    await actions.hideWallPostAction({ postId: id, reason: "No" });
    expect(await visible(bob, mine!.id)).toBe(false);
    expect(await visible(ann, mine!.id)).toBe(true);
    // Deleted with its post.
    await as("ann");
    expect(await actions.deleteWallPostAction({ postId: id })).toMatchObject({ ok: true });
    expect(await h.db.select().from(schema.uploads).where(eq(schema.uploads.id, mine!.id))).toHaveLength(0);
  });
});

/** Whether the upload's row passes getUploadForViewer's access rule (the object store is not asked). */
async function uploadReadable(viewer: Awaited<ReturnType<typeof viewerOf>>, id: string): Promise<boolean> {
  // getUploadForViewer answers null both for "no access" and "no object": the rows here have no object,
  // so the rule is checked by spying on the store through a stored object of the same key.
  const { objectStore } = await import("@/lib/storage/current");
  const store = objectStore();
  await store.put(id, new Uint8Array([1]), { size: 1, contentType: "image/png" }).catch(() => undefined);
  return (await getUploadForViewer(viewer, id)) !== null;
}

describe("editing and deleting one's own post (K2)", () => {
  it("the author edits (marked edited) and deletes; others are refused", async () => {
    const id = await post("ann", "First words");
    const before = (await getWallPost(await viewerOf(E("ann")), id))!;
    await as("bob");
    await refused(() => actions.editWallPostAction({ postId: id, body: "Mine now", version: before.version }));
    await refused(() => actions.deleteWallPostAction({ postId: id }));
    await as("mod");
    await refused(() => actions.editWallPostAction({ postId: id, body: "Moderated", version: before.version }));
    await as("ann");
    expect(await actions.editWallPostAction({ postId: id, body: "Better words", version: before.version })).toMatchObject({ ok: true });
    expect(await getWallPost(await viewerOf(E("bob")), id)).toMatchObject({ body: "Better words", edited: true });
    expect(await actions.deleteWallPostAction({ postId: id })).toMatchObject({ ok: true });
    expect(await getWallPost(await viewerOf(E("bob")), id)).toBeNull();
  });

  it("an edit made from an older version is refused with a message, nothing changed", async () => {
    const id = await post("ann", "Version one");
    const opened = (await getWallPost(await viewerOf(E("ann")), id))!.version;
    await as("ann");
    expect(await actions.editWallPostAction({ postId: id, body: "From tab one", version: opened })).toMatchObject({ ok: true });
    const stale = await expectUnchanged(TABLES, () => actions.editWallPostAction({ postId: id, body: "From tab two", version: opened }));
    expect(stale).toEqual({ ok: false, formError: EDIT_CONFLICT_MESSAGE });
    expect((await getWallPost(await viewerOf(E("ann")), id))!.body).toBe("From tab one");
  });

  it("a 501-character edit is refused", async () => {
    const id = await post("ann", "Short");
    const v = (await getWallPost(await viewerOf(E("ann")), id))!.version;
    await as("ann");
    expect(await expectUnchanged(TABLES, () => actions.editWallPostAction({ postId: id, body: "z".repeat(501), version: v }))).toEqual({ ok: false, fieldErrors: { body: POST_TOO_LONG_MESSAGE } });
  });
});

describe("favourites (K4)", () => {
  it("favouriting twice (two tabs) counts once; unfavouriting takes it away; it is listed with the person's favourites", async () => {
    const id = await post("ann", "Lovely");
    await as("bob");
    const [one, two] = await Promise.all([actions.favouriteWallPostAction({ postId: id, favourite: true }), actions.favouriteWallPostAction({ postId: id, favourite: true })]);
    expect(one).toMatchObject({ ok: true });
    expect(two).toMatchObject({ ok: true });
    const bob = await viewerOf(E("bob"));
    expect(await getWallPost(bob, id)).toMatchObject({ favouriteCount: 1, favourite: true });
    expect((await listFavouriteWallPosts(bob)).items.map((p) => p.id)).toEqual([id]);
    expect(await actions.favouriteWallPostAction({ postId: id, favourite: false })).toMatchObject({ ok: true, data: { favourite: false, count: 0 } });
    expect(await actions.favouriteWallPostAction({ postId: id, favourite: false })).toMatchObject({ ok: true, data: { count: 0 } });
    expect((await listFavouriteWallPosts(bob)).items).toEqual([]);
  });

  it("an external person without the switch cannot favourite, and a post they favourited leaves their list when the switch goes off", async () => {
    const id = await post("ann", "Outside view");
    await as("ext");
    await refused(() => actions.favouriteWallPostAction({ postId: id, favourite: true }));
    await setSwitch("externalAccess", { messageWall: true });
    expect(await actions.favouriteWallPostAction({ postId: id, favourite: true })).toMatchObject({ ok: true });
    await clearSwitches();
    expect((await listFavouriteWallPosts(await viewerOf(E("ext")))).items).toEqual([]);
  });
});

describe("moderation (K2 K3 M8)", () => {
  it("anyone who sees a post reports it once while open; moderators see it queued without the reporter; hiding settles it, restoring shows it again; both audited", async () => {
    const id = await post("ann", "Questionable");
    await as("ann");
    await refused(() => actions.reportWallPostAction({ postId: id, reason: "Own post" }));
    await as("bob");
    expect(await expectUnchanged(TABLES, () => actions.reportWallPostAction({ postId: id, reason: "  " }))).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(await actions.reportWallPostAction({ postId: id, reason: "Spam" })).toMatchObject({ ok: true, data: { reported: true } });
    expect(await actions.reportWallPostAction({ postId: id, reason: "Spam again" })).toMatchObject({ ok: true, data: { reported: false } });
    expect(await h.db.select().from(schema.wallPostReports)).toHaveLength(1);

    expect(await listWallModerationQueue(await viewerOf(E("bob")))).toBeNull();
    expect(await listWallModerationQueue(await viewerOf(E("ann")))).toBeNull();
    const queue = (await listWallModerationQueue(await viewerOf(E("mod"))))!;
    expect(queue.items).toMatchObject([{ postId: id, body: "Questionable", reasons: ["Spam"], hidden: false }]);
    expect(JSON.stringify(queue)).not.toContain("Bob");
    expect((await getWallPost(await viewerOf(E("ann")), id))!.reported).toBe(false);

    // Only moderators hide and restore.
    await as("bob");
    await refused(() => actions.hideWallPostAction({ postId: id, reason: "I say so" }));
    await as("mod");
    expect(await expectUnchanged(TABLES, () => actions.hideWallPostAction({ postId: id, reason: "" }))).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(await actions.hideWallPostAction({ postId: id, reason: "Spam" })).toMatchObject({ ok: true, data: { reports: 1 } });
    expect((await listWallModerationQueue(await viewerOf(E("web"))))!.items).toMatchObject([{ postId: id, hidden: true, reasons: [], hiddenReason: "Spam" }]);
    await as("bob");
    await refused(() => actions.restoreWallPostAction({ postId: id }));
    await as("web");
    expect(await actions.restoreWallPostAction({ postId: id })).toMatchObject({ ok: true });
    expect(await getWallPost(await viewerOf(E("bob")), id)).toMatchObject({ hidden: false, body: "Questionable" });
    expect((await listWallModerationQueue(await viewerOf(E("web"))))!.items).toEqual([]);

    const audit = await h.db.select({ action: schema.auditEvents.action }).from(schema.auditEvents).where(and(sql`${schema.auditEvents.action} in ('wall.post.hide', 'wall.post.restore')`, eq(schema.auditEvents.targetType, "wallPost"), eq(schema.auditEvents.targetId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["wall.post.hide", "wall.post.restore"]);
  });

  it("a moderator named for the wall no longer moderates once the app is off, and a person named for another app never does", async () => {
    const id = await post("ann", "Moderate me");
    await h.db.insert(schema.appModerators).values({ app: "ideas", personId: h.person(E("bob")) });
    await as("bob");
    await refused(() => actions.hideWallPostAction({ postId: id, reason: "Ideas moderator" }));
    await h.db.delete(schema.appModerators).where(and(eq(schema.appModerators.app, "ideas"), eq(schema.appModerators.personId, h.person(E("bob")))));
    await setSwitch("appsEnabled", { messageWall: false });
    await as("mod");
    await refused(() => actions.hideWallPostAction({ postId: id, reason: "Off" }));
  });
});

describe("mentions (E6)", () => {
  it("records a mention event with the post's id only, and tells only the mentioned who may use the wall", async () => {
    const bob = h.person(E("bob"));
    const ext = h.person(E("ext"));
    const body = `Hi @[Bob Reader](${bob}) and @[Xena External](${ext})`;
    const id = await post("ann", body);
    const [event] = await h.db.select().from(schema.notificationEvents);
    expect(event).toMatchObject({ kind: "mention", wallPostId: id, contentId: null, commentId: null });
    expect([...(event!.recipientIds ?? [])].sort()).toEqual([bob, ext].sort());
    await expandDueEvents(h.db);
    const rows = await h.db.select().from(schema.notifications).where(eq(schema.notifications.wallPostId, id));
    expect(rows.map((r) => [r.recipientId, r.kind])).toEqual([[bob, "mention"]]);

    const { listNotifications } = await import("@/lib/notifications/queries");
    const page = await listNotifications(h.db, await viewerOf(E("bob")));
    const facts = page.rows.find((r) => r.wallPostId === id);
    expect(facts).toBeTruthy();
    const { pathOf, summaryOf } = await import("@/lib/notifications/describe");
    expect(pathOf(facts!)).toBe(`/wall/${id}`);
    expect(summaryOf(facts!)).toBe("Ann Author mentioned you in a post on the Message Wall");
  });

  it("a mention is no longer shown once its reader may not use the wall, or the post is hidden", async () => {
    await setSwitch("externalAccess", { messageWall: true });
    const ext = h.person(E("ext"));
    const id = await post("ann", `For @[Xena External](${ext})`);
    await expandDueEvents(h.db);
    const { listNotifications } = await import("@/lib/notifications/queries");
    const shown = async () => (await listNotifications(h.db, await viewerOf(E("ext")))).rows.filter((r) => r.wallPostId === id).length;
    expect(await shown()).toBe(1);
    await clearSwitches();
    expect(await shown()).toBe(0);
    await setSwitch("externalAccess", { messageWall: true });
    await as("mod");
    await actions.hideWallPostAction({ postId: id, reason: "No" });
    expect(await shown()).toBe(0);
  });

  it("an edit tells only the people newly mentioned", async () => {
    const bob = h.person(E("bob"));
    const mod = h.person(E("mod"));
    const id = await post("ann", `Hi @[Bob Reader](${bob})`);
    const v = (await getWallPost(await viewerOf(E("ann")), id))!.version;
    await as("ann");
    await actions.editWallPostAction({ postId: id, body: `Hi @[Bob Reader](${bob}) and @[Moira Moderator](${mod})`, version: v });
    const events = await h.db.select().from(schema.notificationEvents).orderBy(schema.notificationEvents.id);
    expect(events.map((e) => e.recipientIds)).toEqual([[bob], [mod]]);
  });

  it("suggests people who may use the wall, never the writer", async () => {
    await as("ann");
    const found = await actions.suggestWallMentionsAction({ query: "re" });
    expect(found).toMatchObject({ ok: true });
    const names = (found as { data: { name: string }[] }).data.map((p) => p.name);
    expect(names).toContain("Bob Reader");
    expect(names).not.toContain("Ann Author");
    const xena = await actions.suggestWallMentionsAction({ query: "xena" });
    expect((xena as { data: unknown[] }).data).toEqual([]);
    await setSwitch("externalAccess", { messageWall: true });
    const again = await actions.suggestWallMentionsAction({ query: "xena" });
    expect((again as { data: { name: string }[] }).data.map((p) => p.name)).toEqual(["Xena External"]);
  });
});
