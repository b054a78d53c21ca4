import { listContentVersions } from "@/lib/api/endpoints/content";
import { apiContentHistory } from "@/lib/api/present/content";
import { answerLookup, apiRoute } from "@/lib/api/route";
import { getContentHistory } from "@/lib/content/authoring-queries";

/**
 * GET /api/v1/content/{id}/versions (D2 C1): an item's versions by the history page's own
 * query as the token's person: 404 and 403 as the item page, then 403 for those the history
 * page refuses (it is for the item's editors).
 */
export const GET = apiRoute(listContentVersions, async ({ viewer, path: { id } }) =>
  answerLookup(listContentVersions, await getContentHistory(viewer, id), apiContentHistory),
);
