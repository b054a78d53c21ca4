import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";
import { SupportLink } from "@/components/auth/support-link";
import { PlainPage } from "@/components/shell/plain-page";
import { enforceAllowlist } from "@/lib/security/allowlist";
import { getAuthenticationSettings } from "@/lib/auth/settings";
import { ssoConfig } from "@/lib/auth/sso";
import { TOO_MANY_PASSWORDS_REASON } from "@/lib/auth/recheck";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  "signed-out": "You have been signed out. Sign in again to continue.",
  "signed-out-by-you": "You have signed out.",
  // M4: lib/auth/recheck.ts ended every session after too many wrong passwords.
  [TOO_MANY_PASSWORDS_REASON]: `You have been signed out everywhere because your password was entered wrongly too many times. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then sign in again. If that was not you, change your password once you are back in.`,
};

const SSO_ERRORS: Record<string, string> = {
  "sso-blocked": "This account has been blocked, so it cannot sign in. If you think this is a mistake, contact your site administrator.",
  "sso-no-email": "Your organisation's sign-in service did not give a verified email address, so Portico cannot tell who you are.",
  AccessDenied: "Sign-in was refused.",
  Configuration: "Sign-in is not working right now. Try again in a few minutes.",
  OAuthCallbackError: "Single sign-on did not complete. Try again.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await enforceAllowlist(); // M7: this page reads no viewer
  const params = await searchParams;
  const reason = typeof params.reason === "string" ? params.reason : undefined;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  const { itSupportUrl } = await getAuthenticationSettings();
  const sso = ssoConfig();
  // M5: an SSO sign-in that needs a second factor comes back here with its challenge
  // (a password sign-in keeps its challenge in the form's state, never in the address).
  const challenge =
    sso && typeof params.challenge === "string" && params.challenge.length <= 200
      ? {
          step: "second-factor" as const,
          challenge: params.challenge,
          totp: params.totp === "1",
          mobileEnding: typeof params.mobile === "string" && /^\d{1,4}$/.test(params.mobile) ? params.mobile : null,
          ssoName: sso.name,
        }
      : undefined;
  const error = typeof params.error === "string" ? SSO_ERRORS[params.error] : undefined;
  return (
    <PlainPage width="max-w-md">
      <h1 className="text-3xl font-bold">Sign in</h1>
      {reason && NOTICES[reason] ? (
        <p role="status" className="mt-6 border-l-4 border-brand-700 bg-brand-50 p-4">
          {NOTICES[reason]}
        </p>
      ) : null}
      {error ? (
        <div role="alert" className="mt-6 border-4 border-red-700 p-4">
          <h2 className="text-lg font-bold">There is a problem</h2>
          <p className="mt-2">{error}</p>
          <SupportLink href={itSupportUrl} />
        </div>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} supportUrl={itSupportUrl || undefined} initialChallenge={challenge} ssoName={sso?.name} />
    </PlainPage>
  );
}
