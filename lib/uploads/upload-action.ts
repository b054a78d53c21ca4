import "server-only";
/**
 * The image upload, as a defineAction (viewer re-read, zod, policy and audit row in one
 * transaction, M8; the file stored just before it, lib/storage). It is called by the route handler POST /api/uploads rather than
 * exported from a "use server" module: a file of up to 5 MB is larger than Next.js lets
 * a server action receive, and multipart is what a file input sends.
 */
import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { unstageObject } from "@/lib/storage/lifecycle";
import { MAX_UPLOAD_BYTES } from "./image-check";
import { recordImage, stageImage } from "./mutations";

export const uploadImageSchema = z.object({
  file: z
    .instanceof(File, { message: "Choose an image file to upload." })
    .refine((f) => f.size > 0, "The file is empty. Choose an image file.")
    .refine((f) => f.size <= MAX_UPLOAD_BYTES, "The image is larger than 5 MB. Choose a smaller image."),
});

export const uploadImage = defineAction({
  name: "upload.image",
  input: uploadImageSchema,
  authorize: "upload.image",
  // The image is checked and stored before the transaction, which then writes its row.
  stage: { run: async ({ input, db }) => stageImage(db, new Uint8Array(await input.file.arrayBuffer())), undo: unstageObject },
  run: ({ viewer, tx, staged }) => recordImage(tx, viewer, staged),
  audit: (input, result) => ({
    target: { type: "upload", id: result.id },
    details: { mimeType: result.mimeType, byteSize: result.byteSize, width: result.width, height: result.height },
  }),
});
