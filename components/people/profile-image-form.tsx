"use client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { problemOf } from "@/components/sections/manage/result";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldFrame, FormErrorSummary } from "@/components/ui/form";
import type { ActionResult } from "@/lib/action-result";
import { removeProfileImageAction } from "@/lib/people/profile-actions";
import { ACCEPTED_IMAGE_TYPES } from "@/lib/uploads/paths";
import { Avatar } from "./avatar";

/**
 * E3: uploading (POST /api/me/profile-image, multipart) and removing one's profile image;
 * webmasters remove anyone's (`forPersonId`, M3). The server checks the bytes and says
 * what is wrong; a refused file changes nothing.
 */
export function ProfileImageForm({ personId, name, imageId, forPersonId }: { personId: string; name: string; imageId: string | null; forPersonId?: string }) {
  const router = useRouter();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const own = !forPersonId;

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    setFileError(null);
    setFormError(null);
    setStatus("");
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError("Choose an image file to upload.");
      return;
    }
    setBusy(true);
    try {
      const body = new FormData();
      body.append("file", file);
      const response = await fetch("/api/me/profile-image", { method: "POST", body });
      const result = (await response.json().catch(() => ({ ok: false, formError: "Something went wrong and nothing was changed. Please try again." }))) as ActionResult<unknown>;
      if (result.ok) {
        if (fileRef.current) fileRef.current.value = "";
        setStatus("Your new profile image has been saved.");
        router.refresh();
      } else if (result.fieldErrors?.file) {
        setFileError(result.fieldErrors.file);
        fileRef.current?.focus();
      } else {
        setFormError(problemOf(result));
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    } catch {
      setFormError("The image could not be sent. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${inputId}-heading`} className="mt-6 max-w-2xl">
      <h2 id={`${inputId}-heading`} className="text-2xl font-bold">
        Profile image
      </h2>
      <div className="mt-4 flex flex-wrap items-center gap-6">
        <Avatar personId={personId} name={name} imageId={imageId} size="lg" alt={imageId ? `Profile image of ${name}` : `No profile image: initials of ${name}`} />
        {imageId ? (
          <ConfirmDialog
            trigger={
              <button type="button" className={buttonClass.secondary}>
                Remove image
              </button>
            }
            title={own ? "Remove your profile image?" : `Remove ${name}’s profile image?`}
            confirmLabel="Remove image"
            onConfirm={async () => {
              const result = await removeProfileImageAction(forPersonId ? { personId: forPersonId } : {});
              if (!result.ok) return problemOf(result) ?? "Nothing was changed.";
              setStatus("The profile image has been removed.");
              router.refresh();
              return null;
            }}
          >
            <p>{own ? "Your initials will show instead." : "Their initials will show instead."}</p>
          </ConfirmDialog>
        ) : null}
      </div>
      {own ? (
        <form onSubmit={upload} noValidate className="mt-4 space-y-4">
          <FormErrorSummary ref={summaryRef} message={formError} />
          <FieldFrame id={inputId} label={imageId ? "Choose a new image" : "Choose an image"} hint="A PNG, JPEG, GIF or WebP image of at most 5 MB and 6000 pixels a side. It is shown at most 512 pixels a side, to the people who may view your profile." error={fileError}>
            {(control) => (
              <input
                ref={fileRef}
                id={control.id}
                type="file"
                accept={ACCEPTED_IMAGE_TYPES}
                aria-invalid={control.invalid}
                aria-describedby={control.describedBy}
                className="mt-1 block w-full min-h-11 rounded border-2 border-gray-800 px-3 py-2"
              />
            )}
          </FieldFrame>
          <button type="submit" disabled={busy} className={buttonClass.primary}>
            {busy ? "Uploading…" : "Upload image"}
          </button>
        </form>
      ) : null}
      <p role="status" aria-live="polite" className="mt-3 font-semibold text-green-800">
        {status}
      </p>
    </section>
  );
}
