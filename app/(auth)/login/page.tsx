import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";
import { PlainPage } from "@/components/shell/plain-page";
import { getAuthenticationSettings } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  "signed-out": "You have been signed out. Sign in again to continue.",
  "signed-out-by-you": "You have signed out.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const reason = typeof params.reason === "string" ? params.reason : undefined;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  const { itSupportUrl } = await getAuthenticationSettings();
  return (
    <PlainPage width="max-w-md">
      <h1 className="text-3xl font-bold">Sign in</h1>
      {reason && NOTICES[reason] ? (
        <p role="status" className="mt-6 border-l-4 border-brand-700 bg-brand-50 p-4">
          {NOTICES[reason]}
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} supportUrl={itSupportUrl || undefined} />
    </PlainPage>
  );
}
