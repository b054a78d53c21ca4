/**
 * D2 D4: GET /api/v1/search answers as the search page does (lib/search/params.ts searchParams,
 * lib/search/content-search.ts searchContent and, beside an unfiltered first page,
 * lib/search/suggest.ts suggest), for the token's person: external people refused (E4), the
 * page's own hits, counts and highlights for everyone else with every filter, pages that walk
 * every hit once, no hit the person may not open (C4), a bad parameter a 400 naming it, and
 * answers that agree with the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET } = await import("@/app/api/v1/search/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { searchContent } = await import("@/lib/search/content-search");
const { CONTENT_SEARCH_TYPES, searchParams } = await import("@/lib/search/params");
const { suggest } = await import("@/lib/search/suggest");
const { highlightSegments, withoutHighlights } = await import("@/lib/search/highlight");
const { getContent } = await import("@/lib/content/item");

const E = (local: string) => `${local}@api-search.test`;
/** A webmaster, a section editor, staff, an external member of Partners, a secret group's member. */
const PEOPLE = ["web", "ed", "staff", "ext", "gm"] as const;
const SEARCHERS = PEOPLE.filter((p) => p !== "ext");
const day = (d: number) => `2026-03-${String(d).padStart(2, "0")}T09:00:00Z`;
const budget = (i: number) => ({
  key: `b${i}`,
  type: i % 3 === 0 ? ("blog" as const) : ("news" as const),
  title: `Budget update ${i}`,
  body: `<p>The <em>budget</em> for week ${i}.</p>`,
  section: i % 2 ? "news" : "news-local",
  author: i % 4 === 0 ? E("staff") : E("ed"),
  status: "published" as const,
  publishedAt: day(1 + (i % 28)),
  tags: i % 5 === 0 ? ["Finance"] : [],
});
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("ed"), name: "Eddie Editor", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
    { email: E("gm"), name: "Gil Member", audience: "organisational" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: E("ed"), role: "editor" }] },
    { slug: "news-local", title: "Local news", parent: "news", restricted: false },
    { slug: "hr", title: "Personnel", parent: null, restricted: true, members: [E("gm")] },
    { slug: "partners", title: "Partners", parent: null, restricted: true, members: [E("ext")] },
  ],
  groups: [
    { slug: "cellar", name: "Cellar club", description: "", visibility: "secret", members: [{ person: E("gm"), admin: true }] },
    { slug: "choir", name: "Choir", description: "", visibility: "public", members: [{ person: E("gm"), admin: true }] },
  ],
  content: [
    ...Array.from({ length: 30 }, (_, i) => budget(i)),
    { key: "hr", type: "policy", title: "Personnel budget lines", body: "<p>Pay.</p>", section: "hr", author: E("web"), status: "published", publishedAt: day(3) },
    { key: "draft", type: "news", title: "Draft budget plan", body: "<p>Soon.</p>", section: "news", author: E("ed"), status: "draft" },
    { key: "secret", type: "news", title: "Cellar budget", body: "<p>Hush.</p>", group: "cellar", author: E("gm"), status: "published", publishedAt: day(4) },
    { key: "choir", type: "event", title: "Choir budget night", body: "<p>Sing.</p>", group: "choir", author: E("gm"), status: "published", publishedAt: day(5), startsAt: "2026-04-10T18:00:00Z" },
    { key: "partners", type: "page", title: "Partner budget guide", body: "<p>Claims.</p>", section: "partners", sharedInto: ["news"], author: E("web"), status: "published", publishedAt: day(6) },
    { key: "markup", type: "news", title: "Markup <b>budget</b> \uE000tricks\uE001", body: "<p>&lt;script&gt;alert(1)&lt;/script&gt; budget</p>", section: "news", author: E("ed"), status: "published", publishedAt: day(7) },
  ],
  ideas: [{ title: "A budget for snacks", description: "", author: E("staff"), status: "new" }],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const tokens = new Map<string, string>();
const check = documentValidator(openApiDocument());

beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of PEOPLE) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
});
afterAll(async () => h?.close());

const call = (who: string, raw: Record<string, string> | string = {}) => {
  const query = typeof raw === "string" ? raw : new URLSearchParams(raw).toString();
  return GET(apiRequest(`/search${query ? `?${query}` : ""}`, tokens.get(who)!));
};

/** The searches every person makes: each filter of the page, and the outcomes with nothing to search. */
const SEARCHES = (): Record<string, string>[] => [
  {},
  { q: "the" },
  { q: "budget" },
  { q: "budget", page: "2" },
  { q: "budget", type: "blog" },
  { q: "budget", type: "idea" },
  { q: "budget", section: "news" },
  { q: "budget", section: "hr" },
  { q: "budget", group: "cellar" },
  { q: "budget", group: "no-such-group" },
  { q: "budget", tag: "FINANCE" },
  { q: "budget", author: h.person(E("staff")) },
  { q: "budget", from: "2026-03-05", to: "2026-03-10" },
  { q: "budget", sort: "newest" },
  { q: "cellar" },
  { q: "news" },
  { q: '"budget update" -blog' },
];

