import { getSection } from "@/lib/api/endpoints/sections";
import { apiSection } from "@/lib/api/present/sections";
import { apiRoute, refusal } from "@/lib/api/route";
import { getSection as getSectionPage } from "@/lib/sections/queries";

/**
 * GET /api/v1/sections/{slug} (D2): a section and a page of its items, by the section page's
 * own query as the token's person: 403 where the page answers 403, 404 where it answers 404,
 * and a moved section's new address only to someone who may view it (C5).
 */
export const GET = apiRoute(getSection, async ({ viewer, path: { slug }, query: { cursor } }) => {
  const result = await getSectionPage(viewer, slug, { content: { cursor: cursor ?? null } });
  if (result.status === "moved") {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    return new Response(null, { status: 308, headers: { Location: `/api/v1/sections/${encodeURIComponent(result.slug)}${query}`, "Cache-Control": "private, no-store" } });
  }
  if (result.status !== "ok") return refusal(getSection, result.status);
  return { ok: apiSection(result.value) };
});
