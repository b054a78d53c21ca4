"use server";
/**
 * M6 server action: apply a stored upload (all or nothing, re-validated inside the
 * transaction, and only the plan the webmaster confirmed). Webmasters only, checked inside
 * the transaction; audited with counts, never personal data. The file itself arrives
 * through the route handler POST /api/import/upload (./upload-action.ts), never here.
 */
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { applyUpload } from "./mutations";
import { applyImportInput } from "./schemas";

export const applyImportAction = defineAction({
  name: "import.apply",
  input: applyImportInput,
  authorize: "import.run",
  run: async ({ viewer, input, tx }) => {
    const result = await applyUpload(tx, viewer, input.uploadId, input.fingerprint);
    revalidatePath("/teams");
    return result;
  },
  audit: (input, result) => ({ target: { type: "import", id: input.uploadId }, details: { ...result } }),
});
