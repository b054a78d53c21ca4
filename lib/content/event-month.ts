/**
 * C7: a month of events as the events page lays it out, in the portal's zone
 * (PORTICO_TIME_ZONE, lib/content/time.ts): the month's bounds as instants (an event at 23:30
 * local on its last day belongs to it, whatever UTC says), its weeks Monday first, and each
 * day's events with the time they have on that day. An event across several days is on each
 * of them; one that ends at midnight is not on the next day. Pure: the caller reads the
 * events (lib/content/events.ts) and says what today is.
 */
import { TIME_ZONE, utcToZoned, zonedToUtc } from "./time";

export interface MonthBounds {
  /** "YYYY-MM" */
  month: string;
  /** The first instant of the month in the portal's zone, and the first of the next. */
  from: Date;
  to: Date;
  previous: string;
  next: string;
  /** "November 2026" */
  title: string;
}

/** The events a month shows need only this of each. */
export interface MonthEvent {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
}

export interface DayEvent {
  id: string;
  title: string;
  /** The event's time on this day: "18:00 to 21:00", "18:00", "from 18:00", "until 02:00", "all day". */
  time: string;
}

export interface MonthDay {
  /** "YYYY-MM-DD" */
  date: string;
  /** Day of the month. */
  day: number;
  /** "Friday 27 November 2026" */
  label: string;
  isToday: boolean;
  events: DayEvent[];
}

/** Seven cells a week, Monday first; null before the month's first day and after its last. */
export type MonthWeek = (MonthDay | null)[];

const pad = (n: number) => String(n).padStart(2, "0");
const parts = (month: string) => month.split("-").map(Number) as [number, number];
const monthText = (y: number, m: number) => {
  // Date.UTC normalises month 0 and 13 into the year either side.
  const d = new Date(Date.UTC(y, m - 1, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};

// Calendar dates have no zone: formatted as UTC midnights so the day never shifts.
const dateLabel = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const monthLabel = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "Friday 27 November 2026" for "2026-11-27" (Intl's own commas left out, as formatEventRange does). */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const p = Object.fromEntries(dateLabel.formatToParts(new Date(Date.UTC(y, m - 1, d))).map((part) => [part.type, part.value]));
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** The month an instant falls in, in the portal's zone: "YYYY-MM". */
export function monthOfInstant(instant: Date, timeZone: string = TIME_ZONE): string {
  return utcToZoned(instant, timeZone).date.slice(0, 7);
}

export function monthBounds(month: string, timeZone: string = TIME_ZONE): MonthBounds {
  const [y, m] = parts(month);
  const next = monthText(y, m + 1);
  return {
    month,
    from: zonedToUtc(`${month}-01`, "00:00", timeZone),
    to: zonedToUtc(`${next}-01`, "00:00", timeZone),
    previous: monthText(y, m - 1),
    next,
    title: monthLabel.format(new Date(Date.UTC(y, m - 1, 1))),
  };
}

/** The first instant of the day `instant` falls on in the portal's zone (where "upcoming from today" begins). */
export function startOfDay(instant: Date, timeZone: string = TIME_ZONE): Date {
  return zonedToUtc(utcToZoned(instant, timeZone).date, "00:00", timeZone);
}

/**
 * Whether an event is on the day [dayStart, dayEnd): it starts before the day ends, and ends
 * after the day begins; an event without an end (or ending as it starts) is the instant it starts.
 */
export function isOnDay(event: Pick<MonthEvent, "startsAt" | "endsAt">, dayStart: Date, dayEnd: Date): boolean {
  const start = event.startsAt.getTime();
  const end = event.endsAt?.getTime() ?? start;
  if (start >= dayEnd.getTime()) return false;
  return end > start ? end > dayStart.getTime() : start >= dayStart.getTime();
}

/** The event's time on one day (isOnDay holds). */
function timeOnDay(event: MonthEvent, dayStart: Date, dayEnd: Date, timeZone: string): string {
  const hm = (d: Date) => utcToZoned(d, timeZone).time;
  const start = event.startsAt.getTime();
  const end = event.endsAt && event.endsAt.getTime() > start ? event.endsAt.getTime() : null;
  const startsToday = start >= dayStart.getTime();
  if (startsToday) {
    if (end === null) return hm(event.startsAt);
    return end <= dayEnd.getTime() ? `${hm(event.startsAt)} to ${hm(event.endsAt!)}` : `from ${hm(event.startsAt)}`;
  }
  return end !== null && end < dayEnd.getTime() ? `until ${hm(event.endsAt!)}` : "all day";
}

/**
 * The month's weeks, Monday first, each day with its events in the order given (the caller's:
 * by start). `today`: "YYYY-MM-DD" in the portal's zone.
 */
export function monthWeeks(month: string, events: readonly MonthEvent[], today: string, timeZone: string = TIME_ZONE): MonthWeek[] {
  const [y, m] = parts(month);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  // getUTCDay: Sunday 0; Monday first, so Monday is 0 and Sunday 6.
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (MonthDay | null)[] = Array.from({ length: lead }, () => null);
  let dayStart = zonedToUtc(`${month}-01`, "00:00", timeZone);
  for (let day = 1; day <= daysInMonth; day++) {
    const date = `${month}-${pad(day)}`;
    const next = new Date(Date.UTC(y, m - 1, day + 1));
    const dayEnd = zonedToUtc(`${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`, "00:00", timeZone);
    cells.push({
      date,
      day,
      label: dayLabel(date),
      isToday: date === today,
      events: events.filter((e) => isOnDay(e, dayStart, dayEnd)).map((e) => ({ id: e.id, title: e.title, time: timeOnDay(e, dayStart, dayEnd, timeZone) })),
    });
    dayStart = dayEnd;
  }
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}
