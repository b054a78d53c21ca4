/**
 * D4: the search language (PORTICO_SEARCH_LANGUAGE): read and refused like every setting;
 * applied, it changes the stemmer and recomputes every stored vector in one go, so items
 * saved before are found by the new language's word forms ("chanter" finds "chantait"); applied again, nothing happens.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { applySearchLanguage, currentSearchDictionary, readSearchLanguage, searchLanguageProblem } from "@/db/search-language";

const { searchContent } = await import("@/lib/search/content-search");
const { searchParams } = await import("@/lib/search/params");

const e = (name: string) => `${name}@search-language.test`;
let h: Harness;

beforeAll(async () => {
  h = await createHarness({
    teams: [],
    locations: [],
    people: [{ email: e("cy"), name: "Cy Cole", audience: "organisational" }],
    sections: [{ slug: "news", title: "News", parent: null, restricted: false }],
    content: [
      { key: "fr", type: "news", title: "Elle chantait à la cantine", body: "<p>Les repas des élèves.</p>", section: "news", author: e("cy"), status: "published", publishedAt: "2026-10-01T09:00:00Z" },
    ],
    groups: [],
    ideas: [{ title: "Chanter dehors", author: e("cy") }],
  });
});
afterAll(async () => h?.close());

const finds = async (q: string) => {
  const outcome = await searchContent(await viewerOf(e("cy")), searchParams({ q }), { db: h.db });
  return outcome.kind === "results" ? outcome.total : -1;
};

describe("the setting", () => {
  it("defaults to English; takes a known language in any case; refuses anything else with a message naming the choices", () => {
    expect(readSearchLanguage({})).toEqual({ ok: true, language: "english" });
    expect(readSearchLanguage({ PORTICO_SEARCH_LANGUAGE: " French " })).toEqual({ ok: true, language: "french" });
    expect(searchLanguageProblem({ PORTICO_SEARCH_LANGUAGE: "klingon" })).toMatch(/^PORTICO_SEARCH_LANGUAGE must be one of: arabic, .*english.*french/);
    expect(searchLanguageProblem({ PORTICO_SEARCH_LANGUAGE: "english_stem; drop table content" })).not.toBeNull();
  });
});

describe("applying it (D4)", () => {
  it("English by default: the English stemmer", async () => {
    expect(await currentSearchDictionary(h.db)).toBe("english_stem");
    expect(await applySearchLanguage(h.db, "english", () => undefined)).toBe(false);
  });

  it("French: saved items and ideas are found by French word forms, accents still folded", async () => {
    expect(await finds("chanter")).toBe(1); // the idea only: English does not stem "chantait"
    const lines: string[] = [];
    expect(await applySearchLanguage(h.db, "french", (l) => lines.push(l))).toBe(true);
    expect(lines[0]).toMatch(/^Search now stems words in french/);
    expect(await currentSearchDictionary(h.db)).toBe("french_stem");
    expect(await finds("chanter")).toBe(2);
    expect(await finds("eleve")).toBe(1);
    const [row] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from content where search_vector @@ to_tsquery('portico_search', 'chant')`));
    expect(row!.n).toBe(1);
    // Applied again: nothing to do.
    expect(await applySearchLanguage(h.db, "french", () => undefined)).toBe(false);
  });

  it("back to English, and to simple (no stemming)", async () => {
    await applySearchLanguage(h.db, "english", () => undefined);
    expect(await finds("chanter")).toBe(1);
    await applySearchLanguage(h.db, "simple", () => undefined);
    expect(await currentSearchDictionary(h.db)).toBe("simple");
    expect(await finds("chantait")).toBe(1);
    expect(await finds("chant")).toBe(0);
  });
});
