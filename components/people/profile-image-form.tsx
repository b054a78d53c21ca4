"use client";
import { useRouter } from "next/navigation";
import { useId, useRef } from "react";
import { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormControlled } from "@/components/ui/fields";
import { FieldFrame } from "@/components/ui/form";
import { type ActionResult, problemOf } from "@/lib/action-result";
import { removeProfileImageAction } from "@/lib/people/profile-actions";
import { ACCEPTED_IMAGE_TYPES } from "@/lib/uploads/paths";
import { Avatar } from "./avatar";

const imageForm = z.object({ file: z.instanceof(File, { message: "Choose an image file to upload." }) });
type ImageForm = z.input<typeof imageForm>;

/** The upload goes to a route handler (multipart), which answers an ActionResult like any action. */
async function uploadProfileImage(values: z.output<typeof imageForm>): Promise<ActionResult<unknown>> {
  const body = new FormData();
  body.append("file", values.file);
  try {
    const response = await fetch("/api/me/profile-image", { method: "POST", body });
    return (await response.json().catch(() => ({ ok: false, formError: "Something went wrong and nothing was changed. Please try again." }))) as ActionResult<unknown>;
  } catch {
    return { ok: false, formError: "The image could not be sent. Check your connection and try again." };
  }
}

/**
 * E3: uploading (POST /api/me/profile-image, multipart) and removing one's profile image;
 * webmasters remove anyone's (`forPersonId`, M3). The server checks the bytes and says
 * what is wrong; a refused file changes nothing.
 */
export function ProfileImageForm({ personId, name, imageId, forPersonId }: { personId: string; name: string; imageId: string | null; forPersonId?: string }) {
  const router = useRouter();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement | null>(null);
  const own = !forPersonId;
  const form = useActionForm(imageForm, uploadProfileImage, {
    defaultValues: {},
    refresh: true,
    onSuccess: () => {
      if (fileRef.current) fileRef.current.value = "";
      form.form.reset();
      return "Your new profile image has been saved.";
    },
  });

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
              form.setStatus("The profile image has been removed.");
              router.refresh();
              return null;
            }}
          >
            <p>{own ? "Your initials will show instead." : "Their initials will show instead."}</p>
          </ConfirmDialog>
        ) : null}
      </div>
      {own ? (
        <ActionForm form={form} className="mt-4 space-y-4">
          <FormControlled<ImageForm>
            name="file"
            render={({ field, error }) => (
              <FieldFrame
                id={inputId}
                label={imageId ? "Choose a new image" : "Choose an image"}
                hint="A PNG, JPEG, GIF or WebP image of at most 5 MB and 6000 pixels a side. It is shown at most 512 pixels a side, to the people who may view your profile."
                error={error}
              >
                {(control) => (
                  <input
                    ref={(element) => {
                      fileRef.current = element;
                      field.ref(element);
                    }}
                    id={control.id}
                    type="file"
                    accept={ACCEPTED_IMAGE_TYPES}
                    aria-invalid={control.invalid}
                    aria-describedby={control.describedBy}
                    onChange={(e) => field.onChange(e.currentTarget.files?.[0])}
                    onBlur={field.onBlur}
                    className="mt-1 block w-full min-h-11 rounded border-2 border-gray-800 px-3 py-2"
                  />
                )}
              </FieldFrame>
            )}
          />
          <FormSubmitRow label="Upload image" busyLabel="Uploading…" withStatus={false} />
        </ActionForm>
      ) : null}
      <p role="status" aria-live="polite" className="mt-3 font-semibold text-green-800">
        {form.status}
      </p>
    </section>
  );
}
