import type { Metadata } from "next";
import { ChangeEmailForm } from "@/components/security/change-email-form";
import { ChangePasswordForm } from "@/components/security/change-password-form";
import { TwoFactorManage, TwoFactorSetup } from "@/components/security/two-factor";
import { formatDateTime } from "@/components/content/format";
import { requireViewer } from "@/lib/access/viewer";
import { EMAIL_CHANGE_NO_PASSWORD_MESSAGE, EMAIL_CHANGE_SSO_MESSAGE } from "@/lib/people/mutations";
import { getOwnSecurity } from "@/lib/security/queries";

export const metadata: Metadata = { title: "Security" };

/** A person's own sign-in security: two-factor sign-in (M4), changing their own password and e-mail address (audited, M8). */
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
      <section aria-labelledby="email-heading" className="mt-12">
        <h2 id="email-heading" className="text-2xl font-bold">
          Change your e-mail address
        </h2>
        <p className="mt-2 max-w-prose">
          You sign in with <strong className="break-all">{security.email}</strong>, and Portico e-mails you there.
        </p>
        {!security.hasPassword || security.usesSso ? (
          <p className="mt-4 max-w-prose border-l-4 border-brand-700 bg-brand-50 p-4">{security.hasPassword ? EMAIL_CHANGE_SSO_MESSAGE : EMAIL_CHANGE_NO_PASSWORD_MESSAGE}</p>
        ) : (
          <>
            <p className="mt-2 max-w-prose">We send a link to the new address; your address changes only when you open it, signed in. Then a notice goes to this address, and you are signed out everywhere else.</p>
            {security.pendingEmail ? (
              <p className="mt-4 max-w-prose border-l-4 border-brand-700 bg-brand-50 p-4">
                A link to confirm <strong className="break-all">{security.pendingEmail.newEmail}</strong> is waiting in that mailbox until {formatDateTime(security.pendingEmail.expiresAt)}. Asking again replaces it.
              </p>
            ) : null}
            <ChangeEmailForm />
          </>
        )}
      </section>
    </>
  );
}

