import { getGroupFile } from "@/lib/api/endpoints/files";
import { deleteFileRoute, patchFile } from "@/lib/api/handlers/file-writes";
import { apiGroupFile } from "@/lib/api/present/files";
import { apiRoute, refusal } from "@/lib/api/route";
import { getGroupFile as getGroupFilePage } from "@/lib/group-docs/queries";

/**
 * GET /api/v1/files/{id} (D2): a group file and its versions by the file page's own query as
 * the token's person (G6, G7): 404 for no such file and, the same answer, for a secret group's
 * file to a non-member (G1); 403, naming nothing of it, to whoever may not read its group's
 * content. A file without a version is not found, as on its page.
 */
export const GET = apiRoute(getGroupFile, async ({ viewer, path: { id } }) => {
  const lookup = await getGroupFilePage(viewer, id);
  if (lookup.status !== "ok") return refusal(getGroupFile, lookup.status);
  if (!lookup.value.versions.length) return refusal(getGroupFile, "not-found");
  return { ok: apiGroupFile(lookup.value) };
});

/** PATCH /api/v1/files/{id} (D2 G7 D4 D7): its name, description or tags, by the file page's own action as the token's person. */
export const PATCH = patchFile;

/** DELETE /api/v1/files/{id} (D2 G7): the file and every version, by the file page's own action as the token's person. */
export const DELETE = deleteFileRoute;
