import { getGroupFileContent } from "@/lib/api/endpoints/files";
import { apiRoute, refusal } from "@/lib/api/route";
import { downloadResponse } from "@/lib/group-docs/download";
import { getVersionForDownload } from "@/lib/group-docs/queries";

/**
 * GET /api/v1/files/{id}/versions/{number}/content (D2): a version's bytes through the site's
 * own download (app/api/group-files/[id]/versions/[n]/route.ts): the same lookup, decided in
 * this request as the token's person (G6), and the same response (stored type, nosniff, inline
 * or attachment, Range). Its refusals carry the same verdict as the site's (404 for no such
 * file or version and for a secret group's file to a non-member, G1; 403 otherwise), as the
 * API's problem documents, which name nothing of the file.
 */
export const GET = apiRoute(getGroupFileContent, async ({ viewer, path: { id, number }, request }) => {
  const lookup = await getVersionForDownload(viewer, id, number);
  if (lookup.status !== "ok") return refusal(getGroupFileContent, lookup.status);
  const response = await downloadResponse(lookup, request.headers.get("range"));
  // The answer depends on the token, as every API answer does (lib/api/route.ts), besides the cookie the site's route names.
  response.headers.append("Vary", "Authorization");
  return response;
});
