import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PlainPage } from "@/components/shell/plain-page";
import { TwoFactorSetup } from "@/components/security/two-factor";
import { getViewer } from "@/lib/access/viewer";
import { LOGIN_PATH, homeFor } from "@/lib/routes";
import { getOwnSecurity } from "@/lib/security/queries";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

/**
 * M4: where someone who must use two-factor sign-in and has not set it up is sent before
 * any other page (requireViewer). Outside the portal shell: nothing else is reachable yet.
 */
export default async function RequiredTwoFactorPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(`${LOGIN_PATH}?reason=signed-out`);
  const home = homeFor(viewer.audience);
  const security = await getOwnSecurity(viewer);
  return (
    <PlainPage width="max-w-2xl">
      <h1 className="text-3xl font-bold">Set up two-factor sign-in</h1>
      {viewer.mustEnrolTwoFactor ? (
        <p className="mt-4 border-l-4 border-brand-700 bg-brand-50 p-4">
          Your organisation requires two-factor sign-in for your account. Set it up now to continue to Portico.
        </p>
      ) : (
        <p className="mt-4">
          Two-factor sign-in is set up for your account.{" "}
          <a href={home} className="text-brand-700 underline">
            Continue to Portico
          </a>
        </p>
      )}
      {viewer.mustEnrolTwoFactor ? <TwoFactorSetup hasPassword={security.hasPassword} continueTo={home} /> : null}
    </PlainPage>
  );
}
