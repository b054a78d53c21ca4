/**
 * M6: the import actions' inputs, shared by the server actions and the upload form.
 */
import { z } from "zod";
import { IMPORT_KINDS, MAX_IMPORT_BYTES } from "./kinds";

export const KIND_LABELS = { people: "People", teams: "Teams", locations: "Locations" } as const;

export const uploadImportInput = z.object({
  kind: z.enum(IMPORT_KINDS, { message: "Choose what the file holds: people, teams or locations." }),
  file: z
    .instanceof(File, { message: "Choose a file to upload." })
    .refine((f) => f.size > 0, "The file is empty.")
    .refine((f) => f.size <= MAX_IMPORT_BYTES, `The file is too large: the largest accepted is ${MAX_IMPORT_BYTES / 1048576} MB.`)
    .refine((f) => /\.(csv|json|xml)$/i.test(f.name), "Choose a .csv, .json or .xml file."),
});

/** The upload form's fields, as the browser sends them (FormData). */
export const uploadImportForm = z.instanceof(FormData).transform((fd) => ({ kind: fd.get("kind"), file: fd.get("file") }));

export const applyImportInput = z.object({ uploadId: z.uuid("This upload is not known. Upload the file again.") });
