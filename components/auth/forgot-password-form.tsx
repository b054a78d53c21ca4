"use client";
import Link from "next/link";
import { useRef, useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormTextField } from "@/components/ui/fields";
import { forgotPasswordAction } from "@/lib/auth/password-reset-actions";
import { type ForgotPasswordInput, forgotPasswordInput } from "@/lib/auth/password-reset-schemas";
import { SupportLink } from "./support-link";

/**
 * P7: asks for the address to send a new-password link to. What it shows afterwards is
 * the same whether or not the address has an account (the server does not tell it).
 */
export function ForgotPasswordForm({ supportUrl, linkMinutes }: { supportUrl?: string; linkMinutes: number }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const form = useActionForm(forgotPasswordInput, forgotPasswordAction, {
    defaultValues: { email: "" },
    onSuccess: ({ email }) => {
      setSentTo(email);
      requestAnimationFrame(() => doneRef.current?.focus());
    },
  });

  if (sentTo) {
    return (
      <div className="mt-6 border-l-4 border-green-700 bg-green-50 p-4">
        <h2 ref={doneRef} tabIndex={-1} className="text-xl font-bold">
          Check your e-mail
        </h2>
        <p className="mt-2">
          If <strong className="break-all">{sentTo}</strong> is the address of a Portico account, we have sent it an e-mail. Open the link in it to set a new password: the link works
          for {linkMinutes} minutes.
        </p>
        <p className="mt-2">Nothing arrived after a few minutes? Check your spam folder and that you typed the address you sign in with, then ask again.</p>
        <p className="mt-4">
          <Link href="/login" className={buttonClass.primary}>
            Back to sign in
          </Link>
        </p>
      </div>
    );
  }

  return (
    <ActionForm form={form} className="mt-6 space-y-6" aria-label="Forgot your password?" summaryExtra={<SupportLink href={supportUrl} />}>
      <FormTextField<ForgotPasswordInput> name="email" label="Email" type="email" autoComplete="username" hint="The address you sign in with." />
      <FormSubmitRow label="Send me a link" busyLabel="Sending…" withStatus={false} />
    </ActionForm>
  );
}
