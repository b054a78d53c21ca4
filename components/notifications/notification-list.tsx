"use client";
/**
 * K5: the notifications list. Opening one marks it read; each unread one can be marked
 * read on its own, or all at once. What each says was read on the server, for this
 * viewer, only for what they may view now (C4 E6). The bell counts again after each.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { buttonClass } from "@/components/ui/button";
import { QueryClientScope } from "@/components/ui/query-client-scope";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/notifications/actions";
import { useRefreshUnread } from "./unread-query";

export interface NotificationRow {
  id: number;
  summary: string;
  href: string;
  when: string;
  unread: boolean;
}

function List({ rows, anyUnread, emptyText }: { rows: NotificationRow[]; anyUnread: boolean; emptyText: string }) {
  const router = useRouter();
  const refreshBell = useRefreshUnread();
  const [busy, startTransition] = useTransition();
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [readHere, setReadHere] = useState<Set<number>>(new Set());

  const markOne = (id: number, announce: boolean) =>
    startTransition(async () => {
      const result = await markNotificationReadAction({ id });
      if (!result.ok) {
        setError(result.formError ?? "The notification could not be marked read.");
        return;
      }
      setError(null);
      setReadHere((prev) => new Set(prev).add(id));
      refreshBell();
      if (announce) {
        setStatus("Marked as read.");
        router.refresh();
      }
    });

  const markAll = () =>
    startTransition(async () => {
      const result = await markAllNotificationsReadAction({});
      if (!result.ok) {
        setError(result.formError ?? "Your notifications could not be marked read.");
        return;
      }
      setError(null);
      setStatus(result.data.marked === 1 ? "1 notification marked as read." : `${result.data.marked} notifications marked as read.`);
      setReadHere(new Set(rows.map((r) => r.id)));
      refreshBell();
      router.refresh();
    });

  return (
    <>
      {anyUnread ? (
        <p className="mt-4">
          <button type="button" className={buttonClass.secondary} onClick={markAll} disabled={busy}>
            Mark all as read
          </button>
        </p>
      ) : null}
      <ActionFeedback status={status} error={error} />
      {rows.length === 0 ? (
        <p className="mt-6">{emptyText}</p>
      ) : (
        <ul className="mt-6 divide-y divide-gray-300 border-y border-gray-300" aria-label="Notifications">
          {rows.map((row) => {
            const unread = row.unread && !readHere.has(row.id);
            return (
              <li key={row.id} className={`flex flex-wrap items-start justify-between gap-3 py-4 ${unread ? "border-l-4 border-brand-700 pl-3" : "pl-4"}`}>
                <div className="min-w-0 flex-1">
                  <p className={unread ? "font-semibold" : undefined}>
                    {unread ? <span className="sr-only">Unread: </span> : null}
                    <Link href={row.href} className="break-words text-brand-700 underline" onClick={() => unread && markOne(row.id, false)}>
                      {row.summary}
                    </Link>
                  </p>
                  <p className="mt-1 text-sm text-gray-700">{row.when}</p>
                </div>
                {unread ? (
                  <button type="button" className={buttonClass.secondary} onClick={() => markOne(row.id, true)} disabled={busy}>
                    Mark as read<span className="sr-only">: {row.summary}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export function NotificationList(props: { rows: NotificationRow[]; anyUnread: boolean; emptyText: string }) {
  return (
    <QueryClientScope>
      <List {...props} />
    </QueryClientScope>
  );
}
