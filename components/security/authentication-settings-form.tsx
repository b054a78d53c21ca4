"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { showErrors } from "@/components/sections/manage/settings";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldNotes, FormErrorSummary, TextField } from "@/components/ui/form";
import { type AuthenticationSettings, authenticationSettingsFormSchema } from "@/lib/auth/schemas";
import { updateAuthenticationSettings } from "@/lib/security/actions";

const WHO = [
  { value: "nobody", label: "Nobody", hint: "People may set it up for themselves on their Security page." },
  { value: "webmasters", label: "Webmasters", hint: "Webmasters must set it up before they can use Portico." },
  { value: "everyone", label: "Everyone", hint: "Every person must set it up before they can use Portico." },
] as const;

/** M4, M6: the authentication settings, for webmasters. */
export function AuthenticationSettingsForm({ initial }: { initial: AuthenticationSettings }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState("");
  const summaryRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AuthenticationSettings>({ resolver: zodResolver(authenticationSettingsFormSchema), defaultValues: initial });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved("");
    const result = await updateAuthenticationSettings(values);
    if (result.ok) {
      setSaved("Authentication settings saved.");
      router.refresh();
      return;
    }
    showErrors(result, setError, ["itSupportUrl", "requireTwoFactor", "mobileCodes"] as const, setFormError);
    requestAnimationFrame(() => summaryRef.current?.focus());
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-8" aria-label="Authentication settings">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField
        label="IT support link"
        type="url"
        inputMode="url"
        autoCapitalize="none"
        spellCheck={false}
        hint="Shown on every problem message of the sign-in screens, so people who cannot sign in know where to get help. Leave empty for none."
        error={errors.itSupportUrl?.message}
        {...register("itSupportUrl")}
      />
      <fieldset aria-describedby="who-hint" className={errors.requireTwoFactor ? "border-l-4 border-red-700 pl-4" : undefined}>
        <legend className="font-semibold">Who must use two-factor sign-in</legend>
        <FieldNotes
          hintId="who-hint"
          hint="Two-factor sign-in asks for a code from an authenticator app after the password. Those who must use it and have not set it up are asked to do so before anything else."
          errorId="who-error"
          error={errors.requireTwoFactor?.message}
        />
        <div className="mt-2 space-y-3">
          {WHO.map((w) => (
            <div key={w.value} className="flex items-start gap-3">
              <input
                type="radio"
                id={`who-${w.value}`}
                value={w.value}
                aria-describedby={`who-${w.value}-hint`}
                className="mt-1 h-6 w-6 shrink-0 accent-brand-700"
                {...register("requireTwoFactor")}
              />
              <div>
                <label htmlFor={`who-${w.value}`} className="font-semibold">
                  {w.label}
                </label>
                <p id={`who-${w.value}-hint`} className="text-gray-700">
                  {w.hint}
                </p>
              </div>
            </div>
          ))}
        </div>
      </fieldset>
      <Checkbox
        label="Mobile codes"
        hint="When ticked, people with a mobile number on their profile are sent a one-time code by text message at sign-in, and may use one instead of their authenticator app. Two people cannot then share one mobile number."
        error={errors.mobileCodes?.message}
        {...register("mobileCodes")}
      />
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={isSubmitting} className={buttonClass.primary}>
          {isSubmitting ? "Saving…" : "Save settings"}
        </button>
        <p role="status" aria-live="polite" className="font-semibold text-green-800">
          {saved}
        </p>
      </div>
    </form>
  );
}
