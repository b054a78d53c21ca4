"use client";
import { useRouter } from "next/navigation";
import { TagsInput } from "@/components/tags/tags-input";
import { problemOf } from "@/lib/action-result";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormControlled, FormTextArea, FormTextField } from "@/components/ui/fields";
import { deleteGroupFileAction, editGroupFileAction } from "@/lib/group-docs/actions";
import { extensionOf } from "@/lib/group-docs/file-types";
import { type EditGroupFileForm, GROUP_FILE_DESCRIPTION_MAX, editGroupFileInput } from "@/lib/group-docs/schemas";

/**
 * G7 D4 D7: a file's details — its name (the ending stays, since its type is what its bytes
 * are), description and tags — in one form. The action decides who may; a refusal keeps
 * everything typed.
 */
export function EditGroupFileDetails({ fileId, name, description, tags }: { fileId: string; name: string; description: string; tags: string[] }) {
  const form = useActionForm(editGroupFileInput, editGroupFileAction, {
    defaultValues: { fileId, name, description, tags },
    refresh: true,
    // The status says what changed, in words.
    onSuccess: (edited) => {
      const tagsChanged = edited.tags.from.join("\n") !== edited.tags.to.join("\n");
      if (edited.from === edited.to && !edited.descriptionChanged && !tagsChanged) return "No changes to save.";
      return edited.from === edited.to ? "Details saved." : `Details saved. Renamed to ${edited.to}.`;
    },
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-4" aria-labelledby="details-heading">
      <FormTextField<EditGroupFileForm> name="name" label="File name" hint={`Keep its ending, .${extensionOf(name)}: the type of this file.`} autoComplete="off" />
      <FormTextArea<EditGroupFileForm>
        name="description"
        label="Description (optional)"
        rows={4}
        hint={`What the file is about, in plain text: up to ${GROUP_FILE_DESCRIPTION_MAX} characters. Its first line shows in the group's list of files.`}
      />
      <FormControlled<EditGroupFileForm>
        name="tags"
        render={({ field, error }) => <TagsInput value={(field.value as string[] | undefined) ?? []} onChange={field.onChange} onBlur={field.onBlur} error={error} />}
      />
      <FormSubmitRow label="Save details" />
    </ActionForm>
  );
}

/** G7: deleting a file takes every version with it, so the confirmation says so; the group's page follows. */
export function DeleteGroupFile({ fileId, name, versions, groupSlug }: { fileId: string; name: string; versions: number; groupSlug: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className={buttonClass.danger}>
          Delete this file
        </button>
      }
      title={`Delete ${name}?`}
      confirmLabel="Delete the file and every version"
      onConfirm={async () => {
        const result = await deleteGroupFileAction({ fileId, confirmed: true });
        if (!result.ok) return problemOf(result);
        router.replace(`/groups/${encodeURIComponent(groupSlug)}`);
        return null;
      }}
    >
      <p>
        Every version of {name} ({versions === 1 ? "1 version" : `all ${versions} versions`}) will be deleted for everyone in the group. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
