/**
 * C7: the events page's query string, read and written in one place: which view (a month's
 * grid, or a list), which month, upcoming or past events, the list's cursor, and the place
 * filter ("section:<slug>" or "group:<slug>"). Anything malformed reads as its default, as a
 * malformed cursor reads as the first page. Client-safe.
 */
import { hasControlCharacters } from "@/lib/validation/text";

export const EVENTS_PATH = "/events";

export type EventView = "month" | "list";

/** A section (with the sections below it) or a group the events are narrowed to. */
export interface PlaceFilter {
  kind: "section" | "group";
  slug: string;
}

export interface EventParams {
  view: EventView;
  /** "YYYY-MM": the month shown (the current month by default). */
  month: string;
  /** The list shows past events, newest first, instead of upcoming ones. */
  past: boolean;
  /** The list's keyset cursor. */
  after: string | null;
  place: PlaceFilter | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const PLACE = /^(section|group):(.{1,200})$/s;

type Raw = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A month in "YYYY-MM" form within the years dates are entered in (lib/content/time.ts isValidDate). */
export function isMonth(value: string): boolean {
  const m = MONTH.exec(value);
  return !!m && Number(m[1]) >= 1900 && Number(m[1]) <= 2999;
}

export function parsePlace(value: string | undefined): PlaceFilter | null {
  const m = value ? PLACE.exec(value) : null;
  if (!m || hasControlCharacters(m[2]!)) return null;
  return { kind: m[1] as PlaceFilter["kind"], slug: m[2]! };
}

export const placeValue = (place: PlaceFilter | null): string => (place ? `${place.kind}:${place.slug}` : "");

/** `thisMonth`: the current month in the portal's zone, "YYYY-MM". */
export function parseEventParams(raw: Raw, thisMonth: string): EventParams {
  const month = one(raw.month);
  const after = one(raw.after);
  return {
    view: one(raw.view) === "list" ? "list" : "month",
    month: month && isMonth(month) ? month : thisMonth,
    past: one(raw.past) === "1",
    after: after && after.length <= 4096 ? after : null,
    place: parsePlace(one(raw.place)),
  };
}

/**
 * The events page's address for these choices: only what differs from the defaults is
 * written, so the plain /events is this month's grid of every event.
 */
export function eventsHref(p: { view?: EventView; month?: string | null; past?: boolean; after?: string | null; place?: PlaceFilter | null }): string {
  const query = new URLSearchParams();
  if (p.view === "list") query.set("view", "list");
  if (p.view !== "list" && p.month) query.set("month", p.month);
  if (p.view === "list" && p.past) query.set("past", "1");
  if (p.place) query.set("place", placeValue(p.place));
  if (p.view === "list" && p.after) query.set("after", p.after);
  const text = query.toString();
  return text ? `${EVENTS_PATH}?${text}` : EVENTS_PATH;
}
