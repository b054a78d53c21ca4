"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextField } from "@/components/ui/fields";
import { changePassword } from "@/lib/security/actions";
import { type ChangePasswordInput, MIN_PASSWORD_LENGTH, changePasswordSchema } from "@/lib/security/schemas";

/** A new password ends every other session of the person; this one stays. */
export function ChangePasswordForm() {
  const form = useActionForm(changePasswordSchema, changePassword, {
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    resetOnSuccess: true,
    onSuccess: ({ endedSessions: n }) =>
      `Your password has been changed.${n ? ` You were signed out everywhere else (${n} other session${n === 1 ? "" : "s"}).` : ""}`,
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-6" aria-label="Change your password">
      <FormTextField<ChangePasswordInput> name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
      <FormTextField<ChangePasswordInput>
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters, and not a common password. A few unrelated words make a strong one.`}
      />
      <FormTextField<ChangePasswordInput> name="confirmPassword" label="New password again" type="password" autoComplete="new-password" />
      <FormSubmitRow label="Change password" busyLabel="Changing…" />
      <p className="text-gray-700">Changing your password signs you out on every other device and browser.</p>
    </ActionForm>
  );
}
