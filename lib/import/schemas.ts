/**
 * M6: the import actions' inputs, shared by the server actions and the upload form.
 */
import { z } from "zod";
import { IMPORT_KINDS, MAX_IMPORT_BYTES } from "./kinds";

/** M6: the message for a file over the limit, shown before it is sent and by the receiver. */
export const IMPORT_TOO_LARGE_MESSAGE = `The file is too large: the largest accepted is ${MAX_IMPORT_BYTES / 1048576} MB.`;

export const KIND_LABELS = { people: "People", teams: "Teams", locations: "Locations" } as const;

export const uploadImportInput = z.object({
  kind: z.enum(IMPORT_KINDS, { message: "Choose what the file holds: people, teams or locations." }),
  file: z
    .instanceof(File, { message: "Choose a file to upload." })
    .refine((f) => f.size > 0, "The file is empty.")
    .refine((f) => f.size <= MAX_IMPORT_BYTES, IMPORT_TOO_LARGE_MESSAGE)
    .refine((f) => /\.(csv|json|xml)$/i.test(f.name), "Choose a .csv, .json or .xml file."),
});

/** The upload's fields, as the browser sends them to POST /api/import/upload (FormData). */
export const uploadImportForm = z.instanceof(FormData).transform((fd) => ({ kind: fd.get("kind"), file: fd.get("file") }));

export const applyImportInput = z.object({
  uploadId: z.uuid("This upload is not known. Upload the file again."),
  // M6: the previewed plan's fingerprint; the apply writes only that plan.
  fingerprint: z.string({ message: "Open the preview again and confirm what it shows." }).regex(/^[A-Za-z0-9_-]{43}$/, "Open the preview again and confirm what it shows."),
});
