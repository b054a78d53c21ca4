import { ItemPlace } from "@/components/content/item-place";
import { eventHasEnded, formatEventRange } from "@/components/content/format";
import type { EventSummary } from "@/lib/content/events";

/**
 * C7: events as a list, each with its dates written once in the portal's zone, one that is
 * over marked "Ended" in words (not by colour alone), where it happens and where it lives (a
 * section or group only as the read named it). The caller's read applied access (C3).
 */
export function EventList({ events, empty, now }: { events: EventSummary[]; empty: string; now: Date }) {
  if (!events.length) return <p className="mt-4">{empty}</p>;
  return (
    <ul className="mt-4 divide-y divide-gray-300 border-y border-gray-300">
      {events.map((event) => (
        <li key={event.id} className="py-4">
          <h3 className="text-lg font-bold">
            <a href={`/content/${event.id}`} className="text-brand-700 underline underline-offset-2 [overflow-wrap:anywhere] hover:no-underline">
              {event.title}
            </a>
          </h3>
          <p>
            {eventHasEnded(event, now) ? <span className="mr-2 rounded border border-gray-700 px-2 py-0.5 text-xs font-bold uppercase text-gray-900">Ended</span> : null}
            {formatEventRange(event.startsAt, event.endsAt)}
          </p>
          {event.venue ? <p className="[overflow-wrap:anywhere]">{event.venue}</p> : null}
          {event.section || event.group ? (
            <p className="text-sm text-gray-700">
              Event
              <ItemPlace section={event.section} group={event.group} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
