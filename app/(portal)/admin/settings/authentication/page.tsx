import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { AuthenticationSettingsForm } from "@/components/security/authentication-settings-form";
import { canAsWebmaster } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";
import { getAuthenticationSettings } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Authentication settings" };

/** M4, M6: webmasters only. */
export default async function AuthenticationSettingsPage() {
  const viewer = await requireViewer();
  if (!canAsWebmaster(viewer, "settings.authentication")) forbidden();
  const settings = await getAuthenticationSettings();
  return (
    <>
      <h1 className="text-3xl font-bold">Authentication settings</h1>
      <p className="mt-2 max-w-prose text-gray-800">How people sign in to Portico: where they get help, and which second codes they need.</p>
      <AuthenticationSettingsForm initial={settings} />
    </>
  );
}
