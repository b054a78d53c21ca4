"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormFieldset, FormTextArea, FormTextField } from "@/components/ui/fields";
import { createGroupAction } from "@/lib/groups/actions";
import { type CreateGroupForm, VISIBILITIES, VISIBILITY_LABELS, createGroupInput, groupSlugFromName } from "@/lib/groups/schemas";

const VISIBILITY_OPTIONS = VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS[v].label, hint: VISIBILITY_LABELS[v].hint }));

/** G5: a new group; its creator becomes its first admin, and lands on its manage page. */
export function CreateGroupFormView() {
  const form = useActionForm(createGroupInput, createGroupAction, {
    defaultValues: { name: "", description: "", visibility: "private" },
    redirect: (data) => `/groups/${data.slug}/manage?created=1`,
  });
  const slug = groupSlugFromName(form.form.watch("name") ?? "");
  return (
    <ActionForm form={form} className="mt-6 space-y-6" aria-label="New group">
      <FormTextField<CreateGroupForm> name="name" label="Name" hint={slug ? `Its web address will be /groups/${slug}` : "Its web address is made from the name."} />
      <FormTextArea<CreateGroupForm> name="description" label="Description" hint="Optional. Shown with the name, also to people who are not members." />
      <FormFieldset<CreateGroupForm> name="visibility" legend="Who can find and read it" options={VISIBILITY_OPTIONS} />
      <FormSubmitRow label="Create group" busyLabel="Creating…" withStatus={false} />
    </ActionForm>
  );
}

export { VISIBILITY_OPTIONS };
