import "server-only";
/**
 * G7: uploading a new group file, and a new version of one, as defineActions (viewer re-read,
 * zod, the permission re-checked in the transaction, the audit row, M8). Files are larger
 * than a server action may receive: a route handler receives the multipart body and calls
 * these. The bytes are checked and stored before the transaction (the `stage` step), and
 * deleted again at once if it does not commit.
 */
import { defineAction } from "@/lib/actions";
import { unstageObject } from "@/lib/storage/lifecycle";
import { addGroupFileVersion, createGroupFile, groupFileName, stageGroupFile } from "./mutations";
import { uploadGroupFileInput, uploadGroupFileVersionInput } from "./schemas";

const auditOf = (result: { fileId: string; groupId: number; name: string; version: number; byteSize: number; mimeType: string }) => ({
  target: { type: "groupFile", id: result.fileId },
  details: { groupId: result.groupId, name: result.name, version: result.version, byteSize: result.byteSize, mimeType: result.mimeType },
});

export const uploadGroupFile = defineAction({
  name: "groupFile.upload",
  input: uploadGroupFileInput,
  authorize: "groupFile.upload",
  stage: { run: ({ input, db }) => stageGroupFile(db, input.file), undo: unstageObject },
  run: ({ viewer, input, tx, staged }) => createGroupFile(tx, viewer, input.groupId, staged),
  audit: (_input, result) => auditOf(result),
});

export const uploadGroupFileVersion = defineAction({
  name: "groupFile.version.upload",
  input: uploadGroupFileVersionInput,
  authorize: "groupFile.manage",
  stage: { run: async ({ input, db }) => stageGroupFile(db, input.file, await groupFileName(db, input.fileId)), undo: unstageObject },
  run: ({ viewer, input, tx, staged }) => addGroupFileVersion(tx, viewer, input.fileId, staged),
  audit: (_input, result) => auditOf(result),
});
