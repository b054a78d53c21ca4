import { getContentVersion } from "@/lib/api/endpoints/content";
import { apiContentVersion } from "@/lib/api/present/content";
import { apiRoute, refusal } from "@/lib/api/route";
import { getContentHistory } from "@/lib/content/authoring-queries";

/**
 * GET /api/v1/content/{id}/versions/{number} (D2 C1): one version beside the one before it, as
 * the history page's ?compare=<number> shows them, by its own query as the token's person. The
 * page's verdict comes first (404, 403), so a number is only ever looked at for someone the
 * history page shows the item's versions to; a number it has no version of is then 404.
 */
export const GET = apiRoute(getContentVersion, async ({ viewer, path: { id, number } }) => {
  const history = await getContentHistory(viewer, id, number);
  if (history.status !== "ok") return refusal(getContentVersion, history.status);
  const version = apiContentVersion(history.value, number);
  return version ? { ok: version } : refusal(getContentVersion, "not-found");
});
