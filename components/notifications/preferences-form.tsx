"use client";
/**
 * K5: how each kind of notification reaches the person by e-mail: at once, in the daily
 * digest, or off (the site always shows them). Saved all at once.
 */
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormFieldset } from "@/components/ui/fields";
import { DELIVERIES, DELIVERY_LABEL, KIND_LABEL, NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { saveNotificationPreferencesAction } from "@/lib/notifications/actions";
import { type PreferencesInput, preferencesInput } from "@/lib/notifications/schemas";

const OPTIONS = DELIVERIES.map((value) => ({ value, label: DELIVERY_LABEL[value] }));

export function PreferencesForm({ current }: { current: PreferencesInput }) {
  const form = useActionForm(preferencesInput, saveNotificationPreferencesAction, {
    defaultValues: current,
    onSuccess: () => "Your e-mail settings are saved.",
  });
  return (
    <ActionForm form={form} className="mt-6 space-y-6" aria-label="E-mail for each kind of notification">
      {NOTIFICATION_KINDS.map((kind) => (
        <FormFieldset<PreferencesInput> key={kind} name={kind} legend={KIND_LABEL[kind]} options={OPTIONS} inline />
      ))}
      <FormSubmitRow label="Save e-mail settings" />
    </ActionForm>
  );
}
