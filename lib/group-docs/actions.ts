"use server";
/**
 * G7: renaming and deleting a group file (its uploader while a member, the group's admins,
 * webmasters: `groupFile.manage`), as defineActions, audited (M8). Deleting asks for a
 * confirmation and removes every version; their stored objects go once that has committed.
 */
import { defineAction } from "@/lib/actions";
import { deleteReleasedObjects } from "@/lib/storage/lifecycle";
import { deleteGroupFile, renameGroupFile } from "./mutations";
import { deleteGroupFileInput, renameGroupFileInput } from "./schemas";

export const renameGroupFileAction = defineAction({
  name: "groupFile.rename",
  input: renameGroupFileInput,
  authorize: "groupFile.manage",
  run: ({ input, tx }) => renameGroupFile(tx, input.fileId, input.name),
  audit: (input, result) => ({ target: { type: "groupFile", id: input.fileId }, details: result }),
});

const deleteInner = defineAction({
  name: "groupFile.delete",
  input: deleteGroupFileInput,
  authorize: "groupFile.manage",
  run: ({ input, tx }) => deleteGroupFile(tx, input.fileId),
  audit: (input, result) => ({ target: { type: "groupFile", id: input.fileId }, details: { groupId: result.groupId, name: result.name, versions: result.keys.length } }),
});

export async function deleteGroupFileAction(raw: unknown) {
  const result = await deleteInner(raw);
  if (!result.ok) return result;
  await deleteReleasedObjects(result.data.keys);
  return { ok: true as const, data: { groupId: result.data.groupId } };
}
