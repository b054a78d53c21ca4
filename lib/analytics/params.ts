/**
 * D1: what /analytics shows, as its address says it (a GET form, so a view of the figures is
 * a link), and as the CSV export and the live figures read the same query: the scope
 * (`site`, `section:<id>`, `group:<id>`, `app:<ideas|wall|queries>`), the period (a preset or
 * custom dates, in the organisation's days), the bucket (chosen from the period's length
 * unless asked for) and the audience. Bad dates get a message each and change nothing (Q3):
 * the figures stay on the default period.
 */
import { isValidDate } from "@/lib/content/time";
import { INT_MAX } from "@/lib/validation/text";
import { addDays } from "./day";
import type { AnalyticsScope, AudienceFilter, Bucket, DayRange } from "./queries";
import type { AnalyticsApp } from "./record";

export const APP_LABELS: Record<AnalyticsApp, string> = { ideas: "Ideas", wall: "Message Wall", queries: "Queries" };
const APPS = Object.keys(APP_LABELS) as AnalyticsApp[];

export const PRESETS = { "7d": "Last 7 days", "30d": "Last 30 days", "12m": "Last 12 months" } as const;
export type Preset = keyof typeof PRESETS;
export type Period = Preset | "custom";
export const DEFAULT_PRESET: Preset = "30d";

export const BUCKET_LABELS: Record<Bucket, string> = { day: "Day", week: "Week", month: "Month" };
/** Automatic buckets: days up to about three months, weeks up to a year, months beyond. */
export const AUTO_DAYS_UP_TO = 92;
export const AUTO_WEEKS_UP_TO = 366;
/** Days asked for explicitly: up to a year (a longer period has too many rows to read). */
export const DAYS_AT_MOST = 366;
export const MAX_YEARS = 3;

/** The audience filter as the address names it: the audiences' everyday names. */
export const AUDIENCE_PARAMS = { all: "all", intranet: "organisational", extranet: "external" } as const satisfies Record<string, AudienceFilter>;
export type AudienceParam = keyof typeof AUDIENCE_PARAMS;
export const AUDIENCE_LABELS: Record<AudienceParam, string> = { all: "Everyone", intranet: "Intranet (organisational people)", extranet: "Extranet (external people)" };

/** `site`, `section:12`, `group:3`, `app:ideas`: the scope, or null for anything else (answered as an unknown scope). */
export function parseScope(raw: string | null | undefined): AnalyticsScope | null {
  if (raw === "site") return { kind: "site" };
  const match = /^(section|group|app):([a-z0-9]{1,20})$/.exec(raw ?? "");
  if (!match) return null;
  const [, kind, key] = match as unknown as [string, "section" | "group" | "app", string];
  if (kind === "app") return (APPS as string[]).includes(key) ? { kind: "app", app: key as AnalyticsApp } : null;
  if (!/^[1-9]\d{0,9}$/.test(key) || Number(key) > INT_MAX) return null;
  return kind === "section" ? { kind: "section", sectionId: Number(key) } : { kind: "group", groupId: Number(key) };
}

export function scopeParam(scope: AnalyticsScope): string {
  switch (scope.kind) {
    case "site":
      return "site";
    case "section":
      return `section:${scope.sectionId}`;
    case "group":
      return `group:${scope.groupId}`;
    case "app":
      return `app:${scope.app}`;
  }
}

export function daysBetween(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The day `years` years before `day` (29 February becomes 28 February). */
function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y - years, m - 1, Math.min(d, m === 2 ? 28 : d)));
  return t.toISOString().slice(0, 10);
}

/** A preset's days, ending today: 12 months start on the first of the month eleven months ago, so each month is whole but this one. */
export function presetRange(preset: Preset, today: string): DayRange {
  if (preset === "7d") return { from: addDays(today, -6), to: today };
  if (preset === "30d") return { from: addDays(today, -29), to: today };
  const [y, m] = today.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10);
  return { from: first, to: today };
}

/** The bucket a period is shown in when none is asked for. */
export function autoBucket(range: DayRange, period: Period): Bucket {
  if (period === "12m") return "month";
  const days = daysBetween(range);
  return days <= AUTO_DAYS_UP_TO ? "day" : days <= AUTO_WEEKS_UP_TO ? "week" : "month";
}

export interface FigureChoices {
  period: Period;
  range: DayRange;
  bucket: Bucket;
  /** The bucket was asked for (`bucket=`), not chosen from the period's length. */
  bucketAsked: boolean;
  audience: AudienceParam;
}

export type FigureField = "period" | "from" | "to" | "bucket" | "audience";

