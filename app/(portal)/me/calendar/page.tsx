import type { Metadata } from "next";
import { FeedAddress, MakeFeedButton, ResetFeedButton } from "@/components/calendar-feed/calendar-feed-controls";
import { formatDateTime } from "@/components/content/format";
import { requireViewer } from "@/lib/access/viewer";
import { FEED_DAYS_AFTER, FEED_DAYS_BEFORE } from "@/lib/calendar-feed/feed";
import { getOwnFeed } from "@/lib/calendar-feed/queries";
import { publicOrigin } from "@/lib/site-url";

export const metadata: Metadata = { title: "Calendar feed" };

/**
 * C7: one's own private calendar feed: its address, what it shows and to whom, and "Reset the
 * address" (confirmed; the old one stops working at once). The address is made when first asked
 * for. Not shown while a webmaster views the site as someone (B2): it is that person's key.
 */
export default async function CalendarFeedPage() {
  const viewer = await requireViewer();
  const feed = await getOwnFeed(viewer);
  return (
    <>
      <h1 className="text-3xl font-bold">Calendar feed</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Your calendar address lets a calendar app, such as Outlook, Google Calendar or Apple Calendar, show the{" "}
        <a href="/events" className="text-brand-700 underline">
          events
        </a>{" "}
        you can view in Portico, from {FEED_DAYS_BEFORE} days ago to {FEED_DAYS_AFTER === 365 ? "a year" : `${FEED_DAYS_AFTER} days`} ahead. Add it to your app as a calendar
        to subscribe to (&ldquo;from the internet&rdquo; or &ldquo;from URL&rdquo;); the app then checks for changes every so often.
      </p>
      <p className="mt-4 max-w-prose border-l-4 border-brand-700 bg-brand-50 p-4">
        <strong>Keep this address to yourself.</strong> Anyone with this address can see the titles, times and places of the events you can see, without signing in. If
        someone else may have it, reset the address: the old one stops working at once.
      </p>
      <section aria-labelledby="address-heading" className="mt-8">
        <h2 id="address-heading" className="text-2xl font-bold">
          Your address
        </h2>
        <FeedState feed={feed} />
      </section>
    </>
  );
}

function FeedState({ feed }: { feed: Awaited<ReturnType<typeof getOwnFeed>> }) {
  switch (feed.status) {
    case "hidden":
      return <p className="mt-2 max-w-prose">The calendar address is not shown while you view the site as someone else: it is theirs alone.</p>;
    case "none":
      return (
        <>
          <p className="mt-2 max-w-prose">You have no calendar address yet.</p>
          <MakeFeedButton />
        </>
      );
    case "unreadable":
      return (
        <>
          <p className="mt-2 max-w-prose">
            Your address, made {formatDateTime(feed.createdAt)}, can no longer be shown here because the site&apos;s keys have changed. It still works where you
            use it; reset it to get an address you can see again.
          </p>
          <ResetFeedButton />
        </>
      );
    case "ready":
      return (
        <>
          <FeedAddress origin={publicOrigin()} path={feed.path} />
          <p className="max-w-prose text-gray-800">
            Made {formatDateTime(feed.createdAt)}. {feed.lastUsedAt ? `Last read by a calendar ${formatDateTime(feed.lastUsedAt)}.` : "Not read by a calendar yet."}
          </p>
          <ResetFeedButton />
        </>
      );
  }
}
