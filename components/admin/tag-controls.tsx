"use client";
/**
 * D7: a tag's row controls on /admin/tags: rename (into an existing tag: merge) and delete,
 * each in a dialog whose form the action parses again (lib/tags/admin-schemas.ts). The page's
 * status line says what was done; the table is read again from the server.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormTextField } from "@/components/ui/fields";
import { DialogCancelButton, FormDialog } from "@/components/ui/form-dialog";
import { deleteTagAction, renameTagAction } from "@/lib/tags/actions";
import { mergeNeedsConfirming } from "@/lib/tags/admin-schemas";
import { TAG_MAX, normaliseTag } from "@/lib/tags/schemas";

const renameForm = z.object({ to: z.string().trim().min(1, "Enter the tag's new name.").max(TAG_MAX * 4, `A tag can be at most ${TAG_MAX} characters.`) });
const deleteForm = z.object({});

const changed = (n: number) => (n === 1 ? "1 item" : `${n} items`);

/**
 * `existing`: the tags on this page. A rename into one of them asks to merge first; into a tag
 * on another page the server answers that it exists (it decides), and the next try asks.
 */
export function TagControls({ tag, existing, onDone }: { tag: string; existing: string[]; onDone: (message: string) => void }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [foundExisting, setFoundExisting] = useState<string[]>([]);
  const exists = (target: string) => target !== tag && (existing.includes(target) || foundExisting.includes(target));
  const rename = useActionForm(renameForm, renameTagAction, {
    defaultValues: { to: tag },
    transform: ({ to }) => ({ from: tag, to, merge: exists(normaliseTag(to)) }),
    onFailure: (failure) => {
      if (failure.fieldErrors?.to === undefined) return;
      const target = normaliseTag(rename.form.getValues("to"));
      if (failure.fieldErrors.to === mergeNeedsConfirming(tag, target)) setFoundExisting((found) => [...found, target]);
    },
    confirm: ({ to }) => {
      const target = normaliseTag(to);
      if (!exists(target)) return null;
      return {
        title: `Merge “${tag}” into “${target}”?`,
        confirmLabel: "Merge tags",
        body: <p>“{target}” is already a tag. Everything tagged “{tag}” will be tagged “{target}” instead, and “{tag}” will no longer exist.</p>,
      };
    },
    onSuccess: (result) => {
      setRenaming(false);
      onDone(result.merged ? `Merged “${result.from}” into “${result.to}” (${changed(result.changed)} changed).` : `Renamed “${result.from}” to “${result.to}” (${changed(result.changed)} changed).`);
      router.refresh();
    },
  });
  const remove = useActionForm(deleteForm, deleteTagAction, {
    defaultValues: {},
    transform: () => ({ name: tag, confirmed: true as const }),
    onSuccess: (result) => {
      setDeleting(false);
      onDone(`Deleted the tag “${result.from}” (removed from ${changed(result.changed)}).`);
      router.refresh();
    },
  });
  return (
    <div className="flex flex-wrap gap-2">
      <FormDialog
        form={rename}
        open={renaming}
        onOpenChange={setRenaming}
        title={`Rename “${tag}”`}
        description="The new name replaces the old one everywhere: content, ideas and group files. Give the name of another tag to merge the two."
        trigger={
          <button type="button" className={buttonClass.secondary}>
            Rename<span className="sr-only"> the tag {tag}</span>
          </button>
        }
      >
        <FormTextField name="to" label="New name" autoComplete="off" />
        <div className="flex flex-wrap gap-3">
          <FormSubmitRow label="Rename tag" busyLabel="Renaming…" withStatus={false} />
          <DialogCancelButton />
        </div>
      </FormDialog>
      <FormDialog
        form={remove}
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete “${tag}”?`}
        description="The tag is removed from everything that carries it. The content, ideas and files themselves are kept."
        trigger={
          <button type="button" className={buttonClass.secondary}>
            Delete<span className="sr-only"> the tag {tag}</span>
          </button>
        }
      >
        <div className="flex flex-wrap gap-3">
          <FormSubmitRow label="Delete tag" busyLabel="Deleting…" withStatus={false} />
          <DialogCancelButton />
        </div>
      </FormDialog>
    </div>
  );
}
