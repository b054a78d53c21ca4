"use server";
/**
 * G7: editing a group file's details (name, and D4 D7 its description and tags) and deleting
 * it (its uploader while a member, the group's admins, webmasters: `groupFile.manage`), as
 * defineActions, re-checked in the transaction and audited (M8). Deleting asks for a
 * confirmation and removes every version; their stored objects go once that has committed.
 */
import { defineAction } from "@/lib/actions";
import { deleteReleasedObjects } from "@/lib/storage/lifecycle";
import { deleteGroupFile, editGroupFile } from "./mutations";
import { deleteGroupFileInput, editGroupFileInput } from "./schemas";

/** The audit names what changed: the name from and to, whether the description changed, the tags before and after. */
export const editGroupFileAction = defineAction({
  name: "groupFile.edit",
  input: editGroupFileInput,
  authorize: "groupFile.manage",
  run: ({ input, tx }) => editGroupFile(tx, input.fileId, { name: input.name, description: input.description, tags: input.tags }),
  audit: (input, result) => ({ target: { type: "groupFile", id: input.fileId }, details: result }),
});

/** Deletes a file and its versions; the stored objects go once the rows are gone. */
export const deleteGroupFileAction = defineAction({
  name: "groupFile.delete",
  input: deleteGroupFileInput,
  authorize: "groupFile.manage",
  run: ({ input, tx }) => deleteGroupFile(tx, input.fileId),
  audit: (input, result) => ({ target: { type: "groupFile", id: input.fileId }, details: { groupId: result.groupId, name: result.name, versions: result.keys.length } }),
  afterCommit: (result) => deleteReleasedObjects(result.keys),
});
