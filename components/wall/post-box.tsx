"use client";
/**
 * G4 E6: the box at the top of the wall: plain text up to WALL_POST_MAX characters with a
 * live count (announced only near the limit, so a screen reader is not told at every key),
 * @mentions suggested from the people who may use the wall (suggestWallMentionsAction), and
 * an optional image uploaded at once (POST /api/uploads?for=wall) whose alternative text is
 * required unless it is marked decorative. Each post carries an id made once per post, so a
 * double click writes one post; after a success the box empties and takes a new id.
 */
import { useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import { MentionTextarea } from "@/components/mentions/mention-textarea";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormCheckbox, FormControlled, FormTextField } from "@/components/ui/fields";
import { FieldNotes } from "@/components/ui/form";
import { createWallPostAction, suggestWallMentionsAction } from "@/lib/wall/actions";
import { WALL_ALT_MAX, WALL_POST_MAX, charactersLeft, wallPostBody } from "@/lib/wall/schemas";

const boxSchema = z.object({
  body: wallPostBody,
  imageAlt: z.string().trim().max(WALL_ALT_MAX, `Keep the description to at most ${WALL_ALT_MAX} characters.`).optional(),
  decorative: z.boolean().optional(),
});

/** "12 characters left", or how many too many. */
export function countText(left: number): string {
  if (left >= 0) return `${left} character${left === 1 ? "" : "s"} left`;
  return `${-left} character${left === -1 ? "" : "s"} too many`;
}

const suggest = (query: string) => suggestWallMentionsAction({ query });

export function PostBox() {
  const [id, setId] = useState(() => crypto.randomUUID());
  const [image, setImage] = useState<{ id: string; src: string } | null>(null);
  const [imageError, setImageError] = useState<string | undefined>();
  const [uploading, setUploading] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const form = useActionForm(boxSchema, createWallPostAction, {
    defaultValues: { body: "", imageAlt: "", decorative: false },
    transform: (values) => ({ id, body: values.body, imageId: image?.id ?? null, imageAlt: values.imageAlt || undefined, decorative: values.decorative ?? false }),
    refresh: true,
    resetOnSuccess: true,
    onSuccess: () => {
      setId(crypto.randomUUID());
      setImage(null);
      return "Your post is on the wall.";
    },
    onFailure: (result) => {
      const message = result.fieldErrors?.imageId;
      if (message) setImageError(message);
    },
  });

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setImageError(undefined);
    setUploading(true);
    try {
      const body = new FormData();
      body.append("file", file);
      const response = await fetch("/api/uploads?for=wall", { method: "POST", body, credentials: "same-origin" });
      const answer = (await response.json().catch(() => null)) as { ok?: boolean; data?: { id: string; src: string }; fieldErrors?: Record<string, string>; formError?: string } | null;
      if (!response.ok || !answer?.ok || !answer.data) {
        setImageError(answer?.fieldErrors?.file ?? answer?.formError ?? "The image could not be uploaded. Try again.");
        fileRef.current?.focus();
        return;
      }
      setImage({ id: answer.data.id, src: answer.data.src });
    } catch {
      setImageError("The image could not be uploaded. Check your connection and try again.");
    } finally {
      setUploading(false);
      if (fileRef.current) fileRef.current.value = "";
    }
  };

  return (
    <ActionForm form={form} className="space-y-4 rounded border-2 border-gray-300 p-4" aria-label="Write a post">
      <FormControlled
        name="body"
        render={({ field, error }) => (
          <>
            <MentionTextarea
              label="Your post"
              hint={`Plain text of up to ${WALL_POST_MAX} characters; links work, and typing @ suggests people who can see the wall.`}
              error={error}
              value={String(field.value ?? "")}
              onChange={field.onChange}
              onBlur={field.onBlur}
              name={field.name}
              textareaRef={field.ref}
              suggest={suggest}
              rows={3}
              maxLength={WALL_POST_MAX + 200}
            />
            <Count text={String(field.value ?? "")} />
          </>
        )}
      />
      <ImageFields
        image={image}
        error={imageError}
        uploading={uploading}
        fileRef={fileRef}
        onFile={upload}
        onRemove={() => {
          setImage(null);
          setImageError(undefined);
          requestAnimationFrame(() => fileRef.current?.focus());
        }}
      />
      <FormSubmitRow label="Post" busyLabel="Posting…" disabled={uploading} />
    </ActionForm>
  );
}

/** The live count: always shown; read out when 50 or fewer remain, or the text is too long. */
function Count({ text }: { text: string }) {
  const left = charactersLeft(text);
  const words = countText(left);
  return (
    <>
      <p aria-hidden="true" className={`text-sm ${left < 0 ? "font-semibold text-red-800" : "text-gray-700"}`} data-testid="wall-count">
        {words}
      </p>
      <p role="status" className="sr-only">
        {left <= 50 ? words : ""}
      </p>
    </>
  );
}

function ImageFields({
  image,
  error,
  uploading,
  fileRef,
  onFile,
  onRemove,
}: {
  image: { id: string; src: string } | null;
  error: string | undefined;
  uploading: boolean;
  fileRef: React.RefObject<HTMLInputElement | null>;
  onFile: (file: File | undefined) => void;
  onRemove: () => void;
}) {
  const decorative = useWatch({ name: "decorative" }) === true;
  const errorId = error ? "wall-image-error" : undefined;
  return (
    <fieldset className="space-y-3">
      <legend className="font-semibold">Image (optional)</legend>
      {image ? (
        <div className="space-y-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- the upload is served by our own route, with its access check */}
          <img src={image.src} alt="" className="max-h-40 w-auto rounded border" />
          <button type="button" className={buttonClass.secondary} onClick={onRemove}>
            Remove image
          </button>
          {decorative ? null : <FormTextField name="imageAlt" label="Describe the image" hint="For people who cannot see it: what it shows that matters to the post." maxLength={WALL_ALT_MAX + 50} />}
          <FormCheckbox name="decorative" label="The image is decorative (it adds nothing to the text)" />
        </div>
      ) : (
        <div className={error ? "border-l-4 border-red-700 pl-4" : undefined}>
          <label htmlFor="wall-image" className="block">
            Choose an image
          </label>
          <FieldNotes hintId="wall-image-hint" hint="PNG, JPEG, GIF or WebP, up to 5 MB." errorId={errorId} error={error} />
          <input
            ref={fileRef}
            id="wall-image"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            aria-describedby={["wall-image-hint", errorId].filter(Boolean).join(" ")}
            aria-invalid={error ? true : undefined}
            disabled={uploading}
            onChange={(e) => onFile(e.target.files?.[0])}
            className="mt-1 block w-full max-w-full text-sm"
          />
          {uploading ? (
            <p role="status" className="mt-1 text-sm">
              Uploading…
            </p>
          ) : null}
        </div>
      )}
    </fieldset>
  );
}
