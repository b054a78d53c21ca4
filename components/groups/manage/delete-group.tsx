"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextField } from "@/components/ui/fields";
import { deleteGroupAction } from "@/lib/groups/actions";
import { type DeleteGroupForm, deleteGroupInput } from "@/lib/groups/schemas";

/** G5: deleting a group takes its content with it, so its name is typed again first. */
export function DeleteGroup({ groupId, name, items, members }: { groupId: number; name: string; items: number; members: number }) {
  const form = useActionForm(deleteGroupInput, deleteGroupAction, {
    defaultValues: { groupId, confirmName: "" },
    // The directory of groups (G1) is where a deleted group's admins go on from.
    redirect: () => "/groups",
    replace: true,
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-4" aria-labelledby="delete-heading">
      <p>
        Deleting {name} removes it for its {members} {members === 1 ? "member" : "members"}, and deletes its {items} {items === 1 ? "item" : "items"} of content with
        every version, share and image. This cannot be undone.
      </p>
      <FormTextField<DeleteGroupForm> name="confirmName" label={`Type the group's name (${name}) to confirm`} autoComplete="off" />
      <FormSubmitRow label="Delete the group" busyLabel="Deleting…" withStatus={false} />
    </ActionForm>
  );
}
