import type { Metadata } from "next";
import { EventFilter } from "@/components/events/event-filter";
import { EventList } from "@/components/events/event-list";
import { EventMonth } from "@/components/events/event-month";
import { EventViews } from "@/components/events/event-views";
import { Pager } from "@/components/ui/pager";
import type { Viewer } from "@/lib/access/types";
import { requireViewer } from "@/lib/access/viewer";
import { type EventParams, EVENTS_PATH, eventsHref, parseEventParams, placeValue } from "@/lib/content/event-params";
import { listPlaceChoices, placeName, withChosen } from "@/lib/content/event-places";
import { listReachableSections } from "@/lib/sections/queries";
import { monthBounds, monthWeeks, startOfDay } from "@/lib/content/event-month";
import { MONTH_EVENT_LIMIT, listEventsBetween, listPastEvents, listUpcomingEvents } from "@/lib/content/events";
import { TIME_ZONE, utcToZoned } from "@/lib/content/time";

export const metadata: Metadata = { title: "Events" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The chosen place in a sentence; a place the viewer may not see is never named (C5), as a place that does not exist. */
function placeWords(params: EventParams, name: string | null): string | null {
  if (!params.place) return null;
  if (name === null) return "the place chosen";
  return params.place.kind === "group" ? `the group ${name}` : `${name} and the sections below it`;
}

/**
 * C7: the events the viewer may view (the listings' own predicate: published and visible to
 * them; drafts never), as a month's grid or a list, narrowed to a section (with those below it)
 * or a group. Both audiences (E2: external people see their own sections' and groups' events).
 */
export default async function EventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireViewer()]);
  const now = new Date();
  const today = utcToZoned(now).date;
  const params = parseEventParams(raw, today.slice(0, 7));
  const [choices, name] = await Promise.all([listReachableSections(viewer).then((reachable) => listPlaceChoices(viewer, reachable)), params.place ? placeName(viewer, params.place) : Promise.resolve(null)]);
  const where = placeWords(params, name);
  return (
    <>
      <h1 className="text-3xl font-bold">Events</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        The events you can view{where ? ` in ${where}` : ""}. Times are in the portal&apos;s time zone ({TIME_ZONE}). To see them in your own calendar app,{" "}
        <a href="/me/calendar" className="text-brand-700 underline">
          use your calendar address
        </a>
        .
      </p>
      <EventViews view={params.view} month={params.month} place={params.place} />
      <EventFilter view={params.view} month={params.month} past={params.past} value={name === null ? "" : placeValue(params.place)} choices={withChosen(choices, params.place, name)} />
      {params.view === "month" ? <MonthView viewer={viewer} params={params} today={today} where={where} /> : <ListView viewer={viewer} params={params} now={now} where={where} />}
    </>
  );
}

async function MonthView({ viewer, params, today, where }: { viewer: Viewer; params: EventParams; today: string; where: string | null }) {
  const bounds = monthBounds(params.month);
  const { events, more } = await listEventsBetween(viewer, bounds.from, bounds.to, params.place);
  const weeks = monthWeeks(params.month, events, today);
  return (
    <section aria-labelledby="month-heading" className="mt-8">
      <h2 id="month-heading" className="text-2xl font-bold">
        {bounds.title}
      </h2>
      <nav aria-label="Months" className="mt-2 flex flex-wrap justify-between gap-4">
        <a href={eventsHref({ view: "month", month: bounds.previous, place: params.place })} className="inline-block min-h-11 py-3 text-brand-700 underline">
          ← {monthBounds(bounds.previous).title}
        </a>
        <a href={eventsHref({ view: "month", month: bounds.next, place: params.place })} className="inline-block min-h-11 py-3 text-brand-700 underline">
          {monthBounds(bounds.next).title} →
        </a>
      </nav>
      {more ? (
        <p className="mt-4 max-w-prose border-l-4 border-brand-700 bg-brand-50 p-4">
          This month has more than {MONTH_EVENT_LIMIT} events you can view; the first {MONTH_EVENT_LIMIT} are shown. Choose a section or group, or use the list, to see the rest.
        </p>
      ) : null}
      <EventMonth weeks={weeks} caption={`Events in ${bounds.title}`} empty={`There are no events${where ? ` in ${where}` : ""} you can view in ${bounds.title}.`} />
    </section>
  );
}

async function ListView({ viewer, params, now, where }: { viewer: Viewer; params: EventParams; now: Date; where: string | null }) {
  const today = startOfDay(now);
  const page = params.past ? await listPastEvents(viewer, params.after, params.place, today) : await listUpcomingEvents(viewer, params.after, params.place, today);
  const heading = params.past ? "Past events" : "Upcoming events";
  const kept: Record<string, string> = { view: "list", ...(params.past ? { past: "1" } : {}), ...(params.place ? { place: placeValue(params.place) } : {}) };
  const inPlace = where ? ` in ${where}` : "";
  return (
    <section aria-labelledby="list-heading" className="mt-8">
      <h2 id="list-heading" className="text-2xl font-bold">
        {heading}
      </h2>
      <p className="mt-2">
        {params.past ? "Newest first. " : "From today on, soonest first. "}
        <a href={eventsHref({ view: "list", past: !params.past, place: params.place })} className="text-brand-700 underline">
          {params.past ? "Upcoming events" : "Past events"}
        </a>
      </p>
      <EventList events={page.items} now={now} empty={params.past ? `There are no past events${inPlace} you can view.` : `There are no upcoming events${inPlace} you can view.`} />
      <Pager
        basePath={EVENTS_PATH}
        next={page.next}
        isFirstPage={!params.after}
        label={`${heading} pages`}
        params={kept}
        cursorParam="after"
        words={params.past ? { first: "← Most recent", next: "Earlier events →" } : { first: "← From today", next: "Later events →" }}
      />
    </section>
  );
}
