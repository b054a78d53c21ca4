"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { showErrors } from "@/components/sections/manage/settings";
import { FormErrorSummary, SubmitRow, TextField } from "@/components/ui/form";
import { changePassword } from "@/lib/security/actions";
import { type ChangePasswordInput, MIN_PASSWORD_LENGTH, changePasswordSchema } from "@/lib/security/schemas";

/** Item 10: a new password ends every other session of the person; this one stays. */
export function ChangePasswordForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState("");
  const summaryRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordSchema), defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved("");
    const result = await changePassword(values);
    if (result.ok) {
      reset();
      const n = result.data.endedSessions;
      setSaved(`Your password has been changed.${n ? ` You were signed out everywhere else (${n} other session${n === 1 ? "" : "s"}).` : ""}`);
      return;
    }
    showErrors(result, setError, ["currentPassword", "newPassword", "confirmPassword"] as const, setFormError);
    requestAnimationFrame(() => summaryRef.current?.focus());
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-6" aria-label="Change your password">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword?.message} {...register("currentPassword")} />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}
        error={errors.newPassword?.message}
        {...register("newPassword")}
      />
      <TextField label="New password again" type="password" autoComplete="new-password" error={errors.confirmPassword?.message} {...register("confirmPassword")} />
      <SubmitRow busy={isSubmitting} label="Change password" busyLabel="Changing…" status={saved} />
      <p className="text-gray-700">Changing your password signs you out on every other device and browser.</p>
    </form>
  );
}
