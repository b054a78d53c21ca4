"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox, FormFieldset, FormTextField } from "@/components/ui/fields";
import { type AuthenticationSettings, authenticationSettingsFormSchema } from "@/lib/auth/schemas";
import { updateAuthenticationSettings } from "@/lib/security/actions";

const WHO = [
  { value: "nobody", label: "Nobody", hint: "People may set it up for themselves on their Security page." },
  { value: "webmasters", label: "Webmasters", hint: "Webmasters must set it up before they can use Portico." },
  { value: "everyone", label: "Everyone", hint: "Every person must set it up before they can use Portico." },
] as const;

/** M4, M6: the authentication settings, for webmasters. */
export function AuthenticationSettingsForm({ initial }: { initial: AuthenticationSettings }) {
  const form = useActionForm(authenticationSettingsFormSchema, updateAuthenticationSettings, {
    defaultValues: initial,
    refresh: true,
    onSuccess: () => "Authentication settings saved.",
  });
  return (
    <ActionForm form={form} className="mt-6 space-y-8" aria-label="Authentication settings">
      <FormTextField<AuthenticationSettings>
        name="itSupportUrl"
        label="IT support link"
        type="url"
        inputMode="url"
        autoCapitalize="none"
        spellCheck={false}
        hint="Shown on every problem message of the sign-in screens, so people who cannot sign in know where to get help. Leave empty for none."
      />
      <FormFieldset<AuthenticationSettings>
        name="requireTwoFactor"
        legend="Who must use two-factor sign-in"
        hint="Two-factor sign-in asks for a code from an authenticator app after the password. Those who must use it and have not set it up are asked to do so before anything else."
        options={WHO}
      />
      <FormCheckbox<AuthenticationSettings>
        name="mobileCodes"
        label="Mobile codes"
        hint="When ticked, people with a mobile number on their profile are sent a one-time code by text message at sign-in, and may use one instead of their authenticator app. Two people cannot then share one mobile number."
      />
      <FormSubmitRow label="Save settings" />
    </ActionForm>
  );
}
