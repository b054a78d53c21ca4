"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { showErrors } from "@/components/sections/manage/settings";
import { buttonClass } from "@/components/ui/button";
import { FormErrorSummary, TextField } from "@/components/ui/form";
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
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ResetPasswordInput>({ resolver: zodResolver(resetPasswordInput), defaultValues: { token, password: "", confirm: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await resetPasswordAction(values);
    if (result.ok) {
      setDone(true);
      requestAnimationFrame(() => doneRef.current?.focus());
      return;
    }
    showErrors(result, setError, ["password", "confirm"] as const, setFormError);
    requestAnimationFrame(() => summaryRef.current?.focus());
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

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-6" aria-label="Set a new password">
      <FormErrorSummary ref={summaryRef} message={formError}>
        <SupportLink href={supportUrl} />
      </FormErrorSummary>
      <input type="hidden" {...register("token")} />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={errors.password?.message}
        {...register("password")}
      />
      <TextField label="Confirm the password" type="password" autoComplete="new-password" error={errors.confirm?.message} {...register("confirm")} />
      <button type="submit" disabled={isSubmitting} className={buttonClass.primary}>
        {isSubmitting ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
