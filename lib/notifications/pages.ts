import "server-only";
/** K5: what the notification pages read, for the signed-in viewer only (never someone else's). */
import { getDb } from "@/db/client";
import type { Viewer } from "@/lib/access/types";
import { type Preferences, preferencesOf } from "./preferences";
import { type NotificationPage, listNotifications, unreadCount } from "./queries";

/** /notifications: one page (all or unread) and the unread count, each checked as the viewer. */
export async function notificationsPageData(viewer: Viewer, options: { unreadOnly: boolean; before: string | null }): Promise<{ page: NotificationPage; unread: number }> {
  const db = await getDb();
  const [page, unread] = await Promise.all([listNotifications(db, viewer, options), unreadCount(db, viewer)]);
  return { page, unread };
}

/** /me/notifications: the viewer's own e-mail preferences, defaults filled in. */
export async function ownPreferences(viewer: Viewer): Promise<Preferences> {
  return preferencesOf(await getDb(), viewer.id);
}
