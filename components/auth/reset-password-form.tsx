"use client";
import Link from "next/link";
import { useRef, useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormTextField } from "@/components/ui/fields";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { resetPasswordAction } from "@/lib/auth/password-reset-actions";
import { type ResetPasswordInput, resetPasswordInput } from "@/lib/auth/password-reset-schemas";
import { SupportLink } from "./support-link";

/**
 * P7: sets a new password from a reset link. As after a welcome link (P3), the person is
 * then sent to sign in with it, not signed in here: every sign-in goes through the one
 * sign-in path, second factor included (M4), and the link alone never becomes a session.
 */
export function ResetPasswordForm({ token, supportUrl }: { token: string; supportUrl?: string }) {
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const form = useActionForm(resetPasswordInput, resetPasswordAction, {
    defaultValues: { token, password: "", confirm: "" },
    onSuccess: () => {
      setDone(true);
      requestAnimationFrame(() => doneRef.current?.focus());
    },
  });

  if (done) {
    return (
      <div className="mt-6 border-l-4 border-green-700 bg-green-50 p-4">
        <h2 ref={doneRef} tabIndex={-1} className="text-xl font-bold">
          Your new password is set
        </h2>
        <p className="mt-2">You have been signed out everywhere else. Sign in with your e-mail address and the password you have just chosen.</p>
        <p className="mt-4">
          <Link href="/login" className={buttonClass.primary}>
            Sign in
          </Link>
        </p>
      </div>
    );
  }

  // The token travels in the form's values (defaultValues), not in a field of its own.
  return (
    <ActionForm form={form} className="mt-6 space-y-6" aria-label="Set a new password" summaryExtra={<SupportLink href={supportUrl} />}>
      <FormTextField<ResetPasswordInput>
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters, and not a common password. A few unrelated words make a strong one.`}
      />
      <FormTextField<ResetPasswordInput> name="confirm" label="Confirm the password" type="password" autoComplete="new-password" />
      <FormSubmitRow label="Set new password" busyLabel="Saving…" withStatus={false} />
    </ActionForm>
  );
}
