import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { AppModerators } from "@/components/admin/app-moderators";
import { AppsEnabledForm } from "@/components/admin/apps-enabled-form";
import { canAsWebmaster } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";
import { listAppModerators } from "@/lib/app-moderators/queries";
import { getAppsEnabled } from "@/lib/settings/queries";
import { SWITCHABLE_APPS } from "@/lib/settings/schemas";

export const metadata: Metadata = { title: "Apps" };

/** Webmasters (G8): which apps the portal offers at all, and who moderates each. */
export default async function AppsSettingsPage() {
  const viewer = await requireViewer();
  if (!canAsWebmaster(viewer, "settings.manage")) forbidden();
  const [enabled, moderators] = await Promise.all([getAppsEnabled(), listAppModerators(viewer)]);
  return (
    <>
      <h1 className="text-3xl font-bold">Apps</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Turn an app off and it is gone for everyone, webmasters included: its link, its pages and everything in it, until you turn it on again. Nothing in
        it is deleted. Which of the apps that are on external people may use is set under{" "}
        <Link href="/admin/settings/external-access" className="text-brand-700 underline">
          External user access
        </Link>
        .
      </p>
      <AppsEnabledForm initial={enabled} />
      <h2 className="mt-12 text-2xl font-bold">Moderators</h2>
      <p className="mt-2 max-w-prose text-gray-800">Webmasters moderate every app. Name people in the organisation to share the work.</p>
      {SWITCHABLE_APPS.map((app) => (
        <AppModerators key={app} app={app} moderators={moderators?.[app] ?? []} />
      ))}
    </>
  );
}
