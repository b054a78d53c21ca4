import type { Metadata } from "next";
import { ConfirmEmailChangeForm } from "@/components/security/change-email-form";
import { LinkProblem } from "@/components/ui/link-problem";
import { requireViewer } from "@/lib/access/viewer";
import { EMAIL_CHANGE_LINK_MESSAGES } from "@/lib/people/mutations";
import { emailChangeLinkState } from "@/lib/people/link-states";
import { LINK_TOKEN } from "@/lib/people/schemas";
import { hashLinkToken } from "@/lib/people/welcome-token";

// The token is in the address: never send it on as a Referer.
export const metadata: Metadata = { title: "Confirm your new e-mail address", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const TITLES = {
  used: "This link has been used",
  superseded: "This link has been replaced",
  expired: "This link has expired",
  unknown: "This link is not valid",
  "other-account": "This link is for another account",
  outdated: "This link no longer works",
  taken: "This address is no longer free",
} as const;

/**
 * An own e-mail change's link, e-mailed to the new address. Signed in as the person who
 * asked (the portal layout sends anyone else to sign in first, and back here after), it
 * shows the change and a button; reading the page changes nothing. Any other link says
 * plainly why.
 */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const viewer = await requireViewer();
  const { token } = await params;
  const link = LINK_TOKEN.test(token) ? await emailChangeLinkState(viewer, hashLinkToken(token)) : { state: "unknown" as const };
  return (
    <div className="max-w-prose">
      {link.state === "usable" ? (
        <>
          <h1 className="text-3xl font-bold">Confirm your new e-mail address</h1>
          <ConfirmEmailChangeForm token={token} newEmail={link.newEmail!} />
        </>
      ) : (
        <LinkProblem title={TITLES[link.state]} message={EMAIL_CHANGE_LINK_MESSAGES[link.state]} href="/me/security" linkText="Go to your Security page" />
      )}
    </div>
  );
}
