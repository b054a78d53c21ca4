import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/security/change-password-form";
import { TwoFactorManage, TwoFactorSetup } from "@/components/security/two-factor";
import { requireViewer } from "@/lib/access/viewer";
import { getOwnSecurity } from "@/lib/security/queries";

export const metadata: Metadata = { title: "Security" };

/** A person's own sign-in security: two-factor sign-in (M4) and their password (item 10). */
export default async function SecurityPage() {
  const viewer = await requireViewer();
  const security = await getOwnSecurity(viewer);
  return (
    <>
      <h1 className="text-3xl font-bold">Security</h1>
      <section aria-labelledby="two-factor-heading" className="mt-8">
        <h2 id="two-factor-heading" className="text-2xl font-bold">
          Two-factor sign-in
        </h2>
        <p className="mt-2 max-w-prose">After your password, Portico asks for a code from an app on your phone, so your password alone is not enough to sign in as you.</p>
        {security.twoFactorOn ? (
          <TwoFactorManage hasPassword={security.hasPassword} recoveryCodesLeft={security.recoveryCodesLeft} required={false} />
        ) : (
          <TwoFactorSetup hasPassword={security.hasPassword} />
        )}
      </section>
      {security.hasPassword ? (
        <section aria-labelledby="password-heading" className="mt-12">
          <h2 id="password-heading" className="text-2xl font-bold">
            Change your password
          </h2>
          <ChangePasswordForm />
        </section>
      ) : null}
    </>
  );
}
