"use client";
import Link from "next/link";
import { useState } from "react";
import { type SignInStep, secondFactorAction, sendMobileCodeAction, signInAction, ssoSignInAction } from "@/lib/auth/actions";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { FormTextField } from "@/components/ui/fields";
import { CHALLENGE_EXPIRED, type SecondFactorInput, type SignInInput, WRONG_CODE, WRONG_CREDENTIALS, secondFactorSchema, signInSchema } from "@/lib/auth/schemas";
import { SupportLink } from "./support-link";

type Challenge = Extract<SignInStep, { step: "second-factor" }>;

/** A full navigation when signed in, so middleware and the layouts route by the new session; else the second step, if asked. */
function done(step: SignInStep): Challenge | null {
  if (step.step === "done") window.location.assign(step.redirectTo);
  return step.step === "second-factor" ? step : null;
}

/**
 * The sign-in screen: e-mail and password, and the SSO button when SSO is configured (M5);
 * then, when a second factor is needed (M4), its step. Starting again from that step shows
 * both ways again, and the callback URL is kept throughout (only ever a path on this site:
 * the server reduces it with safeCallbackPath).
 */
export function LoginForm({ callbackUrl, supportUrl, initialChallenge, ssoName }: { callbackUrl?: string; supportUrl?: string; initialChallenge?: Challenge; ssoName?: string }) {
  const [challenge, setChallenge] = useState<Challenge | null>(initialChallenge ?? null);
  const form = useActionForm(signInSchema, (values: SignInInput) => signInAction(values, callbackUrl), {
    defaultValues: { email: "", password: "" },
    onSuccess: (step) => void setChallenge(done(step)),
    // The error summary links a wrong e-mail or password to the e-mail field: the first of the two, naming neither as wrong.
    problemField: (message) => (message === WRONG_CREDENTIALS ? "email" : null),
  });

  const restart = () => {
    // An SSO challenge came in the address: leave it there no longer (a reload would show it again).
    if (challenge?.ssoName) window.history.replaceState(null, "", callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
    setChallenge(null);
  };
  if (challenge) return <SecondFactorForm challenge={challenge} callbackUrl={callbackUrl} supportUrl={supportUrl} onRestart={restart} />;

  return (
    <>
      <ActionForm form={form} className="mt-6 space-y-6" aria-label="Sign in" summaryExtra={<SupportLink href={supportUrl} />}>
        <FormTextField<SignInInput> name="email" label="Email" type="email" autoComplete="username" />
        <FormTextField<SignInInput> name="password" label="Password" type="password" autoComplete="current-password" />
        <FormSubmitRow label="Sign in" busyLabel="Signing in…" withStatus={false} />
      </ActionForm>
      <p className="mt-4">
        <Link href="/forgot-password" className="text-brand-700 underline">
          Forgot your password?
        </Link>
      </p>
      {ssoName ? (
        <form action={ssoSignInAction} className="mt-8 border-t border-gray-300 pt-6">
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
          <button type="submit" className={buttonClass.secondary}>
            Sign in with {ssoName}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** M4: the second step, with a code from the app, a recovery code, or a code sent to the mobile. */
function SecondFactorForm({ challenge, callbackUrl, supportUrl, onRestart }: { challenge: Challenge; callbackUrl?: string; supportUrl?: string; onRestart: () => void }) {
  const [mode, setMode] = useState<"totp" | "recovery" | "mobile">(challenge.totp ? "totp" : "mobile");
  const [sent, setSent] = useState("");
  const viaSso = !!challenge.ssoName;
  // The challenge travels in the form's values (defaultValues), not in a field of its own.
  const form = useActionForm(secondFactorSchema, (values: SecondFactorInput) => secondFactorAction(values, callbackUrl, viaSso), {
    defaultValues: { challenge: challenge.challenge, code: "" },
    onSuccess: (step) => void done(step),
    problemField: (message) => (message === WRONG_CODE ? "code" : null),
  });
  const expired = form.formError?.startsWith(CHALLENGE_EXPIRED) ?? false;

  const sendCode = async () => {
    form.showProblem(null);
    setSent("");
    const result = await sendMobileCodeAction({ challenge: challenge.challenge }, viaSso);
    if (!result.ok) return form.showFailure(result);
    setMode("mobile");
    setSent(`We sent a code to your mobile number ending ${result.data.ending}. It expires in 5 minutes.`);
  };

  const choose = (next: typeof mode) => {
    setMode(next);
    form.showProblem(null);
    form.form.reset({ challenge: challenge.challenge, code: "" });
  };

  const label = { totp: "Code from your authenticator app", recovery: "Recovery code", mobile: "Code sent to your mobile" }[mode];
  const hint = {
    totp: "Open the authenticator app on your phone and enter the 6-digit code it shows for Portico.",
    recovery: "One of the codes you saved when you set up two-factor sign-in, like abcde-12345. Each works once.",
    mobile: challenge.mobileEnding ? `A 6-digit code sent by text message to your mobile number ending ${challenge.mobileEnding}.` : "A 6-digit code sent by text message.",
  }[mode];

  return (
    <div className="mt-6 space-y-6">
      <h2 className="text-2xl font-bold">Check it is you</h2>
      <p>{challenge.ssoName ? `You have signed in with ${challenge.ssoName}.` : "Your password is right."} To finish signing in, enter a second code.</p>
      <ActionForm form={form} className="space-y-6" aria-label="Enter your sign-in code" summaryExtra={<SupportLink href={supportUrl} />}>
        <FormTextField<SecondFactorInput>
          key={mode}
          name="code"
          label={label}
          hint={hint}
          inputMode={mode === "recovery" ? "text" : "numeric"}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
        />
        <FormSubmitRow label="Continue" busyLabel="Checking…" disabled={expired} withStatus={false} />
      </ActionForm>
      <p role="status" aria-live="polite" className="font-semibold text-green-800">
        {sent}
      </p>
      <div className="space-y-2 border-t border-gray-300 pt-4">
        <h3 className="font-bold">Other ways to sign in</h3>
        <ul className="space-y-1">
          {mode !== "totp" && challenge.totp ? (
            <li>
              <button type="button" className={buttonClass.link} onClick={() => choose("totp")}>
                Use my authenticator app
              </button>
            </li>
          ) : null}
          {challenge.mobileEnding ? (
            <li>
              <button type="button" className={buttonClass.link} onClick={sendCode}>
                {mode === "mobile" && sent ? "Send a new code to my mobile" : `Send a code to my mobile ending ${challenge.mobileEnding}`}
              </button>
            </li>
          ) : null}
          {mode !== "recovery" && challenge.totp ? (
            <li>
              <button type="button" className={buttonClass.link} onClick={() => choose("recovery")}>
                Use a recovery code
              </button>
            </li>
          ) : null}
          <li>
            <button type="button" className={buttonClass.link} onClick={onRestart}>
              {viaSso ? "Start again" : "Start again with my email address"}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
