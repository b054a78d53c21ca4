"use server";
/**
 * M6 server actions: upload (stores the file, answers its preview; nothing else is
 * written) and apply (all or nothing, re-validated inside the transaction). Webmasters
 * only, checked inside the transaction; both audited with counts, never personal data.
 */
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { formatOfFileName } from "./formats";
import { applyUpload, storeUpload } from "./mutations";
import { planUpload, previewOf, getUpload, type ImportPreview } from "./queries";
import { applyImportInput, uploadImportForm, uploadImportInput } from "./schemas";

export const uploadImportAction = defineAction({
  name: "import.upload",
  input: uploadImportForm.pipe(uploadImportInput),
  authorize: "import.run",
  run: async ({ viewer, input, tx }): Promise<ImportPreview> => {
    const content = new Uint8Array(await input.file.arrayBuffer());
    const format = formatOfFileName(input.file.name)!;
    const id = await storeUpload(tx, viewer, { kind: input.kind, format, fileName: input.file.name, content });
    const upload = (await getUpload(tx, viewer, id))!;
    return previewOf(upload, await planUpload(tx, upload));
  },
  audit: (input, result) => ({
    target: { type: "import", id: result.uploadId },
    details: {
      kind: input.kind,
      format: result.format,
      bytes: input.file.size,
      rows: result.rows,
      creates: result.creates,
      updates: result.updates,
      unchanged: result.unchanged,
      problems: result.problems.length,
    },
  }),
});

export const applyImportAction = defineAction({
  name: "import.apply",
  input: applyImportInput,
  authorize: "import.run",
  run: async ({ viewer, input, tx }) => {
    const result = await applyUpload(tx, viewer, input.uploadId);
    revalidatePath("/teams");
    return result;
  },
  audit: (input, result) => ({ target: { type: "import", id: input.uploadId }, details: { ...result } }),
});
