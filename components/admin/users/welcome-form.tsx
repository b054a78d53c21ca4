"use client";
import Link from "next/link";
import { useRef, useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormTextField } from "@/components/ui/fields";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { type CompleteWelcomeInput, completeWelcomeInput } from "@/lib/people/schemas";
import { completeWelcomeAction } from "@/lib/people/welcome-action";

/**
 * P3: sets the password from a welcome link. On success the person is sent to sign in
 * with it (not signed in here): every sign-in then goes through the one sign-in path,
 * with its rate limits and checks, and the link alone never becomes a session.
 */
export function WelcomeForm({ token }: { token: string }) {
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const form = useActionForm(completeWelcomeInput, completeWelcomeAction, {
    defaultValues: { token, password: "", confirm: "" },
    onSuccess: ({ email }) => {
      setDone(email);
      requestAnimationFrame(() => doneRef.current?.focus());
    },
  });

  if (done) {
    return (
      <div className="mt-6 border-l-4 border-green-700 bg-green-50 p-4">
        <h2 ref={doneRef} tabIndex={-1} className="text-xl font-bold">
          Your password is set
        </h2>
        <p className="mt-2">Your account is ready. Sign in with your e-mail address and the password you have just chosen.</p>
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
    <ActionForm form={form} className="mt-6 space-y-6">
      <FormTextField<CompleteWelcomeInput>
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters, and not a common password. A few unrelated words make a strong one.`}
      />
      <FormTextField<CompleteWelcomeInput> name="confirm" label="Confirm the password" type="password" autoComplete="new-password" />
      <FormSubmitRow label="Set password" withStatus={false} />
    </ActionForm>
  );
}
