import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { SupportLink } from "@/components/auth/support-link";
import { PlainPage } from "@/components/shell/plain-page";
import { LinkProblem } from "@/components/ui/link-problem";
import { FORGOT_PASSWORD_PATH, PASSWORD_RESET_LINK_MESSAGES, passwordResetLinkFor } from "@/lib/auth/password-reset";
import { getAuthenticationSettings } from "@/lib/auth/settings";
import { enforceAllowlist } from "@/lib/security/allowlist";

// The token is in the address: never send it on as a Referer.
export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const TITLES = { used: "This link has been used", superseded: "This link has been replaced", expired: "This link has expired", unknown: "This link is not valid", blocked: "This account is blocked" } as const;

/**
 * P7: a reset e-mail's link. A usable link shows the new-password form; any other says
 * plainly what happened and what to do. Reading the page changes nothing (mail scanners
 * open links): only submitting the form uses the link.
 */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  await enforceAllowlist(); // M7: this page reads no viewer
  const { token } = await params;
  const link = await passwordResetLinkFor(token);
  const { itSupportUrl } = await getAuthenticationSettings();
  const askAgain = link.state !== "used" && link.state !== "blocked";
  return (
    <PlainPage width="max-w-md">
      {link.state === "usable" ? (
        <>
          <h1 className="text-3xl font-bold">Set a new password</h1>
          <p className="mt-4">
            Choose the new password you will use to sign in to Portico as <strong className="break-all">{link.email}</strong>.
          </p>
          <ResetPasswordForm token={token} supportUrl={itSupportUrl || undefined} />
        </>
      ) : (
        <>
          <LinkProblem
            title={TITLES[link.state]}
            message={PASSWORD_RESET_LINK_MESSAGES[link.state]}
            href={askAgain ? FORGOT_PASSWORD_PATH : "/login"}
            linkText={askAgain ? "Ask for a new link" : "Go to sign in"}
          />
          {/* M4: the IT support link on every alert of the sign-in screens. */}
          <SupportLink href={itSupportUrl} />
        </>
      )}
    </PlainPage>
  );
}
