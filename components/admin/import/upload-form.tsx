"use client";
import { useState } from "react";
import type { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormControlled, FormFieldset } from "@/components/ui/fields";
import { TextField } from "@/components/ui/form";
import { sendFile } from "@/components/ui/send-file";
import { IMPORT_KINDS, MAX_IMPORT_BYTES } from "@/lib/import/kinds";
import type { ImportPreview } from "@/lib/import/queries";
import { KIND_LABELS, uploadImportInput } from "@/lib/import/schemas";

type Values = z.input<typeof uploadImportInput>;
const KIND_OPTIONS = IMPORT_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

/**
 * M6: choose what the file holds and the file. The form checks the size before sending
 * (uploadImportInput); the file goes to POST /api/import/upload with its progress shown,
 * and the server keeps it and answers its preview.
 */
export function ImportUploadForm({ initialKind }: { initialKind?: (typeof IMPORT_KINDS)[number] }) {
  const [progress, setProgress] = useState<number | null>(null);
  const form = useActionForm(
    uploadImportInput,
    async (data: FormData) => {
      setProgress(0);
      try {
        return await sendFile<Pick<ImportPreview, "uploadId">>("/api/import/upload", data, setProgress);
      } finally {
        setProgress(null);
      }
    },
    {
      defaultValues: { kind: initialKind ?? "people" },
      transform: (values) => {
        const data = new FormData();
        data.set("kind", values.kind);
        data.set("file", values.file);
        return data;
      },
      redirect: (data) => `/admin/import?upload=${data.uploadId}`,
    },
  );
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
            hint={`A .csv, .json or .xml file in UTF-8, up to ${MAX_IMPORT_BYTES / 1048576} MB, with the fields listed below. Nothing is changed until you apply it.`}
            error={error}
            onChange={(e) => form.form.setValue("file", e.currentTarget.files?.[0] as File, { shouldValidate: true })}
          />
        )}
      />
      {progress !== null ? (
        <div>
          <label htmlFor="import-upload-progress" className="block font-semibold">
            Sending the file: {Math.round(progress * 100)} %
          </label>
          <progress id="import-upload-progress" className="mt-1 w-full max-w-md" max={1} value={progress} />
        </div>
      ) : null}
      <FormSubmitRow label="Upload and preview" busyLabel={progress !== null && progress < 1 ? "Sending the file…" : "Checking the file…"} withStatus={false} />
    </ActionForm>
  );
}
