"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { showErrors } from "@/components/sections/manage/settings";
import { buttonClass } from "@/components/ui/button";
import { FormErrorSummary, SubmitRow, TextField } from "@/components/ui/form";
import { confirmEmailChangeAction, requestEmailChangeAction } from "@/lib/people/email-change-actions";
import { type OwnEmailChangeInput, ownEmailChangeInput } from "@/lib/people/schemas";

/** Item 10: the new address and the current password; a link goes to the new address. */
export function ChangeEmailForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState("");
  const summaryRef = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<OwnEmailChangeInput>({ resolver: zodResolver(ownEmailChangeInput), defaultValues: { newEmail: "", currentPassword: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSent("");
    const result = await requestEmailChangeAction(values);
    if (result.ok) {
      reset();
      setSent(`We sent a link to ${result.data.sentTo}. Open it within 24 hours to confirm; until then your address stays as it is.`);
      router.refresh();
      return;
    }
    showErrors(result, setError, ["newEmail", "currentPassword"] as const, setFormError);
    if (result.formError) requestAnimationFrame(() => summaryRef.current?.focus());
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-6" aria-label="Change your e-mail address">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField label="New e-mail address" type="email" autoComplete="email" spellCheck={false} error={errors.newEmail?.message} {...register("newEmail")} />
      <TextField label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword?.message} {...register("currentPassword")} />
      <SubmitRow busy={isSubmitting} label="Send confirmation link" busyLabel="Sending…" status={sent} />
    </form>
  );
}

/** Item 10: following the link only shows this; the address changes when it is pressed. */
export function ConfirmEmailChangeForm({ token, newEmail }: { token: string; newEmail: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<{ endedSessions: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const confirm = async () => {
    setBusy(true);
    setFormError(null);
    const result = await confirmEmailChangeAction({ token });
    setBusy(false);
    if (result.ok) {
      setDone({ endedSessions: result.data.endedSessions });
      return;
    }
    setFormError(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "Something went wrong and nothing was changed. Please try again.");
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  if (done) {
    const n = done.endedSessions;
    return (
      <div role="status" className="mt-6 border-l-4 border-green-700 p-4">
        <h2 className="text-xl font-bold">Your e-mail address has been changed</h2>
        <p className="mt-2">
          From now on, sign in with <strong className="break-all">{newEmail}</strong>.{n ? ` You were signed out everywhere else (${n} other session${n === 1 ? "" : "s"}).` : ""} A notice has gone to your old address.
        </p>
        <p className="mt-4">
          <a href="/me/security" className="text-brand-700 underline">
            Back to Security
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="mt-6 space-y-6">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <p>
        Your account will use <strong className="break-all">{newEmail}</strong> to sign in and for e-mail. You will be signed out on every other device and browser.
      </p>
      <button type="button" onClick={confirm} disabled={busy} className={buttonClass.primary}>
        {busy ? "Changing…" : "Use this e-mail address"}
      </button>
    </div>
  );
}
