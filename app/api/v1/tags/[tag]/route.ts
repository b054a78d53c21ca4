import { getTag } from "@/lib/api/endpoints/tags";
import { apiTagPage } from "@/lib/api/present/tags";
import { apiRoute } from "@/lib/api/route";
import { listTagged } from "@/lib/content/listings";
import { taggedOthers } from "@/lib/tags/queries";

/**
 * GET /api/v1/tags/{tag} (D2 D7): a tag's page by its own queries as the token's person: the
 * published items with the tag that they may view, a page at a time from the cursor, and on the
 * first page the ideas and group files they may view with it. A tag on nothing they may view
 * answers as one nobody uses (the path already refused what cannot be a tag: 404).
 */
export const GET = apiRoute(getTag, async ({ viewer, path: { tag }, query: { cursor } }) => {
  const [content, others] = await Promise.all([listTagged(viewer, tag, cursor ?? null), cursor ? null : taggedOthers(viewer, tag)]);
  return { ok: apiTagPage(tag, content, others) };
});
