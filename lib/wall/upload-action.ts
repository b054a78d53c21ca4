import "server-only";
/**
 * G4: a wall post's image, uploaded before the post is written: the same checks and storage
 * as rich-text images (lib/uploads: the type read from the bytes, at most 5 MB, the daily
 * limit of images not yet used), for whoever may use the wall. Until a post uses it only its
 * uploader may fetch it; then whoever may read that post (lib/uploads/queries.ts).
 * POST /api/uploads?for=wall calls it (app/api/uploads/route.ts).
 */
import { defineAction } from "@/lib/actions";
import { unstageObject } from "@/lib/storage/lifecycle";
import { uploadImageSchema } from "@/lib/uploads/upload-action";
import { recordImage, stageImage } from "@/lib/uploads/mutations";

export const uploadWallImage = defineAction({
  name: "wall.image.upload",
  input: uploadImageSchema,
  authorize: "wall.use",
  stage: { run: async ({ input, db }) => stageImage(db, new Uint8Array(await input.file.arrayBuffer())), undo: unstageObject },
  run: ({ viewer, tx, staged }) => recordImage(tx, viewer, staged),
  audit: (input, result) => ({
    target: { type: "upload", id: result.id },
    details: { mimeType: result.mimeType, byteSize: result.byteSize, width: result.width, height: result.height, for: "wall" },
  }),
});
