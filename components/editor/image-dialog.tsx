"use client";
import type { Editor } from "@tiptap/react";
import { type FormEvent, useCallback, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { DialogClose, DialogFrame } from "@/components/ui/dialog-frame";
import { FieldFrame } from "@/components/ui/form";
import { ACCEPTED_IMAGE_TYPES } from "@/lib/uploads/paths";

/** C6: upload an image to our own route and insert it, with its text alternative (or marked decorative). */
export function ImageDialog({ editor, open, onOpenChange, uploadUrl }: { editor: Editor; open: boolean; onOpenChange: (o: boolean) => void; uploadUrl: string }) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const altRef = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState("");
  const [decorative, setDecorative] = useState(false);
  const [errors, setErrors] = useState<{ file?: string; alt?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const openChange = (next: boolean) => {
    if (next) {
      setAlt("");
      setDecorative(false);
      setErrors({});
    }
    onOpenChange(next);
  };

  const submit = useCallback(
    async (event: FormEvent) => {
      event.preventDefault();
      event.stopPropagation();
      const file = fileRef.current?.files?.[0];
      const problems: typeof errors = {};
      if (!file) problems.file = "Choose an image file to upload.";
      else if (file.size > 5 * 1024 * 1024) problems.file = "The image is larger than 5 MB. Choose a smaller image.";
      if (!decorative && !alt.trim()) problems.alt = "Describe the image for people who cannot see it, or tick that it is decorative.";
      setErrors(problems);
      if (problems.file) return fileRef.current?.focus();
      if (problems.alt) return altRef.current?.focus();
      setBusy(true);
      try {
        const body = new FormData();
        body.append("file", file!);
        const response = await fetch(uploadUrl, { method: "POST", body, credentials: "same-origin" });
        const answer = (await response.json().catch(() => null)) as { ok?: boolean; data?: { src: string }; fieldErrors?: Record<string, string>; formError?: string } | null;
        if (!response.ok || !answer?.ok || !answer.data) {
          const message = answer?.fieldErrors?.file ?? answer?.formError ?? "The image could not be uploaded. Try again.";
          setErrors({ file: message });
          fileRef.current?.focus();
          return;
        }
        editor.chain().focus().setImage({ src: answer.data.src, alt: decorative ? "" : alt.trim() }).run();
        onOpenChange(false);
      } catch {
        setErrors({ file: "The image could not be uploaded. Check your connection and try again." });
      } finally {
        setBusy(false);
      }
    },
    [alt, decorative, editor, onOpenChange, uploadUrl],
  );

  return (
    <DialogFrame
      title="Insert an image"
      description={<p className="text-gray-800">PNG, JPEG, GIF or WebP, up to 5 MB. Only people who can see this item can see its images.</p>}
      open={open}
      onOpenChange={openChange}
      onClosed={() => editor.commands.focus()}
    >
      <form onSubmit={submit} noValidate>
        <FieldFrame className="mt-4" id={`${id}-file`} label="Image file" error={errors.file}>
          {({ id: inputId, describedBy }) => (
            <input
              ref={fileRef}
              id={inputId}
              type="file"
              accept={ACCEPTED_IMAGE_TYPES}
              aria-describedby={describedBy}
              aria-invalid={errors.file ? true : undefined}
              className="mt-1 block w-full min-h-11 py-2"
            />
          )}
        </FieldFrame>
        <FieldFrame className="mt-4" id={`${id}-alt`} label="Text alternative" hint="What the image shows, for people who cannot see it." error={errors.alt}>
          {({ id: inputId, describedBy }) => (
            <input
              ref={altRef}
              id={inputId}
              type="text"
              value={alt}
              disabled={decorative}
              maxLength={300}
              onChange={(e) => setAlt(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={errors.alt ? true : undefined}
              className={`mt-1 block w-full min-h-11 rounded border-2 px-3 py-2 disabled:bg-gray-100 ${errors.alt ? "border-red-700" : "border-gray-800"}`}
            />
          )}
        </FieldFrame>
        <div className="mt-4 flex items-center gap-3">
          <input id={`${id}-decorative`} type="checkbox" checked={decorative} onChange={(e) => setDecorative(e.target.checked)} className="size-6" />
          <label htmlFor={`${id}-decorative`}>This image is decorative (it adds no information)</label>
        </div>
        <p role="status" className="mt-4 min-h-6">
          {busy ? "Uploading…" : ""}
        </p>
        <div className="mt-2 flex flex-wrap gap-3">
          <button type="submit" className={buttonClass.primary} disabled={busy}>
            Upload and insert
          </button>
          <DialogClose className={buttonClass.secondary}>Cancel</DialogClose>
        </div>
      </form>
    </DialogFrame>
  );
}
