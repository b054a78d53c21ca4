"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { showErrors } from "@/components/sections/manage/settings";
import { buttonClass } from "@/components/ui/button";
import { FieldNotes, FormErrorSummary, TextField } from "@/components/ui/form";
import { uploadImportAction } from "@/lib/import/actions";
import { IMPORT_KINDS } from "@/lib/import/kinds";
import { KIND_LABELS, uploadImportInput } from "@/lib/import/schemas";
import type { z } from "zod";

type Values = z.input<typeof uploadImportInput>;

/** M6: choose what the file holds and the file; the server keeps it and answers its preview. */
export function ImportUploadForm({ initialKind }: { initialKind?: (typeof IMPORT_KINDS)[number] }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setValue,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(uploadImportInput), defaultValues: { kind: initialKind ?? "people" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const fd = new FormData();
    fd.set("kind", values.kind);
    fd.set("file", values.file);
    const result = await uploadImportAction(fd);
    if (result.ok) {
      router.push(`/admin/import?upload=${result.data.uploadId}`);
      return;
    }
    showErrors(result, setError, ["kind", "file"] as const, setFormError);
    requestAnimationFrame(() => summaryRef.current?.focus());
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-6" aria-labelledby="upload-heading">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <fieldset className={errors.kind ? "border-l-4 border-red-700 pl-4" : undefined} aria-describedby={errors.kind ? "kind-error" : undefined}>
        <legend className="font-semibold">What the file holds</legend>
        <FieldNotes errorId="kind-error" error={errors.kind?.message} />
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {IMPORT_KINDS.map((kind) => (
            <label key={kind} className="flex min-h-11 items-center gap-2">
              <input type="radio" value={kind} className="h-6 w-6" {...register("kind")} />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        label="File"
        type="file"
        accept=".csv,.json,.xml,text/csv,application/json,application/xml,text/xml"
        hint="A .csv, .json or .xml file in UTF-8, up to 25 MB, with the fields listed below. Nothing is changed until you apply it."
        error={errors.file?.message}
        onChange={(e) => setValue("file", e.currentTarget.files?.[0] as File, { shouldValidate: true })}
      />
      <button type="submit" disabled={isSubmitting} className={buttonClass.primary}>
        {isSubmitting ? "Checking the file…" : "Upload and preview"}
      </button>
    </form>
  );
}
