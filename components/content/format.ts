const TIME_ZONE = process.env.PORTICO_TIME_ZONE || "Europe/London";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: TIME_ZONE,
});

export function formatDate(d: Date): string {
  return dateFormat.format(d);
}

export function formatDateTime(d: Date): string {
  return dateTimeFormat.format(d);
}

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
