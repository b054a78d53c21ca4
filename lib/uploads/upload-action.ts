import "server-only";
/**
 * The image upload, as a defineAction (viewer re-read, zod, policy and audit row in one
 * transaction, M8). It is called by the route handler POST /api/uploads rather than
 * exported from a "use server" module: a file of up to 5 MB is larger than Next.js lets
 * a server action receive, and multipart is what a file input sends.
 */
import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { MAX_UPLOAD_BYTES } from "./image-check";
import { storeImage } from "./mutations";

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
  run: async ({ viewer, input, tx }) => storeImage(tx, viewer, new Uint8Array(await input.file.arrayBuffer())),
  audit: (input, result) => ({
    target: { type: "upload", id: result.id },
    details: { mimeType: result.mimeType, byteSize: result.byteSize, width: result.width, height: result.height },
  }),
});
