"use client";
import type { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormControlled, FormFieldset } from "@/components/ui/fields";
import { TextField } from "@/components/ui/form";
import { uploadImportAction } from "@/lib/import/actions";
import { IMPORT_KINDS } from "@/lib/import/kinds";
import { KIND_LABELS, uploadImportInput } from "@/lib/import/schemas";

type Values = z.input<typeof uploadImportInput>;
const KIND_OPTIONS = IMPORT_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

/** M6: choose what the file holds and the file; the server keeps it and answers its preview. */
export function ImportUploadForm({ initialKind }: { initialKind?: (typeof IMPORT_KINDS)[number] }) {
  const form = useActionForm(uploadImportInput, uploadImportAction, {
    defaultValues: { kind: initialKind ?? "people" },
    // A file crosses to a server action only inside FormData.
    transform: (values) => {
      const data = new FormData();
      data.set("kind", values.kind);
      data.set("file", values.file);
      return data;
    },
    redirect: (data) => `/admin/import?upload=${data.uploadId}`,
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-6" aria-labelledby="upload-heading">
      <FormFieldset<Values> name="kind" legend="What the file holds" options={KIND_OPTIONS} inline />
      <FormControlled<Values>
        name="file"
        render={({ error }) => (
          <TextField
            label="File"
            type="file"
            accept=".csv,.json,.xml,text/csv,application/json,application/xml,text/xml"
            hint="A .csv, .json or .xml file in UTF-8, up to 25 MB, with the fields listed below. Nothing is changed until you apply it."
            error={error}
            onChange={(e) => form.form.setValue("file", e.currentTarget.files?.[0] as File, { shouldValidate: true })}
          />
        )}
      />
      <FormSubmitRow label="Upload and preview" busyLabel="Checking the file…" withStatus={false} />
    </ActionForm>
  );
}
