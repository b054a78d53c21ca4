/**
 * D7 D4 C4: tags — stored in one form, learnt by the vocabulary in the saving transaction,
 * suggested only from what the writer may view (a tag used only in a secret group never
 * leaves it), a tag's page listing only what the viewer may view, searched as titles are and
 * filtered by, and renamed, merged and deleted everywhere by webmasters only (audited).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, content, contentVersions, ideas } from "@/db/schema";
import { rowsOf } from "@/db/connect";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";

const { suggestTags, taggedOthers, listTagUses, TAG_ADMIN_PAGE } = await import("./queries");
const { tagListParams } = await import("./admin-schemas");
const { listTagged } = await import("@/lib/content/listings");
const { suggestTagsAction, renameTagAction, deleteTagAction } = await import("./actions");
const { createContentAction, updateContentAction } = await import("@/lib/content/actions");
const { searchContent } = await import("@/lib/search/content-search");
const { searchParams } = await import("@/lib/search/params");
const { withoutHighlights } = await import("@/lib/search/highlight");
const { normaliseTags, splitTags, tagParam, tagHref } = await import("./schemas");

const D = "tags.test";
const e = (name: string) => `${name}@${D}`;

const org: Record<string, unknown> = {
  locations: [],
  teams: [{ key: "north", name: "North", parent: null }],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("ed"), name: "Ed Editor", audience: "organisational" },
    { email: e("cy"), name: "Cy Cole", audience: "organisational" },
    { email: e("ada"), name: "Ada Archer", audience: "organisational", teams: ["north"] },
    { email: e("ext"), name: "Xena External", audience: "external" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: e("ed"), role: "editor" }] },
    { slug: "north-only", title: "North only", parent: null, restricted: true, teams: [{ team: "north", includeChildren: false }] },
  ],
  content: [
    { key: "gritting", type: "news", title: "Gritters out tonight", body: "<p>Roads.</p>", section: "news", author: e("ed"), status: "published", publishedAt: "2026-10-01T09:00:00Z", tags: ["Winter Service", "roads"] },
    { key: "older", type: "page", title: "Routes explained", body: "<p>Maps.</p>", section: "news", author: e("ed"), status: "published", publishedAt: "2026-09-01T09:00:00Z", tags: ["winter service"] },
    { key: "north", type: "news", title: "North depot rota", body: "<p>Shifts.</p>", section: "north-only", author: e("ada"), status: "published", publishedAt: "2026-10-02T09:00:00Z", tags: ["winter service", "north rota"] },
    { key: "draft", type: "news", title: "Unfinished plan", body: "<p>Soon.</p>", section: "news", author: e("ed"), status: "draft", tags: ["winter service"] },
    { key: "secret", type: "news", title: "Merger talks", body: "<p>Hush.</p>", group: "hidden", author: e("ada"), status: "published", publishedAt: "2026-10-03T09:00:00Z", tags: ["project falcon"] },
  ],
  groups: [{ slug: "hidden", name: "Hidden club", description: "", visibility: "secret", members: [{ person: e("ada"), admin: true }] }],
  ideas: [{ title: "Salt bins on every street", author: e("cy"), tags: ["Winter service", "salt"] }],
};

let h: Harness;
const viewer = (name: string) => viewerOf(e(name));

beforeAll(async () => {
  h = await createHarness(org);
});
afterAll(async () => h?.close());

describe("the stored form (D7)", () => {
  it("normalises case, spaces and duplicates; refuses what cannot be a tag", () => {
    expect(normaliseTags(["  Winter   Service ", "winter service", "", "Roads"])).toEqual(["winter service", "roads"]);
    expect(splitTags("Parking, car  share ,parking")).toEqual(["parking", "car share"]);
    expect(tagParam("Winter Service")).toBe("winter service");
    expect(tagParam("a,b")).toBeNull();
    expect(tagParam("x".repeat(41))).toBeNull();
    expect(tagParam("")).toBeNull();
    expect(tagHref("winter service")).toBe("/tags/winter%20service");
  });

  it("the organisation file's tags are stored normalised, and the vocabulary knows every one (ideas' too)", async () => {
    const [row] = await h.db.select({ tags: content.tags }).from(content).where(eq(content.id, h.content("gritting")));
    expect(row!.tags).toEqual(["winter service", "roads"]);
    const names = rowsOf<{ name: string }>(await h.db.execute(sql`select name from tags order by name`)).map((r) => r.name);
    expect(names).toEqual(["north rota", "project falcon", "roads", "salt", "winter service"]);
  });
});

describe("suggestions come only from what the writer may view (D7 C4 G1)", () => {
  it("a tag used only in a secret group is suggested to its members and nobody else", async () => {
    expect(await suggestTags(await viewer("cy"), "proj", h.db)).toEqual([]);
    expect(await suggestTags(await viewer("ada"), "proj", h.db)).toEqual(["project falcon"]);
  });

  it("a tag used only in a restricted section is suggested to those who may view it", async () => {
    expect(await suggestTags(await viewer("cy"), "North", h.db)).toEqual([]);
    expect(await suggestTags(await viewer("ada"), "North", h.db)).toEqual(["north rota"]);
  });

  it("a tag on an idea is suggested to those who may use Ideas; not to an external person without the switch (E5)", async () => {
    expect(await suggestTags(await viewer("cy"), "sa", h.db)).toEqual(["salt"]);
    expect(await suggestTags(await viewer("ext"), "sa", h.db)).toEqual([]);
  });

  it("the action re-reads the viewer; signed out it refuses; a prefix with LIKE wildcards matches them as text", async () => {
    signOut();
    expect(await suggestTagsAction({ text: "win" })).toMatchObject({ ok: false });
    await signInAs(e("cy"));
    expect(await suggestTagsAction({ text: "WIN" })).toEqual({ ok: true, data: ["winter service"] });
    expect(await suggestTagsAction({ text: "%" })).toEqual({ ok: true, data: [] });
    expect(await suggestTagsAction({ text: "_" })).toEqual({ ok: true, data: [] });
    signOut();
  });
});

describe("a tag's page lists what the viewer may view (D7 C2–C4)", () => {
  it("published items with the tag, newest first, without restricted items, drafts or secret groups", async () => {
    const titles = async (name: string, tag: string) => (await listTagged(await viewer(name), tag)).items.map((i) => i.title);
    expect(await titles("cy", "winter service")).toEqual(["Gritters out tonight", "Routes explained"]);
    expect(await titles("ada", "winter service")).toEqual(["North depot rota", "Gritters out tonight", "Routes explained"]);
    expect(await titles("cy", "project falcon")).toEqual([]);
    expect(await titles("ada", "project falcon")).toEqual(["Merger talks"]);
  });

  it("ideas with the tag only for those who may use Ideas", async () => {
    expect((await taggedOthers(await viewer("cy"), "winter service", h.db)).ideas.map((i) => i.title)).toEqual(["Salt bins on every street"]);
    expect((await taggedOthers(await viewer("ext"), "winter service", h.db)).ideas).toEqual([]);
  });
});

describe("saving tags with an item (D7 C1)", () => {
  it("an editor's tags are normalised, learnt, searchable as the title is, and kept in the version", async () => {
    await signInAs(e("ed"));
    const created = await createContentAction({ type: "news", title: "Bridge closure", body: "<p>Detour via the ring road.</p>", sectionId: h.section("news"), intent: "publish", tags: ["Flood Defence", "roads", "ROADS"] });
    expect(created).toMatchObject({ ok: true });
    const id = created.ok ? created.data.id : "";
    const [row] = await h.db.select({ tags: content.tags }).from(content).where(eq(content.id, id));
    expect(row!.tags).toEqual(["flood defence", "roads"]);
    const found = await searchContent(await viewer("cy"), searchParams({ q: "defence" }), { db: h.db });
    expect(found.kind === "results" && found.hits.map((x) => withoutHighlights(x.title))).toEqual(["Bridge closure"]);
    expect(await suggestTags(await viewer("cy"), "flo", h.db)).toEqual(["flood defence"]);
    const [version] = await h.db.select({ details: contentVersions.details }).from(contentVersions).where(eq(contentVersions.contentId, id));
    expect(version!.details).toMatchObject({ tags: ["flood defence", "roads"] });

    // An edit that removes a tag: the search no longer finds the item by it.
    const updated = await updateContentAction({ id, baseVersion: 1, type: "news", title: "Bridge closure", body: "<p>Detour via the ring road.</p>", tags: ["roads"] });
    expect(updated).toMatchObject({ ok: true });
    const after = await searchContent(await viewer("cy"), searchParams({ q: "defence" }), { db: h.db });
    expect(after.kind === "results" && after.hits).toEqual([]);
    signOut();
  });

  it("too many tags, a tag too long or with a comma: a message beside the field, nothing written", async () => {
    await signInAs(e("ed"));
    const base = { type: "news", title: "Tagged too much", body: "", sectionId: h.section("news"), intent: "save" };
    for (const [tags, message] of [
      [Array.from({ length: 11 }, (_, i) => `tag ${i}`), "Use at most 10 tags."],
      [["x".repeat(41)], "Each tag can be at most 40 characters."],
      [["a,b"], "A tag cannot hold a comma: commas separate tags."],
    ] as const) {
      const result = await expectUnchanged([content, "tags"], () => createContentAction({ ...base, tags }));
      expect(result).toEqual({ ok: false, fieldErrors: { tags: message } });
    }
    signOut();
  });
});

describe("search filters by tag and author (D4 D7)", () => {
  it("the tag filter keeps items with the tag; the author filter keeps their items", async () => {
    const titles = async (raw: Record<string, string>) => {
      const found = await searchContent(await viewer("ada"), searchParams(raw), { db: h.db });
      return found.kind === "results" ? found.hits.map((x) => withoutHighlights(x.title)).sort() : null;
    };
    expect(await titles({ q: "rota OR gritters OR routes", tag: "Winter Service" })).toEqual(["Gritters out tonight", "North depot rota", "Routes explained"]);
    expect(await titles({ q: "rota OR gritters OR routes", tag: "winter service", author: h.person(e("ada")) })).toEqual(["North depot rota"]);
    expect(await titles({ q: "rota OR gritters OR routes", tag: "no such tag" })).toEqual([]);
    const outcome = await searchContent(await viewer("ada"), searchParams({ q: "rota", author: h.person(e("ada")) }), { db: h.db });
    expect(outcome.kind === "results" && outcome.author).toEqual({ id: h.person(e("ada")), name: "Ada Archer" });
  });
});

describe("webmasters rename, merge and delete tags everywhere (D7 M8)", () => {
  it("anyone else is refused and nothing changes", async () => {
    await signInAs(e("ed"));
    await expectUnchanged([content, ideas, "tags"], async () => {
      expect(await renameTagAction({ from: "roads", to: "highways" })).toMatchObject({ ok: false });
      expect(await deleteTagAction({ name: "roads", confirmed: true })).toMatchObject({ ok: false });
    });
    expect(await listTagUses(await viewer("ed"), undefined, h.db)).toBeNull();
    signOut();
  });

  it("a rename reaches content and ideas, the search follows, and it is audited", async () => {
    await signInAs(e("web"));
    const result = await renameTagAction({ from: "Winter Service", to: "Winter maintenance" });
    expect(result).toMatchObject({ ok: true, data: { from: "winter service", to: "winter maintenance", merged: false, changed: 5 } });
    const [idea] = await h.db.select({ tags: ideas.tags }).from(ideas);
    expect(idea!.tags).toEqual(["winter maintenance", "salt"]);
    const found = await searchContent(await viewer("cy"), searchParams({ q: "maintenance" }), { db: h.db });
    // D4: the idea is found by its renamed tag too.
    expect(found.kind === "results" && found.hits.map((x) => withoutHighlights(x.title)).sort()).toEqual(["Gritters out tonight", "Routes explained", "Salt bins on every street"]);
    const [audit] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "tag.rename"));
    expect(audit).toMatchObject({ targetType: "tag", targetId: "winter service" });
    signOut();
  });

  it("renaming into an existing tag merges once confirmed: an item with both keeps one, in the first one's place", async () => {
    await signInAs(e("web"));
    // Unconfirmed (the page that asked may not have shown the other tag): a clear answer, nothing changed.
    await expectUnchanged([content, ideas, "tags", auditEvents], async () => {
      expect(await renameTagAction({ from: "roads", to: "Winter  Maintenance" })).toEqual({
        ok: false,
        fieldErrors: { to: "“winter maintenance” is already a tag. Rename again to merge “roads” into it." },
      });
    });
    const result = await renameTagAction({ from: "roads", to: "winter maintenance", merge: true });
    expect(result).toMatchObject({ ok: true, data: { merged: true } });
    const [row] = await h.db.select({ tags: content.tags }).from(content).where(eq(content.id, h.content("gritting")));
    expect(row!.tags).toEqual(["winter maintenance"]);
    const uses = await listTagUses(await viewer("web"), undefined, h.db);
    expect(uses?.tags.map((u) => u.name)).not.toContain("roads");
    signOut();
  });

  it("tag administration lists a page of tags at a time, by name, and finds tags by any part of their name", async () => {
    const web = await viewer("web");
    const all = (await listTagUses(web, undefined, h.db))!;
    expect(all.next).toBeNull();
    const names = all.tags.map((t) => t.name);
    expect(names).toEqual([...names].sort());
    expect(all.tags.find((t) => t.name === "winter maintenance")).toMatchObject({ content: expect.any(Number), ideas: 1 });
    // Many tags: pages of TAG_ADMIN_PAGE, each after the last name of the one before, none twice.
    await h.db.execute(sql`insert into tags (name) select 'zz filler ' || lpad(i::text, 3, '0') from generate_series(1, ${TAG_ADMIN_PAGE + 5}) i`);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = (await listTagUses(web, tagListParams.parse({ q: "filler", after }), h.db))!;
      seen.push(...page.tags.map((t) => t.name));
      if (!page.next) break;
      expect(page.tags).toHaveLength(TAG_ADMIN_PAGE);
      after = page.next;
    }
    expect(seen).toHaveLength(TAG_ADMIN_PAGE + 5);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((n) => n.includes("filler"))).toBe(true);
    // What is typed is read as text: % and _ match themselves; a bad cursor is the first page.
    expect((await listTagUses(web, tagListParams.parse({ q: "%" }), h.db))!.tags).toEqual([]);
    expect((await listTagUses(web, tagListParams.parse({ q: "FILLER 00", after: ["x"] }), h.db))!.tags.map((t) => t.name)).toContain("zz filler 001");
    await h.db.execute(sql`delete from tags where name like 'zz filler %'`);
  });

  it("delete removes the tag from everything and the vocabulary; a tag that no longer exists is a clear message", async () => {
    await signInAs(e("web"));
    expect(await deleteTagAction({ name: "salt", confirmed: true })).toMatchObject({ ok: true, data: { changed: 1 } });
    const [idea] = await h.db.select({ tags: ideas.tags }).from(ideas);
    expect(idea!.tags).toEqual(["winter maintenance"]);
    expect(await deleteTagAction({ name: "salt", confirmed: true })).toEqual({ ok: false, formError: "This tag no longer exists. Reload the page." });
    expect(await renameTagAction({ from: "north rota", to: "a,b" })).toMatchObject({ ok: false, fieldErrors: { to: expect.any(String) } });
    signOut();
  });
});
