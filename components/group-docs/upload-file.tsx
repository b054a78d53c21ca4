"use client";
import { useId, useMemo, useRef, useState } from "react";
import { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormControlled } from "@/components/ui/fields";
import { TextField } from "@/components/ui/form";
import { sendFile } from "@/components/ui/send-file";
import { ACCEPTED_EXTENSIONS } from "@/lib/group-docs/file-types";
import { formatSize } from "./format";


/** What the route answers for a stored file (lib/group-docs/upload-actions.ts). */
interface Uploaded {
  fileId: string;
  name: string;
  version: number;
}

/**
 * G7: sending one file to a group's upload route (POST /api/group-files, or a file's
 * /versions), by the plain file input (keyboard, screen readers) or by dropping a file on
 * the area around it. The size is checked here first, so a file over the limit is never
 * sent; the route checks everything again and its messages show beside the field. Progress
 * is shown while sending, the result announced; a refused upload changes nothing else on
 * the page. The page's lists are read again after a success.
 */
export function UploadGroupFile({
  url,
  fields = {},
  maxBytes,
  label,
  hint,
  submitLabel,
  announce,
  extensions = ACCEPTED_EXTENSIONS,
}: {
  url: string;
  /** Sent before the file (the route reads them first), e.g. the group's id. */
  fields?: Record<string, string>;
  maxBytes: number;
  label: string;
  hint: string;
  submitLabel: string;
  /** What a success announces: a new file, or a new version of one. */
  announce: "file" | "version";
  /** The endings the file chooser offers (the route decides what it takes). */
  extensions?: string[];
}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const [dropped, setDropped] = useState("");
  const schema = useMemo(
    () =>
      z.object({
        file: z
          .instanceof(File, { message: "Choose a file to upload." })
          .refine((f) => f.size > 0, "The file is empty. Choose another file.")
          .refine((f) => f.size <= maxBytes, `The file is larger than ${Math.floor(maxBytes / 1048576)} MB. Choose a smaller file.`),
      }),
    [maxBytes],
  );
  type Values = z.input<typeof schema>;
  const form = useActionForm(
    schema,
    async (data: FormData) => {
      setProgress(0);
      try {
        return await sendFile<Uploaded>(url, data, setProgress);
      } finally {
        setProgress(null);
      }
    },
    {
      defaultValues: {},
      transform: (values) => {
        const data = new FormData();
        for (const [key, value] of Object.entries(fields)) data.append(key, value);
        data.append("file", values.file);
        return data;
      },
      refresh: true,
      onSuccess: (uploaded) => {
        if (inputRef.current) inputRef.current.value = "";
        setDropped("");
        form.form.reset();
        return announce === "file" ? `${uploaded.name} has been uploaded.` : `Version ${uploaded.version} of ${uploaded.name} has been uploaded.`;
      },
    },
  );

  /** A file from the input or dropped on the area: the form's value, shown in the input too. */
  const choose = (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    if (inputRef.current && inputRef.current.files !== files) inputRef.current.files = files;
    form.form.setValue("file", file, { shouldValidate: true });
    return file;
  };

  return (
    <ActionForm form={form} className="mt-4 space-y-4">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const file = choose(event.dataTransfer.files);
          if (file) setDropped(`${file.name} (${formatSize(file.size)}) is ready to upload.`);
        }}
        data-testid="file-drop-area"
        className={`rounded border-2 border-dashed p-4 ${dragging ? "border-brand-700 bg-brand-50" : "border-gray-500"}`}
      >
        <FormControlled<Values>
          name="file"
          render={({ error, field }) => (
            <TextField
              ref={(element) => {
                inputRef.current = element;
                field.ref(element);
              }}
              id={`${id}-file`}
              label={label}
              type="file"
              accept={extensions.map((e) => `.${e}`).join(",")}
              hint={`${hint} Or drag a file onto this area.`}
              error={error}
              disabled={progress !== null}
              onChange={(event) => {
                setDropped("");
                choose(event.currentTarget.files);
              }}
            />
          )}
        />
        <p aria-live="polite" className="mt-2 text-gray-800">
          {dropped}
        </p>
      </div>
      {progress !== null ? (
        <div>
          <label htmlFor={`${id}-progress`} className="block font-semibold">
            Sending the file: {Math.round(progress * 100)} %
          </label>
          <progress id={`${id}-progress`} className="mt-1 w-full max-w-md" max={1} value={progress} />
        </div>
      ) : null}
      <FormSubmitRow label={submitLabel} busyLabel={progress !== null && progress < 1 ? "Sending the file…" : "Checking the file…"} />
    </ActionForm>
  );
}
