import "server-only";
/**
 * D2 D4: the search page's answer (lib/search/content-search.ts searchContent, and the names
 * that match, lib/search/suggest.ts suggest) in the API's shape. Highlights come as runs of
 * plain text by the page's own splitter (lib/search/highlight.ts), so no markup of an item
 * ever reaches an answer as markup.
 */
import type { z } from "zod";
import type { SearchHit, SearchOutcome } from "@/lib/search/content-search";
import { highlightSegments, withoutHighlights } from "@/lib/search/highlight";
import { SEARCH_MAX_PAGES, SEARCH_PAGE_SIZE, SEARCH_TYPES, type SearchParams, type SearchType } from "@/lib/search/params";
import type { Suggestions } from "@/lib/search/suggest";
import type { searchHitSchema, searchNamesSchema, searchResultsSchema } from "../endpoints/search";
import { iso } from "./common";

function apiHit(hit: SearchHit): z.input<typeof searchHitSchema> {
  return {
    id: hit.id,
    type: hit.type,
    status: hit.status,
    title: withoutHighlights(hit.title),
    extract: withoutHighlights(hit.extract),
    highlights: { title: highlightSegments(hit.title), extract: highlightSegments(hit.extract) },
    publishedAt: iso(hit.publishedAt),
    updatedAt: hit.updatedAt.toISOString(),
    section: hit.section,
    group: hit.group,
    author: hit.author,
  };
}

function apiNames(names: Suggestions): z.input<typeof searchNamesSchema> {
  return {
    sections: names.sections.map((s) => ({ slug: s.slug, title: s.title })),
    groups: names.groups.map((g) => ({ slug: g.slug, name: g.name })),
    people: names.people.map((p) => ({ id: p.id, name: p.name, jobTitle: p.jobTitle })),
    teams: names.teams.map((t) => ({ key: t.key, name: t.name })),
    locations: names.locations.map((l) => ({ id: l.id, name: l.name })),
  };
}

const NO_HITS = Object.fromEntries(SEARCH_TYPES.map((t) => [t, 0])) as Record<SearchType, number>;

/** `outcome` is not "forbidden" (the handler refused that); `names`: the page's "names that match", when it shows them. */
export function apiSearchResults(params: SearchParams, outcome: Exclude<SearchOutcome, { kind: "forbidden" }>, names: Suggestions | null): z.input<typeof searchResultsSchema> {
  if (outcome.kind !== "results") {
    return { outcome: outcome.kind, q: params.q, hits: [], total: 0, byType: NO_HITS, broad: false, page: params.page, pageCount: 0, section: null, group: null, author: null, unknownPlace: false, names: null };
  }
  return {
    outcome: "results",
    q: params.q,
    hits: outcome.hits.map(apiHit),
    total: outcome.total,
    byType: outcome.byType,
    broad: outcome.broad,
    page: params.page,
    // As the page counts its pages: at least one, at most SEARCH_MAX_PAGES.
    pageCount: Math.min(SEARCH_MAX_PAGES, Math.max(1, Math.ceil(outcome.total / SEARCH_PAGE_SIZE))),
    section: outcome.section,
    group: outcome.group,
    author: outcome.author,
    unknownPlace: outcome.unknownPlace,
    names: names ? apiNames(names) : null,
  };
}
