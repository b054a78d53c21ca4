import { listGroups } from "@/lib/api/endpoints/groups";
import { apiGroupCards } from "@/lib/api/present/groups";
import { apiRoute, badQuery } from "@/lib/api/route";
import { GROUP_FILTER_LABELS, groupDirectoryParams, groupFiltersFor } from "@/lib/groups/directory-params";
import { listGroups as listGroupsPage } from "@/lib/groups/queries";

/**
 * GET /api/v1/groups (D2): the groups directory, by the directory page's own parameters and
 * query as the token's person (G1, G3, E5): the same groups, in the same pages. The page reads
 * a filter it does not offer the viewer as All; asked here for Secret by someone who is not a
 * webmaster (the one filter offered to webmasters only, G1), the answer says so instead.
 */
export const GET = apiRoute(listGroups, async ({ viewer, query }) => {
  if (query.filter && !groupFiltersFor(viewer).includes(query.filter)) {
    const offered = groupFiltersFor(viewer).join(", ");
    return badQuery({ filter: `${GROUP_FILTER_LABELS[query.filter]} are listed for webmasters only (G1): choose one of ${offered}; your own secret groups are under mine.` });
  }
  const params = groupDirectoryParams({ filter: query.filter, q: query.q, after: query.cursor }, viewer);
  if (params.searchError) return badQuery({ q: params.searchError });
  return { ok: apiGroupCards(await listGroupsPage(viewer, params)) };
});

