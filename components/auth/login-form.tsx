"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { signInAction } from "@/app/(auth)/login/actions";
import { type SignInInput, signInSchema } from "@/lib/auth/schemas";
import { FormErrorSummary, TextField } from "@/components/ui/form";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signInAction(values, callbackUrl);
    if (result.ok) {
      // A full navigation, so middleware and the layouts route by the new session.
      window.location.assign(result.data.redirectTo);
      return;
    }
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
      setError(field as keyof SignInInput, { message });
    }
    if (result.formError) {
      setFormError(result.formError);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-6" aria-label="Sign in">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField label="Email" type="email" autoComplete="username" error={errors.email?.message} {...register("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...register("password")} />
      <button
        type="submit"
        disabled={isSubmitting}
        className="min-h-11 rounded bg-brand-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800 disabled:opacity-70"
      >
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
