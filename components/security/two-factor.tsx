"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormTextField } from "@/components/ui/fields";
import { DialogCancelButton, FormDialog } from "@/components/ui/form-dialog";
import type { ActionResult } from "@/lib/action-result";
import { confirmTwoFactorEnrolment, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorEnrolment } from "@/lib/security/actions";
import { type ConfirmTwoFactorInput, type ReauthenticateInput, confirmTwoFactorSchema, reauthenticateSchema } from "@/lib/security/schemas";

const noFields = z.object({});

/** The recovery codes, shown once, with what they are for. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-heading" className="mt-6 border-4 border-brand-700 p-4">
      <h2 id="recovery-heading" className="text-xl font-bold">
        Your recovery codes
      </h2>
      <p className="mt-2">
        If you lose your phone, each of these codes signs you in once instead of a code from the app. Save them somewhere safe now, such as a password manager:
        they will not be shown again.
      </p>
      <ul aria-label="Recovery codes" className="mt-4 grid grid-cols-2 gap-2 font-mono text-lg sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </section>
  );
}

/**
 * M4 enrolment: a new secret as a QR code and as text, then the first code (and the
 * password again) turns it on and shows the recovery codes.
 */
export function TwoFactorSetup({ hasPassword, continueTo }: { hasPassword: boolean; continueTo?: string }) {
  const [secret, setSecret] = useState<{ secret: string; qr: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const form = useActionForm(confirmTwoFactorSchema, confirmTwoFactorEnrolment, {
    defaultValues: { code: "", password: "" },
    // No refresh here: the page would re-render as "on" and the codes, shown once, vanish.
    onSuccess: (data) => void setCodes(data.recoveryCodes),
  });

  // One button, no fields: a new secret, shown next.
  const start = useActionForm(noFields, startTwoFactorEnrolment, { defaultValues: {}, onSuccess: (data) => void setSecret(data) });

  if (codes) {
    return (
      <div>
        <p role="status" className="mt-4 font-semibold text-green-800">
          Two-factor sign-in is on. From now on you will be asked for a code from your app after your password.
        </p>
        <RecoveryCodes codes={codes} />
        {continueTo ? (
          <a href={continueTo} className={`${buttonClass.primary} mt-6`}>
            I have saved my codes: continue
          </a>
        ) : null}
      </div>
    );
  }

  if (!secret) {
    return (
      <ActionForm form={start} className="mt-4 space-y-4">
        <p>You need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator, or a password manager that shows codes.</p>
        <FormSubmitRow label="Set up two-factor sign-in" busyLabel="Starting…" withStatus={false} />
      </ActionForm>
    );
  }

  return (
    <div className="mt-4 space-y-6">
      <ol className="list-decimal space-y-4 pl-6">
        <li>
          <p>In your authenticator app, add an account and scan this QR code.</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
          <img src={secret.qr} alt="QR code for adding Portico to your authenticator app" width={200} height={200} className="mt-2 border border-gray-300 bg-white" />
          <p className="mt-2">If you cannot scan it, type this key instead (spaces do not matter):</p>
          <p className="mt-1 break-all font-mono text-lg" data-testid="totp-secret">
            {secret.secret.match(/.{1,4}/g)?.join(" ")}
          </p>
        </li>
        <li>Enter the 6-digit code the app now shows for Portico{hasPassword ? ", and your password" : ""}.</li>
      </ol>
      <ActionForm form={form} className="space-y-6" aria-label="Confirm two-factor sign-in">
        <FormTextField<ConfirmTwoFactorInput> name="code" label="Code from your app" inputMode="numeric" autoComplete="one-time-code" />
        {hasPassword ? <FormTextField<ConfirmTwoFactorInput> name="password" label="Your password" type="password" autoComplete="current-password" /> : null}
        <FormSubmitRow label="Turn on two-factor sign-in" busyLabel="Checking…" withStatus={false} />
      </ActionForm>
    </div>
  );
}

/**
 * A confirmation dialog with the password field (M4: changes to sign-in security ask for
 * the password again), as a form of the form layer: a wrong password is told beside the
 * field, which takes focus; anything else in the dialog's error summary. The failure that
 * reaches the sign-in limit answers with `redirectTo`, which useActionForm follows.
 */
function PasswordConfirm<T>({
  trigger,
  title,
  confirmLabel,
  tone,
  children,
  hasPassword,
  action,
  onDone,
}: {
  trigger: string;
  title: string;
  confirmLabel: string;
  tone: "danger" | "primary";
  children: React.ReactNode;
  hasPassword: boolean;
  action: (input: ReauthenticateInput) => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
}) {
  const [open, setOpen] = useState(false);
  const form = useActionForm(reauthenticateSchema, action, {
    defaultValues: { password: "" },
    onSuccess: (data) => {
      setOpen(false);
      onDone(data);
    },
  });
  return (
    <FormDialog
      form={form}
      open={open}
      onOpenChange={setOpen}
      title={title}
      description={children}
      trigger={
        <button type="button" className={tone === "danger" ? buttonClass.danger : buttonClass.secondary}>
          {trigger}
        </button>
      }
    >
      {hasPassword ? <FormTextField<ReauthenticateInput> name="password" label="Your password" type="password" autoComplete="current-password" /> : null}
      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={form.busy} className={tone === "danger" ? buttonClass.danger : buttonClass.primary}>
          {form.busy ? "Working…" : confirmLabel}
        </button>
        <DialogCancelButton />
      </div>
    </FormDialog>
  );
}

/** M4: for someone with two-factor on: turn it off, or get new recovery codes. */
export function TwoFactorManage({ hasPassword, recoveryCodesLeft, required }: { hasPassword: boolean; recoveryCodesLeft: number; required: boolean }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [status, setStatus] = useState("");
  return (
    <div className="mt-4 space-y-4">
      <p>
        Two-factor sign-in is <strong>on</strong>. You have {recoveryCodesLeft} unused recovery code{recoveryCodesLeft === 1 ? "" : "s"}.
      </p>
      <div className="flex flex-wrap gap-3">
        <PasswordConfirm
          trigger="Get new recovery codes…"
          title="Replace your recovery codes?"
          confirmLabel="Replace my codes"
          tone="primary"
          hasPassword={hasPassword}
          action={regenerateRecoveryCodes}
          onDone={(data) => setCodes(data.recoveryCodes)}
        >
          <p>Your current recovery codes stop working, and ten new ones are shown once.</p>
        </PasswordConfirm>
        <PasswordConfirm
          trigger="Turn off two-factor sign-in…"
          title="Turn off two-factor sign-in?"
          confirmLabel="Turn it off"
          tone="danger"
          hasPassword={hasPassword}
          action={disableTwoFactor}
          onDone={() => {
            setStatus("Two-factor sign-in is off.");
            router.refresh();
          }}
        >
          <p>Your password alone will sign you in. Your app&apos;s codes and your recovery codes stop working.</p>
          {required ? <p className="font-semibold">Your organisation requires two-factor sign-in: you will be asked to set it up again straight away.</p> : null}
        </PasswordConfirm>
      </div>
      <p role="status" aria-live="polite" className="font-semibold text-green-800">
        {status}
      </p>
      {codes ? <RecoveryCodes codes={codes} /> : null}
    </div>
  );
}
