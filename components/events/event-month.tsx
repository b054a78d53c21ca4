import type { DayEvent, MonthDay, MonthWeek } from "@/lib/content/event-month";

const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

/**
 * An event on a day, as a link whose name says the date, the time that day and the title
 * ("Friday 27 November 2026, 18:00 to 21:00, Staff awards 2026"): read out of the grid, or
 * in a list of links, it still says when. Plain links, not next/link: a month links to dozens
 * of dynamic pages, and next/link would prefetch each one in view.
 */
function EventLink({ day, event }: { day: MonthDay; event: DayEvent }) {
  return (
    // The name said whole (the day, the time, the title, with pauses between): hidden spans for the
    // day and the commas left a stray space in the name ("15:00 , Pensions"), and the visible
    // time and title are both in it, so speech input finds the link by either.
    <a
      href={`/content/${event.id}`}
      aria-label={`${day.label}, ${event.time}, ${event.title}`}
      className="block text-brand-700 underline underline-offset-2 [overflow-wrap:anywhere] hover:no-underline"
    >
      <span className="font-semibold text-gray-900">{event.time}</span> {event.title}
    </a>
  );
}

/**
 * C7: a month's events. From a tablet's width up, a grid: a table with a caption and a column
 * header for each weekday, Monday first, today marked in words; on a phone, where seven
 * columns cannot fit 320 px without scrolling sideways, a list of only the days that have
 * events, each a heading. The two are the same data; the one not shown is display:none, so
 * neither is read twice. Each is `relative`, so the screen-reader-only text in its links
 * cannot widen the page.
 */
export function EventMonth({ weeks, caption, empty }: { weeks: MonthWeek[]; caption: string; empty: string }) {
  const days = weeks.flat().filter((d): d is MonthDay => d !== null);
  const busy = days.filter((d) => d.events.length > 0);
  return (
    <>
      {busy.length === 0 ? <p className="mt-4">{empty}</p> : null}
      <div className="relative mt-4 hidden md:block">
        <table className="w-full table-fixed border-collapse">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map(([short, long]) => (
                <th key={long} scope="col" className="border border-gray-400 bg-gray-100 px-2 py-1 text-left">
                  <abbr title={long} className="no-underline">
                    {short}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, w) => (
              <tr key={w}>
                {week.map((day, i) =>
                  day ? (
                    <td key={day.date} aria-current={day.isToday ? "date" : undefined} className={`h-28 border border-gray-400 p-1 align-top ${day.isToday ? "bg-brand-50 outline outline-2 -outline-offset-2 outline-brand-700" : ""}`}>
                      <p className="font-semibold">
                        <time dateTime={day.date}>
                          <span aria-hidden="true">{day.day}</span>
                          <span className="sr-only">{day.label}</span>
                        </time>
                        {day.isToday ? <span className="ml-1 text-sm font-bold text-brand-700">Today</span> : null}
                      </p>
                      {day.events.length ? (
                        <ul className="mt-1 space-y-1 text-sm">
                          {day.events.map((event) => (
                            <li key={event.id}>
                              <EventLink day={day} event={event} />
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  ) : (
                    <td key={`blank-${w}-${i}`} className="border border-gray-400 bg-gray-50" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {busy.length ? (
        <ol aria-label={caption} className="relative mt-4 space-y-6 md:hidden">
          {busy.map((day) => (
            <li key={day.date} aria-current={day.isToday ? "date" : undefined}>
              <h3 className="text-lg font-bold">
                <time dateTime={day.date}>{day.label}</time>
                {day.isToday ? <span className="ml-2 text-base text-brand-700">Today</span> : null}
              </h3>
              <ul className="mt-2 space-y-2 border-l-4 border-gray-300 pl-3">
                {day.events.map((event) => (
                  <li key={event.id}>
                    <EventLink day={day} event={event} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
