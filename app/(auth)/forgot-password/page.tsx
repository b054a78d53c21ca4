import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { PlainPage } from "@/components/shell/plain-page";
import { PASSWORD_RESET_LINK_MINUTES } from "@/lib/auth/password-reset";
import { getAuthenticationSettings } from "@/lib/auth/settings";
import { enforceAllowlist } from "@/lib/security/allowlist";

export const metadata: Metadata = { title: "Forgot your password?" };

/** P7: where "Forgot your password?" on the sign-in page leads. */
export default async function ForgotPasswordPage() {
  await enforceAllowlist(); // M7: this page reads no viewer
  const { itSupportUrl } = await getAuthenticationSettings();
  return (
    <PlainPage width="max-w-md">
      <h1 className="text-3xl font-bold">Forgot your password?</h1>
      <p className="mt-4">Enter the e-mail address you sign in with. We will send a link to it where you can choose a new password.</p>
      <ForgotPasswordForm supportUrl={itSupportUrl || undefined} linkMinutes={PASSWORD_RESET_LINK_MINUTES} />
      <p className="mt-8">
        <Link href="/login" className="text-brand-700 underline">
          Back to sign in
        </Link>
      </p>
    </PlainPage>
  );
}
