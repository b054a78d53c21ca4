"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox } from "@/components/ui/fields";
import { setExternalAccessAction } from "@/lib/settings/actions";
import { EXTERNAL_APPS, EXTERNAL_APP_LABELS, type ExternalAccess, externalAccessInput } from "@/lib/settings/schemas";

/** E5: one switch per app or directory; on gives external people the same access as staff. */
export function ExternalAccessForm({ initial }: { initial: ExternalAccess }) {
  const form = useActionForm(externalAccessInput, setExternalAccessAction, {
    defaultValues: initial,
    refresh: true,
    onSuccess: (_data, values) => {
      const on = EXTERNAL_APPS.filter((a) => values[a]).map((a) => EXTERNAL_APP_LABELS[a].label);
      return on.length ? `Saved. External people now have: ${on.join(", ")}.` : "Saved. External people have none of these.";
    },
  });
  return (
    <ActionForm form={form} className="mt-6 space-y-6">
      <fieldset className="space-y-5">
        <legend className="text-xl font-bold">External people may use</legend>
        {EXTERNAL_APPS.map((app) => (
          <FormCheckbox<ExternalAccess> key={app} name={app} label={EXTERNAL_APP_LABELS[app].label} hint={EXTERNAL_APP_LABELS[app].hint} />
        ))}
      </fieldset>
      <FormSubmitRow label="Save external access" />
    </ActionForm>
  );
}
