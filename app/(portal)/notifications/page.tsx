import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/content/format";
import { NotificationList } from "@/components/notifications/notification-list";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { pathOf, summaryOf } from "@/lib/notifications/describe";
import { notificationsPageData } from "@/lib/notifications/pages";

export const metadata: Metadata = { title: "Notifications" };

/**
 * K5: the viewer's notifications, newest first, all or unread only, in keyset pages. Each
 * is listed only if they may view what it is about now (C4 E6: decided at delivery).
 */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ show?: string; before?: string }> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const unreadOnly = params.show === "unread";
  const { page, unread } = await notificationsPageData(viewer, { unreadOnly, before: params.before ?? null });
  const rows = page.rows.map((f) => ({ id: f.id, summary: summaryOf(f), href: pathOf(f), when: formatDateTime(new Date(f.createdAt)), unread: f.readAt === null }));
  const filter = (label: string, href: string, current: boolean) => (
    <li>
      <Link href={href} aria-current={current ? "page" : undefined} className={`inline-flex min-h-11 items-center rounded px-3 py-2 ${current ? "bg-brand-700 font-semibold text-white" : "text-brand-700 underline"}`}>
        {label}
      </Link>
    </li>
  );
  return (
    <>
      <h1 className="text-3xl font-bold">Notifications</h1>
      <p className="mt-2 max-w-prose">
        What happened to your content, what you follow, and where you hold a role. Choose which ones you also receive by e-mail in{" "}
        <Link href="/me/notifications" className="text-brand-700 underline">
          your notification settings
        </Link>
        .
      </p>
      <nav aria-label="Show" className="mt-6">
        <ul className="flex flex-wrap gap-2">
          {filter("All", "/notifications", !unreadOnly)}
          {filter(unread > 99 ? "Unread (99+)" : `Unread (${unread})`, "/notifications?show=unread", unreadOnly)}
        </ul>
      </nav>
      <NotificationList rows={rows} anyUnread={unread > 0} emptyText={unreadOnly ? "You have no unread notifications." : "You have no notifications yet."} />
      <Pager basePath="/notifications" next={page.next} isFirstPage={!params.before} label="Notification pages" params={unreadOnly ? { show: "unread" } : {}} />
    </>
  );
}
