"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextField } from "@/components/ui/fields";
import { createChildTeamAction, renameTeamAction } from "@/lib/teams/actions";
import { type CreateChildTeamInput, type RenameTeamInput, createChildTeamInput, renameTeamInput } from "@/lib/teams/schemas";

/** P5: change a team's name (its address stays the same). */
export function RenameTeamForm({ teamId, name }: { teamId: number; name: string }) {
  const form = useActionForm(renameTeamInput, renameTeamAction, {
    defaultValues: { teamId, name },
    refresh: true,
    onSuccess: () => "The team's name was saved.",
  });
  return (
    <ActionForm form={form} className="mt-3 space-y-4" aria-labelledby="edit-team">
      <FormTextField<RenameTeamInput> name="name" label="Team name" autoComplete="off" />
      <FormSubmitRow label="Save name" />
    </ActionForm>
  );
}

/** P5: create a team below this one; its key (address) is made from its name. */
export function CreateChildTeamForm({ parentId, parentName }: { parentId: number; parentName: string }) {
  const form = useActionForm(createChildTeamInput, createChildTeamAction, {
    defaultValues: { parentId, name: "" },
    redirect: (data) => `/teams/${data.key}`,
  });
  return (
    <ActionForm form={form} className="mt-3 space-y-4" aria-labelledby="child-team">
      <FormTextField<CreateChildTeamInput>
        name="name"
        label="Name of the new team"
        hint={`It will sit under ${parentName}. Its address is made from its name.`}
        autoComplete="off"
      />
      <FormSubmitRow label="Create team" busyLabel="Creating…" withStatus={false} />
    </ActionForm>
  );
}
