/**
 * D4 C4 G1 G6 G7 G8 E5 K2: search finds group files (by name, tags, description and text),
 * ideas, wall posts and queries, each only where the viewer may see it: a secret group's files
 * only to its members, ideas and queries only where the app is open to them (an external
 * person only with its switch), a hidden wall post only to its author and the moderators;
 * the type facets count them, the filters narrow them, the index follows their changes.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";

const { searchContent } = await import("./content-search");
const { searchParams } = await import("./params");
const { withoutHighlights } = await import("./highlight");
const { suggest } = await import("./suggest");

const D = "app-hits.test";
const e = (name: string) => `${name}@${D}`;

const org = {
  locations: [{ key: "depot", name: "Northgate Depot", address: "1 Depot Road" }],
  teams: [{ key: "desk", name: "Service desk", parent: null, acceptsQueries: true }],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("ada"), name: "Ada Archer", audience: "organisational", teams: ["desk"] },
    { email: e("cy"), name: "Cy Cole", audience: "organisational" },
    { email: e("ext"), name: "Xena External", audience: "external" },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false }],
  content: [
    { key: "n", type: "news", title: "Pothole season", body: "<p>Report potholes.</p>", section: "news", author: e("web"), status: "published", publishedAt: "2026-10-01T09:00:00Z" },
  ],
  groups: [
    {
      slug: "hidden",
      name: "Hidden club",
      description: "",
      visibility: "secret",
      members: [{ person: e("ada"), admin: true }],
    },
    {
      slug: "open",
      name: "Open club",
      description: "",
      visibility: "public",
      members: [{ person: e("ada"), admin: true }],
    },
  ],
  ideas: [{ title: "Fill potholes faster", description: "<p>A pothole hotline.</p>", tags: ["roads"], author: e("cy") }],
  wallPosts: [
    { author: e("cy"), body: "Huge pothole outside the depot, thanks @[Ada Archer](00000000-0000-4000-8000-000000000000)" },
    { author: e("ada"), body: "Another pothole by the school" },
  ],
  queries: [{ title: "Who fixes potholes?", body: "The one on Mill Lane.", asker: e("cy"), team: "desk" }],
};

let h: Harness;
const viewer = (name: string) => viewerOf(e(name));

async function hits(name: string, raw: Record<string, string>) {
  const outcome = await searchContent(await viewer(name), searchParams(raw), { db: h.db });
  if (outcome.kind !== "results") throw new Error(outcome.kind);
  return outcome;
}
const found = async (name: string, raw: Record<string, string>) =>
  (await hits(name, raw)).hits.map((x) => `${x.type}: ${withoutHighlights(x.title) || withoutHighlights(x.extract)}`).sort();

beforeAll(async () => {
  h = await createHarness(org);
  // Two files, with their text as an upload would have read it (lib/group-docs/extract-text.ts).
  await h.db.execute(sql`insert into group_files (group_id, name, description, tags, extracted_text, uploader_id) values
    ((select id from groups where slug = 'hidden'), 'Pothole survey.csv', 'Every pothole we counted', '{roads}', 'Mill Lane 14 potholes, Station Road 3 potholes', ${h.person(e("ada"))}),
    ((select id from groups where slug = 'open'), 'Minutes.txt', '', '{}', 'We agreed the gritting rota.', ${h.person(e("ada"))})`);
  // One wall post hidden by a moderator (K2).
  await h.db.execute(sql`update wall_posts set hidden_at = now(), hidden_reason = 'Off topic' where body like 'Another%'`);
});
afterAll(async () => h?.close());

describe("who finds what (C4 G1 G6 E5 K2)", () => {
  it("an organisational person finds the item, the idea, a visible wall post and the query; not a secret group's file or a hidden post", async () => {
    expect(await found("cy", { q: "pothole" })).toEqual([
      "idea: Fill potholes faster",
      "news: Pothole season",
      "query: Who fixes potholes?",
      "wall: Huge pothole outside the depot, thanks @Ada Archer",
    ]);
  });

  it("the secret group's member finds its file by its text and tags, and her own hidden post", async () => {
    const ada = await found("ada", { q: "pothole" });
    expect(ada).toContain("file: Pothole survey.csv");
    expect(ada).toContain("wall: Another pothole by the school");
    expect(await found("ada", { q: "Mill Lane" })).toEqual(["file: Pothole survey.csv", "query: Who fixes potholes?"]);
    expect(await found("cy", { q: "gritting rota" })).toEqual(["file: Minutes.txt"]);
  });

  it("the facets count each kind; the type filter keeps one", async () => {
    const outcome = await hits("ada", { q: "pothole", type: "file" });
    expect(outcome.byType).toMatchObject({ news: 1, file: 1, idea: 1, wall: 2, query: 1 });
    expect(outcome.total).toBe(1);
    expect(outcome.hits.map((x) => x.group)).toEqual([{ slug: "hidden", name: "Hidden club" }]);
  });

  it("a section filter keeps content only; a group filter content and that group's files; a tag filter what carries tags; an author filter theirs", async () => {
    expect(await found("ada", { q: "pothole", section: "news" })).toEqual(["news: Pothole season"]);
    expect(await found("ada", { q: "pothole", group: "hidden" })).toEqual(["file: Pothole survey.csv"]);
    expect(await found("ada", { q: "pothole", tag: "roads" })).toEqual(["file: Pothole survey.csv", "idea: Fill potholes faster"]);
    expect(await found("ada", { q: "pothole", author: h.person(e("cy")) })).toEqual([
      "idea: Fill potholes faster",
      "query: Who fixes potholes?",
      "wall: Huge pothole outside the depot, thanks @Ada Archer",
    ]);
  });

  it("the index follows an edit in the same transaction", async () => {
    await h.db.execute(sql`update ideas set title = 'Resurface Mill Lane' where title = 'Fill potholes faster'`);
    expect(await found("cy", { q: "resurface" })).toEqual(["idea: Resurface Mill Lane"]);
    const [row] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from ideas where search_vector @@ websearch_to_tsquery('portico_search', 'fill')`));
    expect(row!.n).toBe(0);
  });
});

describe("the Locations directory's names (P6 E5)", () => {
  it("organisational people are offered matching locations", async () => {
    expect((await suggest(await viewer("cy"), "northgate", h.db)).locations).toEqual([{ id: expect.any(Number), name: "Northgate Depot" }]);
  });
});
