"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextArea, FormTextField } from "@/components/ui/fields";
import { updateGroupAction } from "@/lib/groups/actions";
import { type UpdateGroupForm, updateGroupInput } from "@/lib/groups/schemas";

/** G5: the group's name and description (its web address stays). */
export function GroupSettingsForm({ groupId, name, description }: { groupId: number; name: string; description: string }) {
  const form = useActionForm(updateGroupInput, updateGroupAction, {
    defaultValues: { groupId, name, description },
    refresh: true,
    onSuccess: () => "Saved.",
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-6" aria-labelledby="settings-heading">
      <FormTextField<UpdateGroupForm> name="name" label="Name" hint="Its web address stays the same." />
      <FormTextArea<UpdateGroupForm> name="description" label="Description" hint="Optional. Shown with the name." />
      <FormSubmitRow label="Save name and description" />
    </ActionForm>
  );
}
