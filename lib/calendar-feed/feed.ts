import "server-only";
/**
 * C7: the answer to GET /api/calendar/<token>: one VCALENDAR with one VEVENT per event the
 * token's person may view at the time of the request (lib/content/events.ts, the events page's
 * own read and predicate), from 30 days ago to a year ahead, at most FEED_EVENT_LIMIT. Made by
 * ical-generator as an event's own file is (lib/content/event-calendar.ts: TEXT escaped and
 * lines folded, so a title or place cannot start a property; times as UTC instants; the item's
 * id as the UID, so a feed and a downloaded file name the same event). Only what the page
 * says the address shows: titles, times, places and each event's address on the site.
 * Anything that opens no feed answers the same bare 404, naming nothing.
 */
import { getDb } from "@/db/client";
import { addCalendarEvent, calendarText, itemUrl, newCalendar } from "@/lib/content/event-calendar";
import { type EventSummary, FEED_EVENT_LIMIT, listEventsBetween } from "@/lib/content/events";
import { notFoundResponse } from "@/lib/uploads/serve";
import { feedViewer } from "./verify";

const DAY_MS = 24 * 60 * 60 * 1000;
export const FEED_DAYS_BEFORE = 30;
export const FEED_DAYS_AFTER = 365;
/** How often calendars are asked to read the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 60 * 60;

/** The feed's text for these events. */
export function feedCalendarText(events: readonly EventSummary[]): string {
  const calendar = newCalendar({ name: "Portico events", ttlSeconds: REFRESH_SECONDS });
  for (const event of events) {
    addCalendarEvent(calendar, { id: event.id, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, place: event.venue, updatedAt: event.updatedAt, url: itemUrl(event.id) });
  }
  return calendarText(calendar);
}

export async function calendarFeedResponse(presented: string, now = new Date()): Promise<Response> {
  const viewer = await feedViewer(await getDb(), presented, now);
  if (!viewer) return notFoundResponse();
  const from = new Date(now.getTime() - FEED_DAYS_BEFORE * DAY_MS);
  const to = new Date(now.getTime() + FEED_DAYS_AFTER * DAY_MS);
  const { events } = await listEventsBetween(viewer, from, to, null, FEED_EVENT_LIMIT);
  return new Response(feedCalendarText(events), {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="portico-events.ics"',
      // Decided as the person at each request (C2): nothing kept, by any cache.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      // The address is the key: never sent on as a Referer from anything that shows this answer.
      "Referrer-Policy": "no-referrer",
    },
  });
}
