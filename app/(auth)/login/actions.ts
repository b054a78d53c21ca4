"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { type ActionResult, fieldErrorsOf } from "@/lib/action-result";
import { signIn, signOut } from "@/lib/auth/auth";
import { signInSchema } from "@/lib/auth/schemas";
import { requestAllowed } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST } from "@/lib/security/ip";
import { INTRANET_HOME, LOGIN_PATH, safeCallbackPath } from "@/lib/routes";

/** Messages never say whether an account exists; "blocked" is told only after the right password. */
function messageFor(code: string | undefined): string {
  if (code === "address") return REFUSED_BY_ALLOWLIST;
  if (code === "blocked") return "This account has been blocked, so it cannot sign in. If you think this is a mistake, contact your site administrator.";
  if (code?.startsWith("rate-limited:")) {
    const minutes = Number(code.split(":")[1]) || 15;
    return `Too many failed sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`;
  }
  return "The email address or password is not right. Check them and try again.";
}

export async function signInAction(input: unknown, callbackUrl?: string): Promise<ActionResult<{ redirectTo: string }>> {
  if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    // redirect: false: a redirect rendered inside this response would skip middleware,
    // so the browser navigates itself and middleware and layouts route by audience.
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { ok: false, formError: messageFor(error.code) };
    if (error instanceof AuthError) return { ok: false, formError: "Sign-in is not working right now. Try again in a few minutes." };
    throw error;
  }
  return { ok: true, data: { redirectTo: safeCallbackPath(callbackUrl) ?? INTRANET_HOME } };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: `${LOGIN_PATH}?reason=signed-out-by-you` });
}
