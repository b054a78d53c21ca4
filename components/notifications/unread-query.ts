"use client";
/**
 * K5: the unread count as React Query holds it, shared by the bell and the notifications
 * page in one browser tab (marking read refreshes the bell at once).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { unreadCountAction } from "@/lib/notifications/actions";

export const UNREAD_KEY = ["notifications", "unread"] as const;
/** Polled while the page is visible, and again when the tab regains focus. */
export const UNREAD_POLL_MS = 60_000;

export function useUnreadCount(): number | null {
  const { data } = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => {
      const result = await unreadCountAction({});
      return result.ok ? result.data : 0;
    },
    staleTime: 0,
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
  return data ?? null;
}

/** Asks the bell to count again (after marking read). */
export function useRefreshUnread(): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: UNREAD_KEY });
}
