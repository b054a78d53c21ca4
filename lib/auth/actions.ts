"use server";
import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { type ActionResult, fieldErrorsOf } from "@/lib/action-result";
import { clientAddress, signIn, signOut } from "@/lib/auth/auth";
import { WRONG_CODE, WRONG_CREDENTIALS, challengeExpiredMessage, secondFactorSchema, signInSchema } from "@/lib/auth/schemas";
import { ssoConfig } from "@/lib/auth/sso";
import { requestMobileCode } from "@/lib/auth/second-factor";
import { requestAllowed } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST } from "@/lib/security/ip";
import { INTRANET_HOME, LOGIN_PATH, safeCallbackPath } from "@/lib/routes";
import { z } from "zod";

/**
 * Messages never say whether an account exists; "blocked" is told only after the right
 * password. `ssoName`: the first step was single sign-on (M5), so starting again means that.
 */
function messageFor(code: string | undefined, ssoName?: string): string {
  if (code === "address") return REFUSED_BY_ALLOWLIST;
  if (code === "blocked") return "This account has been blocked, so it cannot sign in. If you think this is a mistake, contact your site administrator.";
  if (code?.startsWith("rate-limited:")) {
    const minutes = Number(code.split(":")[1]) || 15;
    return `Too many failed sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`;
  }
  if (code === "second-factor-invalid") return WRONG_CODE;
  if (code === "challenge-expired") return challengeExpiredMessage(ssoName);
  return WRONG_CREDENTIALS;
}

export type SignInStep =
  | { step: "done"; redirectTo: string }
  /** M4: the password was right; a code is needed before any session is issued. */
  | { step: "second-factor"; challenge: string; totp: boolean; mobileEnding: string | null; ssoName?: string };

/** "second-factor:<totp|mobile>:<mobile ending>:<challenge>" from lib/auth/auth.ts. */
function secondFactorStep(code: string | undefined): SignInStep | null {
  const match = /^second-factor:(totp|mobile):(\d*):(.+)$/.exec(code ?? "");
  return match ? { step: "second-factor", totp: match[1] === "totp", mobileEnding: match[2] || null, challenge: match[3]! } : null;
}

/** The SSO provider's name when the sign-in's first step was SSO (the form says so; it only chooses words). */
const ssoNameIf = (viaSso: boolean | undefined) => (viaSso === true ? ssoConfig()?.name : undefined);

async function signInWith(fields: Record<string, string>, callbackUrl: string | undefined, viaSso?: boolean): Promise<ActionResult<SignInStep>> {
  // M7: both steps of a sign-in are refused from an address outside the allowlist.
  if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
  try {
    // redirect: false: a redirect rendered inside this response would skip middleware,
    // so the browser navigates itself and middleware and layouts route by audience.
    await signIn("credentials", { ...fields, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const next = secondFactorStep(error.code);
      if (next) return { ok: true, data: next };
      return { ok: false, formError: messageFor(error.code, ssoNameIf(viaSso)) };
    }
    if (error instanceof AuthError) return { ok: false, formError: "Sign-in is not working right now. Try again in a few minutes." };
    throw error;
  }
  return { ok: true, data: { step: "done", redirectTo: safeCallbackPath(callbackUrl) ?? INTRANET_HOME } };
}

export async function signInAction(input: unknown, callbackUrl?: string): Promise<ActionResult<SignInStep>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return signInWith(parsed.data, callbackUrl);
}

/** Step 2 (M4): the challenge and a code from the app, a recovery code, or a mobile code. */
export async function secondFactorAction(input: unknown, callbackUrl?: string, viaSso?: boolean): Promise<ActionResult<SignInStep>> {
  const parsed = secondFactorSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return signInWith(parsed.data, callbackUrl, viaSso);
}

/** M4, M6: sends a one-time code to the mobile of the person signing in. */
export async function sendMobileCodeAction(input: unknown, viaSso?: boolean): Promise<ActionResult<{ ending: string }>> {
  if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
  const parsed = z.object({ challenge: z.string().min(1).max(200) }).safeParse(input);
  if (!parsed.success) return { ok: false, formError: messageFor("challenge-expired", ssoNameIf(viaSso)) };
  const result = await requestMobileCode(parsed.data.challenge, clientAddress(await headers()));
  if (!result.ok) {
    const message = {
      expired: messageFor("challenge-expired", ssoNameIf(viaSso)),
      "too-soon": "A code was sent less than a minute ago. Wait for it, or ask again in a moment.",
      unavailable: "Codes cannot be sent to a mobile for this account.",
    }[result.reason];
    return { ok: false, formError: message };
  }
  return { ok: true, data: { ending: result.ending } };
}

/** M5: starts single sign-on (a redirect to the configured OpenID provider). */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  if (!(await requestAllowed())) throw new Error(REFUSED_BY_ALLOWLIST);
  const callbackUrl = formData.get("callbackUrl");
  await signIn("sso", { redirectTo: safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : null) ?? INTRANET_HOME });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: `${LOGIN_PATH}?reason=signed-out-by-you` });
}
