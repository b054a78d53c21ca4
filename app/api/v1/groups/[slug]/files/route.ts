import { listGroupFiles } from "@/lib/api/endpoints/files";
import { postGroupFile } from "@/lib/api/handlers/file-writes";
import { apiGroupFilesPage } from "@/lib/api/present/files";
import { answerLookup, apiRoute, refusal } from "@/lib/api/route";
import { listGroupFiles as listGroupFilesPage } from "@/lib/group-docs/queries";
import { getGroupPage } from "@/lib/groups/queries";

/**
 * GET /api/v1/groups/{slug}/files (D2): a group's files a page at a time, by the group page's
 * own reads as the token's person (G6, G7). The address names the group as the group page
 * finds it (getGroupPage: a group the caller may not see is not found, G1, G3, E5, exactly as
 * no group); its files are then listGroupFiles' answer, with its verdict (403 to whoever sees
 * the group but may not read its content).
 */
export const GET = apiRoute(listGroupFiles, async ({ viewer, path: { slug }, query: { cursor } }) => {
  const group = await getGroupPage(viewer, slug);
  if (group.status !== "ok") return refusal(listGroupFiles, group.status);
  return answerLookup(listGroupFiles, await listGroupFilesPage(viewer, group.value.id, { cursor: cursor ?? null }), apiGroupFilesPage);
});

/**
 * POST /api/v1/groups/{slug}/files (D2 G2 G7): a new file in the group, by the site's own upload
 * action as the token's person; the body is the file's bytes, streamed into storage.
 */
export const POST = postGroupFile;
