import type { ContentSummary } from "@/lib/content/listings";
import { type ListedItem, ContentListView } from "./content-list-view";
import { TYPE_LABELS, eventHasEnded, formatDate, formatEventRange } from "./format";

/**
 * A list of items the viewer can view; the caller's query has already applied access (C3).
 * Dates are formatted here, on the server, in the portal's time zone, so the browser renders
 * exactly the same text. Plain links, not next/link: a listing links to dozens of dynamic
 * pages, and next/link would prefetch each one in view (a server render apiece).
 */
export function ContentList({ items, empty, showStatus = false }: { items: ContentSummary[]; empty: string; showStatus?: boolean }) {
  if (!items.length) return <p className="mt-4 text-gray-700">{empty}</p>;
  const now = new Date();
  const listed: ListedItem[] = items.map((item) => ({
    id: item.id,
    typeLabel: TYPE_LABELS[item.type],
    title: item.title,
    draft: showStatus && item.status === "draft",
    section: item.section,
    group: item.group,
    // C7: an event's dates written once; one that is over says so in words.
    eventWhen: item.type === "event" && item.eventStartsAt ? formatEventRange(item.eventStartsAt, item.eventEndsAt) : null,
    eventEnded: item.type === "event" && eventHasEnded({ startsAt: item.eventStartsAt, endsAt: item.eventEndsAt }, now),
    excerpt: item.excerpt,
    dateLine: item.publishedAt ? `Published ${formatDate(item.publishedAt)}` : `Last changed ${formatDate(item.updatedAt)}`,
    // K1 C4: counted for items the viewer sees (the listing's query already applied access).
    comments: item.commentCount > 0 ? (item.commentCount === 1 ? "1 comment" : `${item.commentCount} comments`) : null,
  }));
  return <ContentListView items={listed} />;
}
