import type { Metadata } from "next";
import Link from "next/link";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { requireViewer } from "@/lib/access/viewer";
import { ownPreferences } from "@/lib/notifications/pages";

export const metadata: Metadata = { title: "Notification e-mails" };

/** K5: the viewer's own e-mail preferences, one choice a kind of notification. */
export default async function NotificationPreferencesPage() {
  const viewer = await requireViewer();
  const current = await ownPreferences(viewer);
  return (
    <>
      <h1 className="text-3xl font-bold">Notification e-mails</h1>
      <p className="mt-2 max-w-prose">
        Every notification appears under{" "}
        <Link href="/notifications" className="text-brand-700 underline">
          Notifications
        </Link>
        . Choose which ones also reach you by e-mail: at once, in one e-mail a day, or not at all. You are only ever told about what you may open.
      </p>
      <PreferencesForm current={current} />
    </>
  );
}
