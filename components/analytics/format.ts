/** D1: how the analytics pages write their figures and periods (en-GB, as every page does). */
import type { Bucket } from "@/lib/analytics/queries";

const counts = new Intl.NumberFormat("en-GB");
const averages = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// Days are calendar dates (YYYY-MM-DD), already in the organisation's zone: read as UTC dates.
const longDay = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const fullDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const monthYear = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const shortMonthYear = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

export const formatCount = (n: number) => counts.format(n);
export const formatAverage = (n: number) => averages.format(n);
/** "3 March 2026". */
export const formatDay = (day: string) => fullDate.format(asDate(day));

/** What a bucket is called in a table's first column ("Day", "Week", "Month"). */
export const BUCKET_NOUNS: Record<Bucket, string> = { day: "Day", week: "Week (from Monday)", month: "Month" };
export const BUCKET_PLURALS: Record<Bucket, string> = { day: "day", week: "week", month: "month" };

/** A bucket in a table: "Tue 3 Mar 2026", "From Mon 2 Mar 2026", "March 2026"; a bucket cut short by the period says how many of its days count. */
export function bucketName(start: string, bucket: Bucket, days: number): string {
  if (bucket === "day") return longDay.format(asDate(start));
  const whole = bucket === "week" ? days === 7 : days === daysInMonth(start);
  const name = bucket === "week" ? `From ${longDay.format(asDate(start))}` : monthYear.format(asDate(start));
  return whole ? name : `${name} (${days} ${days === 1 ? "day" : "days"} in the period)`;
}

/** A bucket under a chart's bar: "3 Mar", "Mar 2026". */
export function bucketTick(start: string, bucket: Bucket): string {
  return bucket === "month" ? shortMonthYear.format(asDate(start)) : dayMonth.format(asDate(start));
}

function daysInMonth(day: string): number {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
