import "server-only";
/**
 * C7: an event as an iCalendar file (RFC 5545) to add to one's own calendar. Made by
 * ical-generator, which escapes TEXT values (backslash, comma, semicolon, line breaks) and
 * folds lines at 75 octets, so a title or place cannot start a property of its own.
 * Times are UTC instants (DTSTART/DTEND …Z): no VTIMEZONE to get wrong, and every
 * calendar shows them in its own zone.
 */
import ical from "ical-generator";
import type { Lookup } from "@/lib/lookup";
import { publicOrigin } from "@/lib/site-url";
import { notFoundResponse } from "@/lib/uploads/serve";
import type { ContentDetail } from "./item";
import { plainText } from "./sanitize";

/** What one event's file says: nothing beyond what the item page shows its viewer. */
export interface CalendarEvent {
  /** The item's id: the event's UID, the same in every file made of it, so a second download updates rather than duplicates. */
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string | null;
  /** Plain text, short; none in a feed, which shows titles, times and places only. */
  excerpt?: string;
  /** DTSTAMP and LAST-MODIFIED: when the item was last changed (a file without METHOD dates its information so). */
  updatedAt: Date;
  /** The item page's absolute address, or null when the site's public address is not configured. */
  url: string | null;
}

/** RFC 5545 TEXT allows no control characters but tab; line breaks are left for the library to escape. */
const stripControls = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");

type Calendar = ReturnType<typeof ical>;

/** A VCALENDAR of Portico's (its PRODID), with the feed's name and refresh interval when it is one. */
export function newCalendar(feed?: { name: string; ttlSeconds: number }): Calendar {
  return ical({ prodId: { company: "Portico", product: "Portico", language: "EN" }, ...(feed ? { name: feed.name, ttl: feed.ttlSeconds } : {}) });
}

/** One VEVENT: the item's id its UID, times as UTC instants, user text stripped of control characters. */
export function addCalendarEvent(calendar: Calendar, event: CalendarEvent): void {
  calendar.createEvent({
    id: event.id,
    start: event.startsAt,
    end: event.endsAt,
    stamp: event.updatedAt,
    lastModified: event.updatedAt,
    summary: stripControls(event.title),
    location: event.place ? stripControls(event.place) : null,
    description: event.excerpt ? stripControls(event.excerpt) : null,
    url: event.url,
  });
}

/** The calendar's text: every content line ends in CRLF (RFC 5545 3.1), the last one too; the library leaves the last bare. */
export function calendarText(calendar: Calendar): string {
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}

/** One VEVENT in a VCALENDAR. Without an end there is no DTEND: the event is the instant it starts (RFC 5545 3.6.1). */
export function eventCalendarText(event: CalendarEvent): string {
  const calendar = newCalendar();
  addCalendarEvent(calendar, event);
  return calendarText(calendar);
}

/** An ASCII file name from the title ("Quiz night!" → "quiz-night.ics"); "event.ics" when nothing is left. */
export function calendarFileName(title: string): string {
  const base = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${base || "event"}.ics`;
}

/** The 403 of an item that exists but may not be viewed: plain, naming nothing of it (C5). */
function forbiddenResponse(): Response {
  return new Response("Forbidden", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/** The item page's address, absolute, when the site's public address is configured (lib/site-url.ts). */
export function itemUrl(id: string): string | null {
  const origin = publicOrigin();
  return origin ? `${origin}/content/${id}` : null;
}

/**
 * The answer to GET /content/<id>/event.ics for the item page's own lookup (C2, C5): its 404
 * or 403, naming nothing; a 404 for an item that is not an event or has no start; else the file.
 */
export function eventCalendarResponse(lookup: Lookup<ContentDetail>): Response {
  if (lookup.status === "not-found") return notFoundResponse();
  if (lookup.status === "forbidden") return forbiddenResponse();
  const item = lookup.value;
  if (!item.event?.startsAt) return notFoundResponse();
  const body = eventCalendarText({
    id: item.id,
    title: item.title,
    startsAt: item.event.startsAt,
    endsAt: item.event.endsAt,
    place: item.event.place,
    excerpt: plainText(item.bodyHtml),
    updatedAt: item.updatedAt,
    url: itemUrl(item.id),
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${calendarFileName(item.title)}"`,
      // Who may read it can change at any time (C2): nothing kept, by any cache.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
