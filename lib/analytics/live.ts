import "server-only";
/**
 * D1: the last half hour of a scope, as the live panel shows it and refreshes it
 * (GET /api/analytics/live): counts and titles only, the minutes labelled in the
 * organisation's time zone. Null when the viewer may not see the scope (./scope.ts).
 */
import type { Viewer } from "@/lib/access/types";
import { ANALYTICS_TIME_ZONE } from "./day";
import { type AnalyticsScope, type LiveFigures, liveFigures } from "./queries";
import { describeScope } from "./scope";

export interface LiveView {
  /** When the figures were read ("14:05"). */
  asOf: string;
  views: number;
  people: number;
  minutes: { label: string; views: number }[];
  items: { title: string; href: string; views: number; people: number }[];
}

const minuteFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: ANALYTICS_TIME_ZONE });

/** The figures as the panel shows them (the page reads them with the scope it has checked already). */
export function presentLive(live: LiveFigures, now: Date): LiveView {
  return {
    asOf: minuteFormat.format(now),
    views: live.minutes.reduce((sum, m) => sum + m.views, 0),
    people: live.people,
    minutes: live.minutes.map((m) => ({ label: minuteFormat.format(new Date(m.minute)), views: m.views })),
    items: live.items.map((i) => ({ title: i.title, href: i.href, views: i.views, people: i.personDays })),
  };
}

/** The scope checked (an unknown scope and one the viewer may not see alike: null), then its last half hour. */
export async function liveView(viewer: Viewer, scope: AnalyticsScope, now: Date = new Date()): Promise<LiveView | null> {
  if (!(await describeScope(viewer, scope))) return null;
  const live = await liveFigures(viewer, scope, now);
  return live && presentLive(live, now);
}
