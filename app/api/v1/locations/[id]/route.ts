import { getLocation } from "@/lib/api/endpoints/locations";
import { apiLocation } from "@/lib/api/present/locations";
import { answerLookup, apiRoute } from "@/lib/api/route";
import { getLocation as getLocationPage } from "@/lib/locations/queries";

/**
 * GET /api/v1/locations/{id} (D2): a location by its page's own getLocation as the token's
 * person: 404 for an unknown id and for an external person without the Locations switch
 * (E5), as the page; the people there as the people directory allows (the Users switch, E4).
 */
export const GET = apiRoute(getLocation, async ({ viewer, path: { id }, query: { cursor } }) =>
  answerLookup(getLocation, await getLocationPage(viewer, id, { after: cursor ?? null }), apiLocation),
);
