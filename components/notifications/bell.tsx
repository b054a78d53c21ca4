"use client";
/**
 * K5: the bell in the header, with the unread count (capped "99+"), read by React Query
 * from unreadCountAction: one indexed query with the access check (C4 E6), polled every
 * minute while the page is visible and on focus. The count is part of the link's name,
 * and a change of it is announced politely.
 */
import Link from "next/link";
import { QueryClientScope } from "@/components/ui/query-client-scope";
import { useUnreadCount } from "./unread-query";

const CAP = 99;
const label = (n: number) => (n > CAP ? `${CAP}+` : String(n));

function BellLink() {
  const count = useUnreadCount();
  const words = count === null ? "" : count === 0 ? "no unread" : `${label(count)} unread`;
  return (
    <>
      <Link
        href="/notifications"
        className="relative ml-auto flex min-h-11 min-w-11 items-center justify-center rounded px-2 py-2 text-white no-underline hover:bg-brand-800"
        data-unread={count ?? undefined}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className="sr-only">Notifications{words ? `, ${words}` : ""}</span>
        {count ? (
          <span aria-hidden="true" className="absolute -right-1 -top-1 min-w-6 rounded-full bg-white px-1 text-center text-sm font-bold text-brand-800">
            {label(count)}
          </span>
        ) : null}
      </Link>
      <span role="status" className="sr-only">
        {count ? `${label(count)} unread notifications` : ""}
      </span>
    </>
  );
}

export function NotificationBell() {
  return (
    <QueryClientScope>
      <BellLink />
    </QueryClientScope>
  );
}
