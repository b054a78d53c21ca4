"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox } from "@/components/ui/fields";
import { setAppsEnabledAction } from "@/lib/site-settings/actions";
import { type AppsEnabled, SWITCHABLE_APPS, SWITCHABLE_APP_LABELS, appsEnabledInput } from "@/lib/settings/schemas";

/** One switch per app: off, the app is absent for everyone (its link, pages and actions). */
export function AppsEnabledForm({ initial }: { initial: AppsEnabled }) {
  const form = useActionForm(appsEnabledInput, setAppsEnabledAction, {
    defaultValues: initial,
    refresh: true,
    onSuccess: (_data, values) => {
      const off = SWITCHABLE_APPS.filter((a) => !values[a]).map((a) => SWITCHABLE_APP_LABELS[a].label);
      return off.length ? `Saved. Turned off for everyone: ${off.join(", ")}.` : "Saved. Every app is on.";
    },
  });
  return (
    <ActionForm form={form} className="mt-6 space-y-6">
      <fieldset className="space-y-5">
        <legend className="text-xl font-bold">Apps that are on</legend>
        {SWITCHABLE_APPS.map((app) => (
          <FormCheckbox<AppsEnabled> key={app} name={app} label={SWITCHABLE_APP_LABELS[app].label} hint={SWITCHABLE_APP_LABELS[app].hint} />
        ))}
      </fieldset>
      <FormSubmitRow label="Save apps" />
    </ActionForm>
  );
}
