"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { type SignInStep, secondFactorAction, sendMobileCodeAction, signInAction, ssoSignInAction } from "@/lib/auth/actions";
import { buttonClass } from "@/components/ui/button";
import { FormErrorSummary, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/action-result";
import { CHALLENGE_EXPIRED, type SecondFactorInput, type SignInInput, secondFactorSchema, signInSchema } from "@/lib/auth/schemas";
import { SupportLink } from "./support-link";

type Challenge = Extract<SignInStep, { step: "second-factor" }>;

/** Shows an action's outcome: navigates when signed in, else errors beside fields and in the summary. */
function useOutcome(setFieldError: (field: string, message: string) => void) {
  const [formError, setFormError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const show = (result: ActionResult<unknown>) => {
    if (result.ok) return;
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) setFieldError(field, message);
    if (result.formError) {
      setFormError(result.formError);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };
  return { formError, setFormError, summaryRef, show };
}

function done(result: ActionResult<SignInStep>): Challenge | null {
  if (!result.ok) return null;
  // A full navigation, so middleware and the layouts route by the new session.
  if (result.data.step === "done") window.location.assign(result.data.redirectTo);
  return result.data.step === "second-factor" ? result.data : null;
}

/**
 * The sign-in screen: e-mail and password, and the SSO button when SSO is configured (M5);
 * then, when a second factor is needed (M4), its step. Starting again from that step shows
 * both ways again, and the callback URL is kept throughout (only ever a path on this site:
 * the server reduces it with safeCallbackPath).
 */
export function LoginForm({ callbackUrl, supportUrl, initialChallenge, ssoName }: { callbackUrl?: string; supportUrl?: string; initialChallenge?: Challenge; ssoName?: string }) {
  const [challenge, setChallenge] = useState<Challenge | null>(initialChallenge ?? null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });
  const { formError, setFormError, summaryRef, show } = useOutcome((field, message) => setError(field as keyof SignInInput, { message }));

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signInAction(values, callbackUrl);
    setChallenge(done(result));
    show(result);
  });

  const restart = () => {
    // An SSO challenge came in the address: leave it there no longer (a reload would show it again).
    if (challenge?.ssoName) window.history.replaceState(null, "", callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
    setChallenge(null);
  };
  if (challenge) return <SecondFactorForm challenge={challenge} callbackUrl={callbackUrl} supportUrl={supportUrl} onRestart={restart} />;

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="mt-6 space-y-6" aria-label="Sign in">
        <FormErrorSummary ref={summaryRef} message={formError}>
          <SupportLink href={supportUrl} />
        </FormErrorSummary>
        <TextField label="Email" type="email" autoComplete="username" error={errors.email?.message} {...register("email")} />
        <TextField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...register("password")} />
        <button type="submit" disabled={isSubmitting} className={buttonClass.primary}>
          {isSubmitting ? "Signing in…" : "Sign in"}
        </button>
      </form>
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
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<SecondFactorInput>({ resolver: zodResolver(secondFactorSchema), defaultValues: { challenge: challenge.challenge, code: "" } });
  const { formError, setFormError, summaryRef, show } = useOutcome((_field, message) => setError("code", { message }));
  const expired = formError?.startsWith(CHALLENGE_EXPIRED) ?? false;
  const viaSso = !!challenge.ssoName;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await secondFactorAction(values, callbackUrl, viaSso);
    done(result);
    show(result);
  });

  const sendCode = async () => {
    setFormError(null);
    setSent("");
    const result = await sendMobileCodeAction({ challenge: challenge.challenge }, viaSso);
    if (result.ok) {
      setMode("mobile");
      setSent(`We sent a code to your mobile number ending ${result.data.ending}. It expires in 5 minutes.`);
    }
    show(result);
  };

  const choose = (next: typeof mode) => {
    setMode(next);
    setFormError(null);
    reset({ challenge: challenge.challenge, code: "" });
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
      <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label="Enter your sign-in code">
        <FormErrorSummary ref={summaryRef} message={formError}>
          <SupportLink href={supportUrl} />
        </FormErrorSummary>
        <input type="hidden" {...register("challenge")} />
        <TextField
          key={mode}
          label={label}
          hint={hint}
          inputMode={mode === "recovery" ? "text" : "numeric"}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          error={errors.code?.message}
          {...register("code")}
        />
        <button type="submit" disabled={isSubmitting || expired} className={buttonClass.primary}>
          {isSubmitting ? "Checking…" : "Continue"}
        </button>
      </form>
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
