/**
 * D4 C4 E4: content search — what each person finds (restricted sections, drafts, secret and
 * private groups, shares), relevance (title above body, stemming, accents, phrases,
 * exclusions), the filters and facet counts, highlights that carry no markup, the index kept
 * in the saving transaction, the broad plan finding what the narrow one finds, and bad input.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { content } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, signInAs, signOut, viewerOf } from "@/lib/testing/harness";

const { searchContent } = await import("./content-search");
const { searchParams } = await import("./params");
const { highlightSegments, withoutHighlights, HIGHLIGHT_START } = await import("./highlight");
const { suggest, titlePrefixQuery } = await import("./suggest");
const { suggestSearchAction } = await import("./actions");

const D = "search.test";
const e = (name: string) => `${name}@${D}`;

const org: OrgFile = {
  locations: [],
  teams: [
    { key: "north", name: "North", parent: null },
    { key: "partners", name: "Partners", parent: null },
  ],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("ada"), name: "Ada Archer", audience: "organisational", teams: ["north"] },
    { email: e("cy"), name: "Cy Cole", audience: "organisational" },
    { email: e("ed"), name: "Ed Editor", audience: "organisational" },
    { email: e("ext"), name: "Xena External", audience: "external", teams: ["partners"] },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: e("ed"), role: "editor" }] },
    { slug: "news-local", title: "Local news", parent: "news", restricted: false },
    { slug: "north-only", title: "North only", parent: null, restricted: true, teams: [{ team: "north", includeChildren: false }] },
    { slug: "partners", title: "Partners", parent: null, restricted: true, teams: [{ team: "partners", includeChildren: false }] },
  ],
  content: [
    { key: "open", type: "news", title: "Budget meeting on Friday", body: "<p>The <strong>budget</strong> for next year.</p>", section: "news", author: e("ed"), status: "published", publishedAt: "2026-10-01T09:00:00Z" },
    { key: "body-only", type: "blog", title: "Notes from the depot", body: "<p>We talked about the budget at length.</p>", section: "news-local", author: e("ed"), status: "published", publishedAt: "2026-10-05T09:00:00Z" },
    { key: "restricted", type: "news", title: "North budget secrets", body: "<p>Only for North.</p>", section: "north-only", author: e("ada"), status: "published", publishedAt: "2026-10-02T09:00:00Z" },
    { key: "shared", type: "page", title: "Partner budget guide", body: "<p>How partners claim.</p>", section: "partners", sharedInto: ["news"], author: e("ed"), status: "published", publishedAt: "2026-09-01T09:00:00Z" },
    { key: "draft", type: "news", title: "Draft budget plan", body: "<p>Not yet.</p>", section: "news", author: e("ada"), status: "draft" },
    { key: "cafe", type: "policy", title: "Café policies", body: "<p>Running meetings in the café.</p>", section: "news", author: e("ed"), status: "published", publishedAt: "2026-08-01T09:00:00Z" },
    { key: "secret-item", type: "news", title: "Secret club budget", body: "<p>Hush.</p>", group: "hidden", author: e("ada"), status: "published", publishedAt: "2026-10-03T09:00:00Z" },
    { key: "public-item", type: "event", title: "Choir budget night", body: "<p>Sing.</p>", group: "choir", author: e("ada"), status: "published", publishedAt: "2026-10-04T09:00:00Z", startsAt: "2026-12-10T18:00:00Z" },
    { key: "xss", type: "news", title: "Markup <b>budget</b> & \uE000tricks\uE001", body: "<p>&lt;script&gt;alert(1)&lt;/script&gt; budget</p>", section: "news", author: e("ed"), status: "published", publishedAt: "2026-07-01T09:00:00Z" },
  ],
  groups: [
    { slug: "hidden", name: "Hidden club", description: "", visibility: "secret", members: [{ person: e("ada"), admin: true }] },
    { slug: "choir", name: "Choir", description: "", visibility: "public", members: [{ person: e("ada"), admin: true }] },
  ],
};

let h: Harness;
const viewer = (name: string) => viewerOf(e(name));

async function titles(name: string, raw: Record<string, string>, broadAt?: number): Promise<string[]> {
  const outcome = await searchContent(await viewer(name), searchParams(raw), { db: h.db, broadAt });
  if (outcome.kind !== "results") return [];
  return outcome.hits.map((hit) => withoutHighlights(hit.title));
}

beforeAll(async () => {
  h = await createHarness(org);
});
afterAll(async () => h?.close());

describe("who finds what (C2–C4, G1, G6, S4–S6)", () => {
  it("an organisational person finds open and shared items, not restricted sections, others' drafts or secret groups", async () => {
    const found = await titles("cy", { q: "budget" });
    expect(found.sort()).toEqual(["Budget meeting on Friday", "Choir budget night", "Markup <b>budget</b> & tricks", "Notes from the depot", "Partner budget guide"].sort());
  });

  it("a team member finds their restricted section's items; the author and the section's editor find the draft; a group member finds the secret group's item", async () => {
    expect(await titles("ada", { q: "budget" })).toEqual(expect.arrayContaining(["North budget secrets", "Draft budget plan", "Secret club budget"]));
    const ed = await titles("ed", { q: "budget" });
    expect(ed).toContain("Draft budget plan");
    expect(ed).not.toContain("North budget secrets");
    expect(ed).not.toContain("Secret club budget");
  });

  it("a webmaster finds everything (S4)", async () => {
    expect((await titles("web", { q: "budget" })).length).toBe(8); // every item but the café policy
  });

  it("the place shown is one the viewer may see: a shared item names the section it is shared into, not its restricted home", async () => {
    const outcome = await searchContent(await viewer("cy"), searchParams({ q: "partner guide" }), { db: h.db });
    if (outcome.kind !== "results") throw new Error(outcome.kind);
    expect(outcome.hits[0]?.section).toEqual({ slug: "news", title: "News" });
    const choir = await searchContent(await viewer("cy"), searchParams({ q: "choir" }), { db: h.db });
    if (choir.kind !== "results") throw new Error(choir.kind);
    expect(choir.hits[0]?.group).toEqual({ slug: "choir", name: "Choir" });
  });
});

describe("relevance and the words (D4)", () => {
  it("a title match ranks above a body-only match; stemming and accents are folded", async () => {
    const found = await titles("cy", { q: "budget meeting" });
    expect(found[0]).toBe("Budget meeting on Friday");
    expect(await titles("cy", { q: "cafe policy" })).toEqual(["Café policies"]);
    expect(await titles("cy", { q: "run meeting" })).toEqual(["Café policies"]);
  });

  it("all words are required, quoted phrases and -word are honoured", async () => {
    expect(await titles("cy", { q: "budget depot" })).toEqual(["Notes from the depot"]);
    expect(await titles("cy", { q: '"budget meeting"' })).toEqual(["Budget meeting on Friday"]);
    expect((await titles("cy", { q: "budget -friday -depot -choir -partner -markup" }))).toEqual([]);
  });

  it("highlights mark the words and carry no markup: the item's own marks and tags are text", async () => {
    const outcome = await searchContent(await viewer("cy"), searchParams({ q: "markup" }), { db: h.db });
    if (outcome.kind !== "results") throw new Error(outcome.kind);
    const hit = outcome.hits[0]!;
    expect(highlightSegments(hit.title)).toEqual([
      { text: "Markup", marked: true },
      { text: " <b>budget</b> & tricks", marked: false },
    ]);
    // The body's escaped "<script>" is text; ts_headline drops what its parser reads as a tag,
    // and the page renders the rest as text (never as HTML).
    expect(withoutHighlights(hit.extract)).toContain("alert(1)");
    expect(hit.extract).not.toContain(`${HIGHLIGHT_START}script`);
    const both = await searchContent(await viewer("cy"), searchParams({ q: "markup budget" }), { db: h.db });
    if (both.kind !== "results") throw new Error(both.kind);
    expect(highlightSegments(both.hits[0]!.extract).filter((s) => s.marked)).toEqual([{ text: "budget", marked: true }]);
  });
});

describe("filters, facets and pages", () => {
  it("by type (the facets count every type before the type filter), by section including below it, by group, by dates", async () => {
    const outcome = await searchContent(await viewer("cy"), searchParams({ q: "budget", type: "news" }), { db: h.db });
    if (outcome.kind !== "results") throw new Error(outcome.kind);
    expect(outcome.total).toBe(2);
    expect(outcome.byType).toEqual({ news: 2, blog: 1, page: 1, policy: 0, event: 1, poll: 0, file: 0, idea: 0, wall: 0, query: 0 });
    expect((await titles("cy", { q: "budget", section: "news" })).sort()).toEqual(["Budget meeting on Friday", "Markup <b>budget</b> & tricks", "Notes from the depot", "Partner budget guide"]);
    expect(await titles("cy", { q: "budget", section: "news-local" })).toEqual(["Notes from the depot"]);
    expect(await titles("cy", { q: "budget", group: "choir" })).toEqual(["Choir budget night"]);
    expect((await titles("cy", { q: "budget", from: "2026-10-01", to: "2026-10-04" })).sort()).toEqual(["Budget meeting on Friday", "Choir budget night"]);
  });

  it("a section or group the viewer may not see filters to nothing and says so, never revealing what is there", async () => {
    for (const raw of [{ q: "budget", section: "north-only" }, { q: "budget", group: "hidden" }, { q: "budget", section: "no-such" }]) {
      const outcome = await searchContent(await viewer("cy"), searchParams(raw), { db: h.db });
      if (outcome.kind !== "results") throw new Error(outcome.kind);
      expect(outcome.unknownPlace).toBe(true);
    }
  });

  it("newest first orders by date; pages are bounded", async () => {
    expect(await titles("cy", { q: "budget", sort: "newest" })).toEqual(["Notes from the depot", "Choir budget night", "Budget meeting on Friday", "Partner budget guide", "Markup <b>budget</b> & tricks"]);
    expect(searchParams({ page: "9999" }).page).toBe(25);
    expect(searchParams({ page: "-1" }).page).toBe(1);
  });

  it("the broad plan ranks the newest visible published matches and the viewer's drafts: exactly those of the narrow plan's", async () => {
    const hits = async (who: string, broadAt?: number) => {
      const outcome = await searchContent(await viewer(who), searchParams({ q: "budget", sort: "newest" }), { db: h.db, broadAt });
      if (outcome.kind !== "results") throw new Error(outcome.kind);
      return outcome;
    };
    for (const who of ["cy", "ada", "ed", "web"]) {
      const narrow = await hits(who);
      expect(narrow.broad).toBe(false);
      const broad = await hits(who, 2);
      expect(broad.broad, who).toBe(true);
      const expected = [...narrow.hits.filter((x) => x.status === "draft"), ...narrow.hits.filter((x) => x.status === "published").slice(0, 2)];
      expect(broad.hits.map((x) => x.id).sort(), who).toEqual(expected.map((x) => x.id).sort());
    }
  });
});

describe("the index is kept in the saving transaction", () => {
  it("a changed title is found by its new words at once, and no longer by its old", async () => {
    await h.db.update(content).set({ title: "Rota for the harbour" }).where(eq(content.title, "Notes from the depot"));
    expect(await titles("cy", { q: "harbour" })).toEqual(["Rota for the harbour"]);
    expect(await titles("cy", { q: "depot" })).toEqual([]);
    await h.db.update(content).set({ title: "Notes from the depot" }).where(eq(content.title, "Rota for the harbour"));
  });
});

describe("bad input: a sensible answer or a clear message, never an error", () => {
  it.each([
    ["", "none"],
    ["!!!", "no-words"],
    ["the and of", "no-words"],
    ['"unbalanced budget', "results"],
    ["budget' or 1=1 --", "results"],
    ["budget & | ! <-> :* ( )", "results"],
    ["\\", "no-words"],
  ])("%j", async (q, kind) => {
    const outcome = await searchContent(await viewer("cy"), searchParams({ q }), { db: h.db });
    expect(outcome.kind).toBe(kind);
  });

  it("a 2 000-character query is refused with a message; a control character too", () => {
    expect(searchParams({ q: "x".repeat(2000) })).toMatchObject({ q: "", error: expect.stringMatching(/at most 200/) });
    expect(searchParams({ q: "a\u0000b" }).q).toBe("");
    expect(searchParams({ from: "2026-02-30" }).error).toMatch(/Give dates/);
    expect(searchParams({ from: "2026-03-02", to: "2026-03-01" })).toMatchObject({ from: null, to: null, error: expect.stringMatching(/after/) });
  });

  it("only punctuation or common words say so; nothing in the database changes", async () => {
    const before = await h.db.execute(sql`select count(*)::int as n from content`);
    await searchContent(await viewer("cy"), searchParams({ q: "'; drop table content; --" }), { db: h.db });
    expect(await h.db.execute(sql`select count(*)::int as n from content`)).toEqual(before);
  });
});

describe("suggestions as one types (D4)", () => {
  it("titles starting with the words typed, each kind as its own listing shows it: never a restricted section's, a draft or a secret group", async () => {
    const cy = await suggest(await viewer("cy"), "budg");
    expect(cy.content.map((c) => c.title).sort()).toEqual(["Budget meeting on Friday", "Choir budget night", "Markup <b>budget</b> & \uE000tricks\uE001", "Partner budget guide"].sort());
    const ada = await suggest(await viewer("ada"), "budg");
    expect(ada.content.map((c) => c.title)).toEqual(expect.arrayContaining(["North budget secrets", "Secret club budget"]));
    expect(ada.content.map((c) => c.title)).not.toContain("Draft budget plan"); // drafts are found on /search, not suggested
    expect((await suggest(await viewer("cy"), "news")).sections.map((x) => x.title)).toEqual(["Local news", "News"]);
    expect((await suggest(await viewer("cy"), "north")).sections).toEqual([]);
    expect((await suggest(await viewer("ada"), "north")).sections.map((x) => x.title)).toEqual(["North only"]);
    expect((await suggest(await viewer("cy"), "club")).groups).toEqual([]);
    expect((await suggest(await viewer("ada"), "club")).groups).toEqual([{ slug: "hidden", name: "Hidden club" }]);
    expect((await suggest(await viewer("cy"), "archer")).people.map((p) => p.name)).toEqual(["Ada Archer"]);
    expect((await suggest(await viewer("cy"), "partn")).teams).toEqual([{ key: "partners", name: "Partners" }]);
  });

  it("nothing from one character; what is typed never reaches to_tsquery as syntax", async () => {
    expect(await suggest(await viewer("cy"), "b")).toEqual({ content: [], sections: [], groups: [], people: [], teams: [], locations: [] });
    expect(titlePrefixQuery("budg' & !mee:* | (x)")).toBe("'budg':*A & 'mee':*A & 'x':*A");
    expect(titlePrefixQuery("!!! ???")).toBeNull();
    const odd = await suggest(await viewer("cy"), "'; -- %_\\");
    expect(odd.content).toEqual([]);
  });

  it("E4: the action refuses external people, and answers organisational ones", async () => {
    await signInAs(e("ext"));
    expect(await suggestSearchAction({ query: "budget" })).toMatchObject({ ok: false });
    await signInAs(e("cy"));
    const result = await suggestSearchAction({ query: "budget" });
    expect(result.ok && result.data.content.length).toBe(4);
    expect(await suggestSearchAction({ query: "x".repeat(300) })).toMatchObject({ ok: false, fieldErrors: { query: expect.anything() } });
    signOut();
  });
});