type Outcome = Awaited<ReturnType<typeof searchContent>>;
type Names = Awaited<ReturnType<typeof suggest>>;

/** The page's answer in the API's words: what the search page shows for these parameters. */
function expected(raw: Record<string, string>, outcome: Outcome, names: Names | null) {
  const params = searchParams(raw);
  if (outcome.kind === "forbidden") throw new Error("searchers only");
  const zero = { news: 0, blog: 0, page: 0, policy: 0, event: 0, poll: 0, file: 0, idea: 0, wall: 0, query: 0 };
  if (outcome.kind !== "results") {
    return { outcome: outcome.kind, q: params.q, hits: [], total: 0, byType: zero, broad: false, page: params.page, pageCount: 0, section: null, group: null, author: null, unknownPlace: false, names: null };
  }
  return {
    outcome: "results",
    q: params.q,
    hits: outcome.hits.map((hit) => ({
      id: hit.id,
      type: hit.type,
      status: hit.status,
      title: withoutHighlights(hit.title),
      extract: withoutHighlights(hit.extract),
      highlights: { title: highlightSegments(hit.title), extract: highlightSegments(hit.extract) },
      publishedAt: hit.publishedAt ? hit.publishedAt.toISOString() : null,
      updatedAt: hit.updatedAt.toISOString(),
      section: hit.section,
      group: hit.group,
      author: hit.author,
    })),
    total: outcome.total,
    byType: outcome.byType,
    broad: outcome.broad,
    page: params.page,
    pageCount: Math.min(25, Math.max(1, Math.ceil(outcome.total / 20))),
    section: outcome.section,
    group: outcome.group,
    author: outcome.author,
    unknownPlace: outcome.unknownPlace,
    // The page lists content itself, so its names leave content out (withContent: false).
    names: names ? { sections: names.sections, groups: names.groups, people: names.people, teams: names.teams, locations: names.locations } : null,
  };
}

