// The organisation's dates as people read them, shared with the server's own messages (lib/content/time.ts).
export { eventHasEnded, formatDate, formatDateTime, formatEventRange } from "@/lib/content/time";

export const TYPE_LABELS = {
  news: "News",
  policy: "Policy",
  page: "Page",
  blog: "Blog post",
  event: "Event",
  poll: "Poll",
} as const;

/** The kind of an item as a noun in a sentence ("New news item", "Edit event"). */
export const TYPE_NOUNS = {
  news: "news item",
  policy: "policy",
  page: "page",
  blog: "blog post",
  event: "event",
  poll: "poll",
} as const;
