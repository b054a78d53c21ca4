"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox, FormFieldset } from "@/components/ui/fields";
import { setGroupVisibilityAction } from "@/lib/groups/actions";
import { type GroupVisibility, type SetVisibilityForm, setVisibilityForm, visibilityConsequence } from "@/lib/groups/schemas";
import { VISIBILITY_OPTIONS } from "./create-group-form";

/** G1: public, private or secret; what the change exposes or hides is said, and confirmed, before it is saved. */
export function GroupVisibilityForm({ groupId, visibility, publishedItems }: { groupId: number; visibility: GroupVisibility; publishedItems: number }) {
  const form = useActionForm(setVisibilityForm, setGroupVisibilityAction, {
    defaultValues: { visibility, confirmed: false },
    transform: (values) => ({ groupId, visibility: values.visibility, confirmed: true as const }),
    refresh: true,
    onSuccess: (data) => {
      form.form.reset({ visibility: data.to, confirmed: false });
      return `Saved: the group is now ${data.to}.`;
    },
  });
  const chosen = form.form.watch("visibility");
  const consequence = visibilityConsequence(visibility, chosen, publishedItems);
  return (
    <ActionForm form={form} className="mt-4 space-y-6" aria-labelledby="visibility-heading">
      <FormFieldset<SetVisibilityForm> name="visibility" legend="Who can find and read it" options={VISIBILITY_OPTIONS} />
      {consequence ? (
        <div className="border-l-4 border-amber-500 bg-amber-50 p-4">
          <p className="font-semibold">
            {visibility} → {chosen}: {consequence}
          </p>
          <div className="mt-3">
            <FormCheckbox<SetVisibilityForm> name="confirmed" label="I understand what this change exposes or hides." />
          </div>
        </div>
      ) : null}
      <FormSubmitRow label="Save visibility" disabled={!consequence} />
    </ActionForm>
  );
}
