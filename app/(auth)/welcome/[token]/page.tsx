import type { Metadata } from "next";
import { WelcomeForm } from "@/components/admin/users/welcome-form";
import { PlainPage } from "@/components/shell/plain-page";
import { LinkProblem } from "@/components/ui/link-problem";
import { WELCOME_LINK_MESSAGES } from "@/lib/people/mutations";
import { welcomeLinkState } from "@/lib/people/link-states";
import { LINK_TOKEN } from "@/lib/people/schemas";
import { hashWelcomeToken } from "@/lib/people/welcome-token";

// The token is in the address: never send it on as a Referer.
export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const TITLES = { used: "This link has been used", superseded: "This link has been replaced", expired: "This link has expired", unknown: "This link is not valid", blocked: "This account is blocked" } as const;

/**
 * P3: the welcome e-mail's link. A usable link shows the password form; any other says
 * plainly what happened and what to do. Reading the page changes nothing (mail scanners
 * open links): only submitting the form uses the link.
 */
export default async function WelcomePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const wellFormed = LINK_TOKEN.test(token);
  const link = wellFormed ? await welcomeLinkState(hashWelcomeToken(token)) : { state: "unknown" as const };
  return (
    <PlainPage width="max-w-md">
      {link.state === "usable" ? (
        <>
          <h1 className="text-3xl font-bold">Set your password</h1>
          <p className="mt-4">
            Choose the password you will use to sign in to Portico as <strong className="break-all">{link.email}</strong>.
          </p>
          <WelcomeForm token={token} />
        </>
      ) : (
        <LinkProblem title={TITLES[link.state]} message={WELCOME_LINK_MESSAGES[link.state]} href="/login" linkText="Go to sign in" />
      )}
    </PlainPage>
  );
}
