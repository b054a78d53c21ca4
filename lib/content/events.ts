import "server-only";
/**
 * C7: the events the viewer may view, for the events page and the calendar feeds. Each read is
 * one query with listings' own access predicate ANDed in (visiblePublishedContent: published
 * and visible to them, C2–C4; drafts never, not even a webmaster's), and is bounded: a span of
 * time answers at most a limit's events and says when there were more; the lists are keyset
 * pages. Where an event lives is named only as listings name it (itemPlaceColumns: a section
 * or group the viewer may see). A place filter narrows to a section and the sections below it,
 * or a group; a place the viewer may not see has no events for them, and its name is never
 * read here (./event-places.ts names the places they may see).
 *
 * Times: an event is the span from its start to its end, or the instant it starts; the span
 * conditions below are written as drizzle-kit wrote content_events_span_idx, so PostgreSQL
 * finds the candidates along that index (db/schema/content.ts).
 */
import { type SQL, and, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { jsonColumn } from "@/db/sql";
import { content } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { isVisibleGroupRow, isVisibleSectionId, isVisibleSectionRow, visiblePublishedContent } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import type { PlaceFilter } from "./event-params";
import { type GroupPlace, type Page, itemPlaceColumns } from "./listings";

/** A month's grid shows at most this many events, and says when there are more. */
export const MONTH_EVENT_LIMIT = 500;
/** A calendar feed holds at most this many (its window is bounded too: lib/calendar-feed/feed.ts). */
export const FEED_EVENT_LIMIT = 1000;
export const EVENT_PAGE_SIZE = 20;

export interface EventSummary {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  /** Where it happens (the item's place field), as its author wrote it. */
  venue: string | null;
  /** The home section when the viewer can view it, else a visible section it is shared into. */
  section: { slug: string; title: string } | null;
  /** The home group, only when the viewer may see that group (G1, G6). */
  group: GroupPlace | null;
  updatedAt: Date;
}

export interface EventSpan {
  events: EventSummary[];
  /** More events than the limit fall in the span: the caller says so (a narrower place, the list). */
  more: boolean;
}

/** A list continues after the last event shown: its start, then its id. */
const eventCursor = cursorCodec({ at: "timestamp", id: "uuid" });

/** Published events with a start: the partial indexes' own condition. */
const PUBLISHED_EVENTS = sql`${content.type} = 'event' and ${content.status} = 'published' and ${content.eventStartsAt} is not null`;
/** An event's span, as content_events_span_idx holds it. */
const SPAN = sql`tstzrange(${content.eventStartsAt}, coalesce(${content.eventEndsAt}, ${content.eventStartsAt}), '[]')`;

/** Events on any part of [from, to): the index's overlap finds candidates, then the exact rule (an end at `from` is not in it). */
function overlapping(from: Date, to: Date | null): SQL {
  const until = to ? sql`${to.toISOString()}::timestamptz` : sql`null::timestamptz`;
  return sql`(${SPAN} && tstzrange(${from.toISOString()}::timestamptz, ${until}, '[)')
    ${to ? sql`and ${content.eventStartsAt} < ${until}` : sql``}
    and (${content.eventEndsAt} > ${from.toISOString()}::timestamptz or ${content.eventStartsAt} >= ${from.toISOString()}::timestamptz))`;
}

/**
 * The place filter (C3: it only ever narrows). A section: events homed in it or below it, or
 * shared into it or below it, through a section the viewer may view, and only when they may
 * view the section chosen; a group: events homed in it, only when they may see the group
 * (visiblePublishedContent still decides whether they may read its events).
 */
function inPlace(viewer: AccessSubject, place: PlaceFilter | null): SQL | undefined {
  if (!place) return undefined;
  if (place.kind === "group") {
    return sql`${content.homeGroupId} = (select g_f.id from groups g_f where g_f.slug = ${place.slug}
      and ${isVisibleGroupRow(viewer, { id: sql`g_f.id`, visibility: sql`g_f.visibility` })})`;
  }
  const chosenVisible = isVisibleSectionRow(viewer, { id: sql`s_f.id`, effectivelyRestricted: sql`s_f.effectively_restricted` });
  const under = sql`(select sc_f.descendant_id from section_closure sc_f join sections s_f on s_f.id = sc_f.ancestor_id
    where s_f.slug = ${place.slug} and ${chosenVisible})`;
  return sql`((${content.homeSectionId} in ${under} and ${isVisibleSectionId(viewer, content.homeSectionId)})
    or exists (select 1 from content_shares cs_f where cs_f.content_id = ${content.id}
      and cs_f.section_id in ${under} and ${isVisibleSectionId(viewer, sql`cs_f.section_id`)}))`;
}

/**
 * The events query, unexecuted: the inner query decides access and takes at most `limit + 1`
 * rows in `order`; only those are joined to their places.
 */
export function eventsQuery(db: Db, viewer: AccessSubject, where: SQL | undefined, order: "start" | "start desc", limit: number) {
  const direction = order === "start" ? sql`asc` : sql`desc`;
  const page = db
    .select({
      id: content.id,
      title: content.title,
      eventStartsAt: content.eventStartsAt,
      eventEndsAt: content.eventEndsAt,
      eventPlace: content.eventPlace,
      updatedAt: content.updatedAt,
      homeSectionId: content.homeSectionId,
      homeGroupId: content.homeGroupId,
      // PostgreSQL's own text of the start, microseconds included, for the cursor.
      cursorAt: sql<string>`${content.eventStartsAt}::text`.as("cursor_at"),
    })
    .from(content)
    .where(and(PUBLISHED_EVENTS, visiblePublishedContent(viewer), where))
    .orderBy(sql`${content.eventStartsAt} ${direction} nulls last`, sql`${content.id} ${direction} nulls last`)
    .limit(limit + 1)
    .as("ev");
  const place = itemPlaceColumns(viewer, "ev");
  return db
    .select({
      id: page.id,
      title: page.title,
      eventStartsAt: page.eventStartsAt,
      eventEndsAt: page.eventEndsAt,
      eventPlace: page.eventPlace,
      updatedAt: page.updatedAt,
      cursorAt: page.cursorAt,
      section: place.section.as("section"),
      group: place.group.as("home_group"),
    })
    .from(page)
    .orderBy(sql`${page.eventStartsAt} ${direction} nulls last`, sql`${page.id} ${direction} nulls last`);
}

type EventRow = Awaited<ReturnType<typeof eventsQuery>>[number];

function summaryOf(r: EventRow): EventSummary {
  return {
    id: r.id,
    title: r.title,
    startsAt: r.eventStartsAt!,
    endsAt: r.eventEndsAt,
    venue: r.eventPlace,
    section: jsonColumn(r.section),
    group: jsonColumn(r.group),
    updatedAt: r.updatedAt,
  };
}

/** Every event the viewer may view on any part of [from, to), in start order, at most `limit` (a month's grid, a feed). */
export async function listEventsBetween(viewer: AccessSubject, from: Date, to: Date, place: PlaceFilter | null, limit = MONTH_EVENT_LIMIT): Promise<EventSpan> {
  const rows = await eventsQuery(await getDb(), viewer, and(overlapping(from, to), inPlace(viewer, place)), "start", limit);
  return { events: rows.slice(0, limit).map(summaryOf), more: rows.length > limit };
}

function pageOf(rows: EventRow[], limit: number): Page<EventSummary> {
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items: rows.slice(0, limit).map(summaryOf), next: last ? eventCursor.encode({ at: last.cursorAt, id: last.id }) : null };
}

