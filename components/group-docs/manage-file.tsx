"use client";
import { useRouter } from "next/navigation";
import { problemOf } from "@/lib/action-result";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormTextField } from "@/components/ui/fields";
import { deleteGroupFileAction, renameGroupFileAction } from "@/lib/group-docs/actions";
import { extensionOf } from "@/lib/group-docs/file-types";
import { renameGroupFileInput } from "@/lib/group-docs/schemas";

type RenameValues = { fileId: string; name: string };

/** G7: renaming a file; its ending stays, since its type is what its bytes are. The action decides who may. */
export function RenameGroupFile({ fileId, name }: { fileId: string; name: string }) {
  const form = useActionForm(renameGroupFileInput, renameGroupFileAction, {
    defaultValues: { fileId, name },
    refresh: true,
    onSuccess: (renamed) => `Renamed to ${renamed.to}.`,
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-4" aria-labelledby="rename-heading">
      <FormTextField<RenameValues> name="name" label="File name" hint={`Keep its ending, .${extensionOf(name)}: the type of this file.`} autoComplete="off" />
      <FormSubmitRow label="Rename" />
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
