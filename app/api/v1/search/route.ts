import { search } from "@/lib/api/endpoints/search";
import { apiSearchResults } from "@/lib/api/present/search";
import { apiRoute, badQuery, refusal } from "@/lib/api/route";
import { maySearch, searchContent } from "@/lib/search/content-search";
import { searchParams } from "@/lib/search/params";
import { suggest } from "@/lib/search/suggest";

/**
 * GET /api/v1/search (D2 D4 E4): the search page's search as the token's person. External
 * people are refused as the page refuses them (403). The parameters, once checked (a bad one
 * is a 400 naming it), are read by the page's own reader, so they mean what they mean there;
 * then the page's search, and on the first page of a search with words and no filter, the
 * names that match, as the page shows them.
 */
export const GET = apiRoute(search, async ({ viewer, query }) => {
  if (!maySearch(viewer)) return refusal(search, "forbidden");
  const params = searchParams(query);
  // Not reached for what the query schema let through; should the page's reader still refuse something, say so rather than search without it.
  if (params.error) return badQuery({ q: params.error }, params.error);
  const unfiltered = !params.type && !params.section && !params.group && !params.tag && !params.author;
  const [outcome, names] = await Promise.all([
    searchContent(viewer, params),
    params.q && params.page === 1 && unfiltered ? suggest(viewer, params.q, undefined, { withContent: false }) : null,
  ]);
  if (outcome.kind === "forbidden") return refusal(search, "forbidden");
  return { ok: apiSearchResults(params, outcome, outcome.kind === "results" ? names : null) };
});
