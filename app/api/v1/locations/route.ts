import { listLocations } from "@/lib/api/endpoints/locations";
import { apiLocations } from "@/lib/api/present/locations";
import { apiRoute, refusal } from "@/lib/api/route";
import { listLocations as listLocationsPage } from "@/lib/locations/queries";

/**
 * GET /api/v1/locations (D2): the locations directory by its page's own listLocations as the
 * token's person: null (an external person without the Locations switch, E5) is the page's
 * 404; the people counts only for those who may use the people directory, as on the page.
 */
export const GET = apiRoute(listLocations, async ({ viewer, query: { q, cursor } }) => {
  const page = await listLocationsPage(viewer, { q: q ?? "", after: cursor ?? null });
  if (!page) return refusal(listLocations, "not-found");
  return { ok: apiLocations(page) };
});
