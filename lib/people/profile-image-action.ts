import "server-only";
/**
 * E3: uploading one's own profile image, as a defineAction called by the route handler
 * POST /api/me/profile-image (a file of up to 5 MB is more than a server action may
 * receive). The checks on the bytes, the re-encoding and the storing are in
 * ./profile-image.ts; the replaced image's file is deleted once the change has committed.
 */
import { defineAction } from "@/lib/actions";
import { uploadImageSchema } from "@/lib/uploads/upload-action";
import { deleteReleasedObjects, unstageObject } from "@/lib/storage/lifecycle";
import { setProfileImage, stageProfileImage } from "./profile-image";

const setImage = defineAction({
  name: "profile.image.set",
  input: uploadImageSchema,
  authorize: "account.own",
  // Checked, re-encoded and stored before the transaction, which then points the person at it.
  stage: { run: async ({ input, db }) => stageProfileImage(db, new Uint8Array(await input.file.arrayBuffer())), undo: unstageObject },
  run: async ({ viewer, input, tx, staged }) => {
    const stored = await setProfileImage(tx, viewer.id, staged);
    return { ...stored, personId: viewer.id, width: staged.width, height: staged.height, byteSize: staged.size, uploadedBytes: input.file.size };
  },
  audit: (_input, result) => ({
    target: { type: "person", id: result.personId },
    details: { imageId: result.imageId, replaced: result.replaced !== null, width: result.width, height: result.height, byteSize: result.byteSize, uploadedBytes: result.uploadedBytes },
  }),
});

export async function uploadProfileImage(raw: unknown) {
  const result = await setImage(raw);
  if (!result.ok) return result;
  if (result.data.replaced) await deleteReleasedObjects([result.data.replaced]);
  return { ok: true as const, data: { imageId: result.data.imageId } };
}
