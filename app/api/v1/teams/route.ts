import { listTeams } from "@/lib/api/endpoints/teams";
import { apiTeamTree } from "@/lib/api/present/teams";
import { apiRoute, refusal } from "@/lib/api/route";
import { listTeamTree } from "@/lib/teams/queries";

/**
 * GET /api/v1/teams (D2): the team tree by the Teams page's own listTeamTree as the token's
 * person: null (the caller may not use the directory, E5) is the page's 403.
 */
export const GET = apiRoute(listTeams, async ({ viewer }) => {
  const tree = await listTeamTree(viewer);
  if (!tree) return refusal(listTeams, "forbidden");
  return { ok: apiTeamTree(tree) };
});
