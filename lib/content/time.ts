/**
 * Event dates and times are entered as the organisation's wall-clock time (a date and a
 * time, no zone) and stored as instants. PORTICO_TIME_ZONE names the zone (default
 * Europe/London), the same one the pages display in (formatDate, formatDateTime below,
 * re-exported by components/content/format.ts).
 */
export const TIME_ZONE = process.env.PORTICO_TIME_ZONE || "Europe/London";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/** A real calendar date in YYYY-MM-DD form (rejects 2027-02-30). */
export function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A 24-hour time in HH:MM form. */
export function isValidTime(value: string): boolean {
  const m = TIME.exec(value);
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = makeFormatter(timeZone)));
  return f;
}

function makeFormatter(timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

function wallClock(instant: number, timeZone: string) {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), mo: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), mi: Number(parts.minute), s: Number(parts.second) };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock date and time denote in the zone. In the hour that does not
 * exist (clocks going forward) it moves forward; in the repeated hour it takes the first.
 */
export function zonedToUtc(date: string, time: string, timeZone: string = TIME_ZONE): Date {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offsets a day either side cover any change of clocks in between.
  const before = naive - offsetAt(naive - 86_400_000, timeZone);
  const after = naive - offsetAt(naive + 86_400_000, timeZone);
  const consistent = [before, after].filter((t) => {
    const w = wallClock(t, timeZone);
    return w.y === y && w.mo === mo && w.d === d && w.h === h && w.mi === mi;
  });
  // Repeated hour: both read right, take the earlier. Missing hour: neither does; the
  // offset from before the change moves the time forward past the gap.
  return new Date(consistent.length ? Math.min(...consistent) : before);
}

/** The zone's wall-clock date and time of an instant, as the form fields hold them. */
export function utcToZoned(instant: Date, timeZone: string = TIME_ZONE): { date: string; time: string } {
  const w = wallClock(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${w.y}-${pad(w.mo)}-${pad(w.d)}`, time: `${pad(w.h)}:${pad(w.mi)}` };
}

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

/** A date as the pages show it, in the organisation's zone ("3 December 2026"). */
export function formatDate(d: Date): string {
  return dateFormat.format(d);
}

/** A date and time as the pages show them, in the organisation's zone. */
export function formatDateTime(d: Date): string {
  return dateTimeFormat.format(d);
}

const rangeFormatters = new Map<string, Intl.DateTimeFormat>();

/** Parts, not a whole string: ICU versions differ in the commas and "at" they put between them. */
function rangePartsFor(timeZone: string): Intl.DateTimeFormat {
  let f = rangeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
    rangeFormatters.set(timeZone, f);
  }
  return f;
}

function dayAndTime(instant: Date, timeZone: string): { day: string; time: string } {
  const p = Object.fromEntries(rangePartsFor(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return { day: `${p.weekday} ${p.day} ${p.month} ${p.year}`, time: `${p.hour}:${p.minute}` };
}

/**
 * When an event happens, written once, in the organisation's zone (C7): "Friday 27 November
 * 2026, 18:00 to 21:00" within one day there, "Friday 27 November 2026, 18:00 to Saturday
 * 28 November 2026, 02:00" across days, just the start without an end (or with an end equal to it).
 */
export function formatEventRange(startsAt: Date, endsAt: Date | null, timeZone: string = TIME_ZONE): string {
  const start = dayAndTime(startsAt, timeZone);
  const from = `${start.day}, ${start.time}`;
  if (!endsAt || endsAt.getTime() === startsAt.getTime()) return from;
  const end = dayAndTime(endsAt, timeZone);
  return end.day === start.day ? `${from} to ${end.time}` : `${from} to ${end.day}, ${end.time}`;
}

/** Whether an event is over at `now`: its end has passed, or its start when it has no end. No start: never. */
export function eventHasEnded(event: { startsAt: Date | null; endsAt: Date | null }, now: Date): boolean {
  const last = event.endsAt ?? event.startsAt;
  return last !== null && last.getTime() <= now.getTime();
}
