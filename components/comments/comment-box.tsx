"use client";
/**
 * K1 E6: the box a comment or reply is written in: a labelled textarea where "@" suggests
 * people who can view what is commented on (MentionTextarea). Each comment it sends carries an id
 * made once per comment, so sending the same text twice (a double click, a retry after a
 * lost answer) writes one comment; after a success the box empties and takes a new id.
 */
import { useState } from "react";
import { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormControlled } from "@/components/ui/fields";
import { MentionTextarea } from "@/components/mentions/mention-textarea";
import { createCommentAction } from "@/lib/comments/actions";
import { COMMENT_MAX, COMMENT_TARGET_NOUN, type CommentTarget, commentBody } from "@/lib/comments/schemas";

const boxSchema = z.object({ body: commentBody });

export function CommentBox({
  target,
  parentId,
  label,
  submitLabel,
  onDone,
}: {
  /** What the comment is on (an item, idea, wall post or query). */
  target: CommentTarget;
  /** A reply's thread. */
  parentId?: string;
  label: string;
  submitLabel: string;
  onDone?: () => void;
}) {
  const [id, setId] = useState(() => crypto.randomUUID());
  const form = useActionForm(boxSchema, createCommentAction, {
    defaultValues: { body: "" },
    transform: (values) => ({ id, target, ...(parentId ? { parentId } : {}), body: values.body }),
    refresh: true,
    resetOnSuccess: true,
    onSuccess: () => {
      setId(crypto.randomUUID());
      onDone?.();
      return parentId ? "Your reply is posted." : "Your comment is posted.";
    },
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-3">
      <FormControlled
        name="body"
        render={({ field, error }) => (
          <MentionTextarea
            label={label}
            hint={`Plain text; links work, and typing @ suggests people who can see ${COMMENT_TARGET_NOUN[target.kind]}. At most ${COMMENT_MAX.toLocaleString("en-GB")} characters.`}
            error={error}
            value={String(field.value ?? "")}
            onChange={field.onChange}
            onBlur={field.onBlur}
            name={field.name}
            textareaRef={field.ref}
            mentionFor={{ target }}
            rows={parentId ? 3 : 4}
            maxLength={COMMENT_MAX + 1000}
          />
        )}
      />
      <FormSubmitRow label={submitLabel} busyLabel="Posting…" />
    </ActionForm>
  );
}