/**
 * Events from `today` on (the first instant of the portal's day: what began earlier today, or
 * earlier still and goes on, is listed too), in start order, a page at a time.
 */
export async function listUpcomingEvents(viewer: AccessSubject, cursor: string | null | undefined, place: PlaceFilter | null, today: Date, limit = EVENT_PAGE_SIZE): Promise<Page<EventSummary>> {
  const after = eventCursor.decode(cursor);
  const keyset = after ? sql`(${content.eventStartsAt}, ${content.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined;
  const rows = await eventsQuery(await getDb(), viewer, and(overlapping(today, null), inPlace(viewer, place), keyset), "start", limit);
  return pageOf(rows, limit);
}

/** Events over before `today` (the first instant of the portal's day), newest first, a page at a time. */
export async function listPastEvents(viewer: AccessSubject, cursor: string | null | undefined, place: PlaceFilter | null, today: Date, limit = EVENT_PAGE_SIZE): Promise<Page<EventSummary>> {
  const after = eventCursor.decode(cursor);
  const keyset = after ? sql`(${content.eventStartsAt}, ${content.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined;
  const before = today.toISOString();
  // The start bound lets the newest-first walk of content_events_start_idx begin at today; an
  // event that began earlier but goes on is upcoming, not past.
  // Exactly what overlapping(today, null) leaves out: one that ended at midnight is past.
  const over = sql`${content.eventStartsAt} < ${before}::timestamptz and coalesce(${content.eventEndsAt}, ${content.eventStartsAt}) <= ${before}::timestamptz`;
  const rows = await eventsQuery(await getDb(), viewer, and(over, inPlace(viewer, place), keyset), "start desc", limit);
  return pageOf(rows, limit);
}
