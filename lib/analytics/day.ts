/**
 * D1: analytics count by the organisation's calendar day (PORTICO_TIME_ZONE, the zone the
 * pages show times in), so "today" starts at the organisation's midnight, not UTC's.
 */
import { TIME_ZONE } from "@/lib/content/time";

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The organisation's calendar day of an instant, as YYYY-MM-DD. */
export function dayOf(at: Date | number): string {
  return dayFormat.format(at);
}

/** The day `days` after `day` (negative: before), both YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** The SQL expression of a timestamptz column's organisation day, as recorded here. */
export const ANALYTICS_TIME_ZONE = TIME_ZONE;