export interface ParsedFigures {
  choices: FigureChoices;
  /** A message per field that could not be used (then its default is used instead). */
  errors: Partial<Record<FigureField, string>>;
  /** What was typed in the date boxes (shown again beside their messages). */
  typed: { from: string; to: string };
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;
const read = (params: Params, key: string): string => {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  return typeof value === "string" ? value.trim() : "";
};

const DATE_MESSAGE = "Enter a date as YYYY-MM-DD, for example 2026-03-01.";

/**
 * The period, bucket and audience an address asks for, checked against `today` (the
 * organisation's day): custom dates must be real, in order, not after today and at most
 * three years apart. `period` is `7d`, `30d` (the default), `12m` or `custom`; with no
 * period, dates given mean custom dates.
 */
export function parseFigures(params: Params, today: string): ParsedFigures {
  const errors: ParsedFigures["errors"] = {};
  const typed = { from: read(params, "from"), to: read(params, "to") };
  let period: Period = DEFAULT_PRESET;
  const rawPeriod = read(params, "period");
  if (rawPeriod === "") period = typed.from || typed.to ? "custom" : DEFAULT_PRESET;
  else if (rawPeriod === "custom" || Object.hasOwn(PRESETS, rawPeriod)) period = rawPeriod as Period;
  else errors.period = "Choose a period from the list.";

  let range: DayRange | null = null;
  if (period === "custom") {
    if (!typed.from) errors.from = "Enter the first day of the period.";
    else if (!isValidDate(typed.from)) errors.from = DATE_MESSAGE;
    else if (typed.from > today) errors.from = "The first day cannot be in the future: there are no figures for it yet.";
    if (!typed.to) errors.to = "Enter the last day of the period.";
    else if (!isValidDate(typed.to)) errors.to = DATE_MESSAGE;
    else if (typed.to > today) errors.to = "The last day cannot be in the future: choose today or an earlier day.";
    if (!errors.from && !errors.to) {
      if (typed.to < typed.from) errors.to = "The last day is before the first day. Swap them, or change one.";
      else if (typed.from < yearsBefore(typed.to, MAX_YEARS)) errors.from = `Choose a period of at most ${MAX_YEARS} years: the first day can be ${yearsBefore(typed.to, MAX_YEARS)} at the earliest for this last day.`;
      else range = { from: typed.from, to: typed.to };
    }
    if (!range) period = DEFAULT_PRESET;
  }
  range ??= presetRange(period as Preset, today);

  let bucket = autoBucket(range, period);
  let bucketAsked = false;
  const rawBucket = read(params, "bucket");
  if (rawBucket === "day" || rawBucket === "week" || rawBucket === "month") {
    if (rawBucket === "day" && daysBetween(range) > DAYS_AT_MOST) errors.bucket = "Days can be shown for up to a year at a time: choose weeks or months for a longer period.";
    else {
      bucket = rawBucket;
      bucketAsked = true;
    }
  } else if (rawBucket !== "" && rawBucket !== "auto") errors.bucket = "Choose day, week or month.";

  let audience: AudienceParam = "all";
  const rawAudience = read(params, "audience");
  if (Object.hasOwn(AUDIENCE_PARAMS, rawAudience)) audience = rawAudience as AudienceParam;
  else if (rawAudience !== "") errors.audience = "Choose everyone, intranet or extranet.";

  return { choices: { period, range, bucket, bucketAsked, audience }, errors, typed };
}

/** The address of a view of the figures: only what differs from the defaults. */
export function figuresQuery(scope: string | null, choices: Pick<FigureChoices, "period" | "range" | "bucket" | "bucketAsked" | "audience">): URLSearchParams {
  const query = new URLSearchParams();
  if (scope) query.set("scope", scope);
  if (choices.period !== DEFAULT_PRESET) query.set("period", choices.period);
  if (choices.period === "custom") {
    query.set("from", choices.range.from);
    query.set("to", choices.range.to);
  }
  if (choices.bucketAsked) query.set("bucket", choices.bucket);
  if (choices.audience !== "all") query.set("audience", choices.audience);
  return query;
}

/**
 * The CSV export's address for one view: the very days, bucket and audience on screen
 * (custom dates, so a download after midnight still matches the page).
 */
export function exportHref(view: string, scope: string, choices: Pick<FigureChoices, "range" | "bucket" | "audience">): string {
  const query = new URLSearchParams({ view, scope, period: "custom", from: choices.range.from, to: choices.range.to, bucket: choices.bucket });
  if (choices.audience !== "all") query.set("audience", choices.audience);
  return `/api/analytics/export?${query}`;
}

/**
 * The audience filter is offered where the scope is the site or the viewer a webmaster: a
 * section's or group's figures split by audience and filtered down could come close to
 * telling a manager what the few external people in it read (D6).
 */
export function offersAudience(viewer: { isWebmaster: boolean }, scope: AnalyticsScope): boolean {
  return scope.kind === "site" || viewer.isWebmaster;
}

/** The audience the figures are read for: the one asked for where it is offered, else everyone. */
export function audienceFor(viewer: { isWebmaster: boolean }, scope: AnalyticsScope, asked: AudienceParam): AudienceParam {
  return offersAudience(viewer, scope) ? asked : "all";
}