describe("D2 D4: search through the API is the search page's", () => {
  it("D2 D4 C4: every searcher × every search gets the page's own hits, counts, highlights and names", async () => {
    for (const who of SEARCHERS) {
      const viewer = await viewerOf(E(who));
      for (const raw of SEARCHES()) {
        const label = `${who} searching ${JSON.stringify(raw)}`;
        const response = await call(who, raw);
        expect(response.status, label).toBe(200);
        const body = await response.json();
        expect(check("SearchResults", body), label).toEqual([]);
        const params = searchParams(raw);
        const outcome = await searchContent(viewer, params);
        // The page shows the names that match beside the first page of a search with words and no filter.
        const unfiltered = params.q && params.page === 1 && !params.type && !params.section && !params.group && !params.tag && !params.author;
        const names = outcome.kind === "results" && unfiltered ? await suggest(viewer, params.q, undefined, { withContent: false }) : null;
        expect(body, label).toEqual(expected(raw, outcome, names));
      }
    }
  });

  it("D2 E4: external people are refused (403) whatever they ask, as the page refuses them, with nothing found in the answer", async () => {
    for (const raw of [{}, { q: "budget" }, { q: "partner" }, { q: "budget", section: "partners" }] as Record<string, string>[]) {
      const response = await call("ext", raw);
      expect(response.status).toBe(403);
      const text = await response.text();
      expect(check("Problem", JSON.parse(text))).toEqual([]);
      expect(text).not.toMatch(/budget|Partner|Claims/i);
    }
  });

  it("D2 D4 C4: page by page, a search walks every hit once, and every hit is one the person may open (each item's own page answers 200)", async () => {
    for (const who of SEARCHERS) {
      const viewer = await viewerOf(E(who));
      const first = await (await call(who, { q: "budget" })).json();
      expect(first.pageCount).toBe(Math.ceil(first.total / 20));
      const seen: { id: string; type: string }[] = [];
      for (let page = 1; page <= first.pageCount; page++) {
        const body = await (await call(who, { q: "budget", page: String(page) })).json();
        expect(body.total).toBe(first.total);
        seen.push(...body.hits);
      }
      expect(new Set(seen.map((s) => s.id)).size, who).toBe(seen.length);
      expect(seen.length, who).toBe(first.total);
      for (const hit of seen.filter((s) => (CONTENT_SEARCH_TYPES as readonly string[]).includes(s.type))) expect((await getContent(viewer, hit.id)).status, `${who}: ${hit.id}`).toBe("ok");
      // Past the last page: no hits, the same total.
      const past = await (await call(who, { q: "budget", page: String(first.pageCount + 1) })).json();
      expect(past).toMatchObject({ hits: [], total: first.total });
    }
  });

  it("D2 D4 C2 G1: what each person finds is the rules' — drafts to their editors, restricted items to members, the secret group's to its member only, never its name to others", async () => {
    const titles = async (who: string, raw: Record<string, string>) => {
      const first = await (await call(who, raw)).json();
      const all = [...first.hits];
      for (let page = 2; page <= first.pageCount; page++) all.push(...(await (await call(who, { ...raw, page: String(page) })).json()).hits);
      return all.map((hit: { title: string }) => hit.title);
    };
    const staff = await titles("staff", { q: "budget" });
    expect(staff).toEqual(expect.arrayContaining(["Partner budget guide", "Choir budget night", "A budget for snacks"]));
    for (const hidden of ["Draft budget plan", "Personnel budget lines", "Cellar budget"]) expect(staff).not.toContain(hidden);
    expect(await titles("ed", { q: "budget" })).toContain("Draft budget plan");
    const gm = await titles("gm", { q: "budget" });
    expect(gm).toEqual(expect.arrayContaining(["Cellar budget", "Personnel budget lines"]));
    // The secret group, as a filter: its member searches in it; to others it is as no group at all.
    const inCellar = await (await call("gm", { q: "budget", group: "cellar" })).json();
    expect(inCellar).toMatchObject({ group: { slug: "cellar", name: "Cellar club" }, unknownPlace: false, total: 1 });
    const forStaff = await (await call("staff", { q: "budget", group: "cellar" })).text();
    const unknown = await (await call("staff", { q: "budget", group: "no-such-group" })).text();
    expect(forStaff).toBe(unknown);
    expect(forStaff).not.toMatch(/Cellar/);
    const names = await (await call("staff", { q: "cellar" })).json();
    expect(names.names.groups).toEqual([]);
    expect((await (await call("gm", { q: "cellar" })).json()).names.groups).toEqual([{ slug: "cellar", name: "Cellar club" }]);
    // Names of sections, as each person may view them (S5): restricted Personnel only to its member.
    expect((await (await call("staff", { q: "personnel" })).json()).names.sections).toEqual([]);
    expect((await (await call("gm", { q: "personnel" })).json()).names.sections).toEqual([{ slug: "hr", title: "Personnel" }]);
    expect((await (await call("staff", { q: "news" })).json()).names.sections).toEqual([
      { slug: "news-local", title: "Local news" },
      { slug: "news", title: "News" },
    ]);
    // People where the directory is open to the caller (staff: always).
    expect((await (await call("staff", { q: "eddie" })).json()).names.people).toEqual([{ id: h.person(E("ed")), name: "Eddie Editor", jobTitle: null }]);
  });

  it("D2 D4: highlights are runs of plain text — the item's own markup and mark characters never read as marks", async () => {
    const body = await (await call("staff", { q: "markup" })).json();
    const hit = body.hits.find((x: { title: string }) => x.title.startsWith("Markup"));
    expect(hit.title).toBe("Markup <b>budget</b> tricks");
    expect(hit.highlights.title).toEqual([
      { text: "Markup", marked: true },
      { text: " <b>budget</b> tricks", marked: false },
    ]);
  });

  it("D2 Q3: a bad parameter is a 400 naming it, with the field's message, and nothing searched", async () => {
    const cases: [string, string][] = [
      ["q=budget&type=bogus", "type"],
      ["q=budget&type=news&type=blog", "type"],
      ["q=budget&sort=sideways", "sort"],
      ["q=budget&page=0", "page"],
      ["q=budget&page=abc", "page"],
      ["q=budget&page=26", "page"],
      ["q=budget&from=2026-02-30", "from"],
      ["q=budget&from=31%2F03%2F2026", "from"],
      ["q=budget&from=2026-03-10&to=2026-03-01", "to"],
      ["q=budget&author=nobody", "author"],
      ["q=budget&tag=a%2Cb", "tag"],
      [`q=${"budget ".repeat(40)}`, "q"],
      ["q=budget%00", "q"],
      [`q=budget&section=${"s".repeat(201)}`, "section"],
    ];
    for (const [query, field] of cases) {
      const response = await call("staff", query);
      expect(response.status, query).toBe(400);
      const problem = await response.json();
      expect(check("Problem", problem)).toEqual([]);
      expect(Object.keys(problem.errors), query).toEqual([field]);
      expect(problem.errors[field], query).toEqual(expect.any(String));
    }
    expect((await (await call("staff", "q=budget&page=26")).json()).errors.page).toBe("There are at most 25 pages of results: narrow the search to find more.");
  });
});
