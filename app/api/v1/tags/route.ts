import { listTags } from "@/lib/api/endpoints/tags";
import { apiTagUses } from "@/lib/api/present/tags";
import { apiRoute, refusal } from "@/lib/api/route";
import { tagListParams } from "@/lib/tags/admin-schemas";
import { listTagUses } from "@/lib/tags/queries";

/**
 * GET /api/v1/tags (D2 D7): the tags in use, by /admin/tags' own reader of its parameters and
 * its own query as the token's person: webmasters only (the query answers null to anyone
 * else, and the page refuses them: 403).
 */
export const GET = apiRoute(listTags, async ({ viewer, query: { q, cursor } }) => {
  const page = await listTagUses(viewer, tagListParams.parse({ q: q ?? "", after: cursor }));
  return page ? { ok: apiTagUses(page) } : refusal(listTags, "forbidden");
});
