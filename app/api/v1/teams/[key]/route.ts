import { getTeam } from "@/lib/api/endpoints/teams";
import { apiTeam } from "@/lib/api/present/teams";
import { answerLookup, apiRoute } from "@/lib/api/route";
import { getTeamPage } from "@/lib/teams/queries";

/**
 * GET /api/v1/teams/{key} (D2): a team by the team page's own getTeamPage as the token's
 * person: 404 for an unknown key, 403 for a team the caller may not see (P5, E5), as the page.
 */
export const GET = apiRoute(getTeam, async ({ viewer, path: { key } }) => answerLookup(getTeam, await getTeamPage(viewer, key), apiTeam));
