/**
 * K4 E3 E4 E5 C4: favourites, ratings and follows through their server actions, as a
 * browser's POST would call them. Allowed calls change exactly what they say (twice:
 * no duplicate); refused ones answer "no permission" and change nothing; the Favourites
 * listing shows only what the viewer can view now.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentConversation, favourites, follows, ratings, sectionMemberPeople, settings } from "@/db/schema";
import { REFUSED_MESSAGE } from "@/lib/actions";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

const actions = await import("./actions");
const { itemReactions, listFavourites, ratingCounters } = await import("./queries");
const { getSection } = await import("@/lib/sections/queries");
const { getGroupPage } = await import("@/lib/groups/queries");

/** The Follow button's state on a section's and a group's page, as the page reads it (in its own query). */
async function followsSection(viewer: Awaited<ReturnType<typeof viewerOf>>, slug: string) {
  const page = await getSection(viewer, slug);
  return page.status === "ok" ? page.value.following : null;
}
async function followsGroup(viewer: Awaited<ReturnType<typeof viewerOf>>, slug: string) {
  const page = await getGroupPage(viewer, slug);
  return page.status === "ok" && page.value.access === "full" ? page.value.following : null;
}

const TABLES = [favourites, ratings, follows, contentConversation];
const ORG = {
  people: [
    { email: "staff@r.example", name: "Sam Staff", audience: "organisational" },
    { email: "other@r.example", name: "Olga Other", audience: "organisational" },
    { email: "ext@r.example", name: "Ezra External", audience: "external" },
    { email: "out@r.example", name: "Otto Outsider", audience: "external" },
  ],
  sections: [
    { slug: "open", title: "Open", parent: null, restricted: false, members: ["ext@r.example"] },
    { slug: "closed", title: "Closed", parent: null, restricted: true, members: ["staff@r.example"] },
  ],
  groups: [
    { slug: "club", name: "Club", description: "", visibility: "private", members: [{ person: "other@r.example", admin: true }] },
    { slug: "square", name: "Square", description: "", visibility: "public", members: [{ person: "other@r.example", admin: true }] },
  ],
  content: [
    { key: "news", type: "news", title: "Open news", body: "<p>x</p>", section: "open", author: "other@r.example", status: "published" },
    { key: "draft", type: "news", title: "A draft", body: "<p>x</p>", section: "open", author: "other@r.example", status: "draft" },
    { key: "secret", type: "news", title: "Closed news", body: "<p>x</p>", section: "closed", author: "other@r.example", status: "published" },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => h?.close());

const refused = { ok: false, formError: REFUSED_MESSAGE };

describe("K4 E3 favourites", () => {
  it("an external member favourites an item they can view, twice without a second row, and un-favourites it", async () => {
    await signInAs("ext@r.example");
    const id = h.content("news");
    expect(await actions.favouriteAction({ id, favourite: true })).toEqual({ ok: true, data: { favourite: true } });
    expect(await actions.favouriteAction({ id, favourite: true })).toEqual({ ok: true, data: { favourite: true } });
    const rows = await h.db.select().from(favourites).where(eq(favourites.contentId, id));
    expect(rows).toHaveLength(1);
    expect((await itemReactions(await viewerOf("ext@r.example"), id)).favourite).toBe(true);
    expect(await actions.favouriteAction({ id, favourite: false })).toEqual({ ok: true, data: { favourite: false } });
    expect(await h.db.select().from(favourites).where(eq(favourites.contentId, id))).toHaveLength(0);
  });

  it("C2: an item one cannot view is refused and nothing changes", async () => {
    await signInAs("ext@r.example");
    expect(await expectUnchanged(TABLES, () => actions.favouriteAction({ id: h.content("secret"), favourite: true }))).toEqual(refused);
    expect(await expectUnchanged(TABLES, () => actions.favouriteAction({ id: h.content("draft"), favourite: true }))).toEqual(refused);
  });

  it("bad input gets a message and changes nothing", async () => {
    await signInAs("ext@r.example");
    const result = await expectUnchanged(TABLES, () => actions.favouriteAction({ id: "nope", favourite: true }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { id: expect.any(String) } });
  });

  it("C4: the Favourites page lists only what the viewer can view now", async () => {
    await signInAs("staff@r.example");
    await actions.favouriteAction({ id: h.content("news"), favourite: true });
    await actions.favouriteAction({ id: h.content("secret"), favourite: true });
    const titles = async () => (await listFavourites(await viewerOf("staff@r.example"))).items.map((i) => i.title).sort();
    expect(await titles()).toEqual(["Closed news", "Open news"]);
    // Staff leaves the restricted section: the item goes from the list, title and all.
    await h.db.delete(sectionMemberPeople).where(and(eq(sectionMemberPeople.personId, h.person("staff@r.example")), eq(sectionMemberPeople.sectionId, h.section("closed"))));
    expect(await titles()).toEqual(["Open news"]);
    // Letting go of a favourite one can no longer view still works (one's own row).
    expect(await actions.favouriteAction({ id: h.content("secret"), favourite: false })).toEqual({ ok: true, data: { favourite: false } });
  });

  it("keyset pages: every favourite once, across pages", async () => {
    await signInAs("other@r.example");
    for (const key of ["news", "draft", "secret"]) await actions.favouriteAction({ id: h.content(key), favourite: true });
    const viewer = await viewerOf("other@r.example");
    const first = await listFavourites(viewer, null, 1);
    expect(first.items).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const second = await listFavourites(viewer, first.next, 1);
    // The author of "Closed news" is no member of its restricted section: not listed to them (C2 C4).
    const third = second.next ? await listFavourites(viewer, second.next, 1) : { items: [], next: null };
    expect(third).toEqual({ items: [], next: null });
    expect([...first.items, ...second.items].map((i) => i.title).sort()).toEqual(["A draft", "Open news"]);
  });
});

describe("K4 ratings", () => {
  it("one rating a person, changeable and removable; the counters follow in the same transaction", async () => {
    const id = h.content("news");
    await signInAs("ext@r.example");
    expect(await actions.rateAction({ id, stars: 4 })).toEqual({ ok: true, data: { myRating: 4, ratingCount: 1, ratingAverage: 4 } });
    await signInAs("other@r.example");
    expect(await actions.rateAction({ id, stars: 2 })).toEqual({ ok: true, data: { myRating: 2, ratingCount: 2, ratingAverage: 3 } });
    expect(await actions.rateAction({ id, stars: 5 })).toEqual({ ok: true, data: { myRating: 5, ratingCount: 2, ratingAverage: 4.5 } });
    expect(await ratingCounters(id)).toEqual({ count: 2, sum: 9 });
    expect(await actions.rateAction({ id, stars: null })).toEqual({ ok: true, data: { myRating: null, ratingCount: 1, ratingAverage: 4 } });
    expect(await actions.rateAction({ id, stars: null })).toEqual({ ok: true, data: { myRating: null, ratingCount: 1, ratingAverage: 4 } });
    expect(await ratingCounters(id)).toEqual({ count: 1, sum: 4 });
    const mine = await itemReactions(await viewerOf("ext@r.example"), id);
    expect(mine).toMatchObject({ myRating: 4, ratingCount: 1, ratingAverage: 4 });
  });

  it("refuses stars outside 1–5, items one cannot view, and drafts, changing nothing", async () => {
    await signInAs("ext@r.example");
    for (const stars of [0, 6, 2.5]) {
      const result = await expectUnchanged(TABLES, () => actions.rateAction({ id: h.content("news"), stars }));
      expect(result).toMatchObject({ ok: false, fieldErrors: { stars: "Choose from 1 to 5 stars." } });
    }
    expect(await expectUnchanged(TABLES, () => actions.rateAction({ id: h.content("secret"), stars: 3 }))).toEqual(refused);
    await signInAs("other@r.example");
    expect(await expectUnchanged(TABLES, () => actions.rateAction({ id: h.content("draft"), stars: 3 }))).toEqual({
      ok: false,
      formError: "You can rate this item once it is published.",
    });
  });
});

describe("K4 follows", () => {
  it("items, sections and groups the viewer can view; twice is once; unfollow", async () => {
    await signInAs("ext@r.example");
    const viewer = await viewerOf("ext@r.example");
    expect(await actions.followItemAction({ id: h.content("news"), follow: true })).toEqual({ ok: true, data: { following: true } });
    expect(await actions.followItemAction({ id: h.content("news"), follow: true })).toEqual({ ok: true, data: { following: true } });
    expect((await itemReactions(viewer, h.content("news"))).following).toBe(true);
    expect(await actions.followSectionAction({ sectionId: h.section("open"), follow: true })).toEqual({ ok: true, data: { following: true } });
    expect(await followsSection(viewer, "open")).toBe(true);
    expect(await followsSection(await viewerOf("staff@r.example"), "open")).toBe(false);
    const mine = await h.db.select().from(follows).where(eq(follows.personId, viewer.id));
    expect(mine).toHaveLength(2);
    expect(await actions.followSectionAction({ sectionId: h.section("open"), follow: false })).toEqual({ ok: true, data: { following: false } });
    expect(await followsSection(viewer, "open")).toBe(false);
  });

  it("refuses a section, an item and a group the viewer cannot view (G1 G3 E5)", async () => {
    await signInAs("ext@r.example");
    expect(await expectUnchanged(TABLES, () => actions.followSectionAction({ sectionId: h.section("closed"), follow: true }))).toEqual(refused);
    expect(await expectUnchanged(TABLES, () => actions.followItemAction({ id: h.content("secret"), follow: true }))).toEqual(refused);
    // Without the Groups switch, an external person follows no public group they are not in.
    expect(await expectUnchanged(TABLES, () => actions.followGroupAction({ groupId: h.ids.groups.get("square")!, follow: true }))).toEqual(refused);
    await signInAs("staff@r.example");
    // G1: a private group's content is for members: staff may not follow it from outside.
    expect(await expectUnchanged(TABLES, () => actions.followGroupAction({ groupId: h.ids.groups.get("club")!, follow: true }))).toEqual(refused);
    expect(await followsGroup(await viewerOf("staff@r.example"), "square")).toBe(false);
    expect(await actions.followGroupAction({ groupId: h.ids.groups.get("square")!, follow: true })).toEqual({ ok: true, data: { following: true } });
    expect(await followsGroup(await viewerOf("staff@r.example"), "square")).toBe(true);
    expect(await followsGroup(await viewerOf("other@r.example"), "square")).toBe(false);
  });

  it("E4 E5: staff follow people; externals only with the Users switch; nobody themself", async () => {
    await signInAs("staff@r.example");
    const other = h.person("other@r.example");
    expect(await actions.followPersonAction({ personId: other, follow: true })).toEqual({ ok: true, data: { following: true } });
    expect(await expectUnchanged(TABLES, () => actions.followPersonAction({ personId: h.person("staff@r.example"), follow: true }))).toEqual(refused);
    await signInAs("ext@r.example");
    expect(await expectUnchanged(TABLES, () => actions.followPersonAction({ personId: other, follow: true }))).toEqual(refused);
    await h.db.insert(settings).values({ key: "externalAccess", value: { users: true } }).onConflictDoUpdate({ target: settings.key, set: { value: { users: true } } });
    expect(await actions.followPersonAction({ personId: other, follow: true })).toEqual({ ok: true, data: { following: true } });
    await h.db.delete(settings).where(eq(settings.key, "externalAccess"));
  });
});
