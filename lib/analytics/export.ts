import "server-only";
/**
 * D1 D6: each view of /analytics as CSV (GET /api/analytics/export): the figures the page
 * shows, counts only, read through the same queries (so a figure about an item the viewer
 * cannot view is absent here too), every cell safe to open in a spreadsheet (lib/csv.ts:
 * a cell that would start a formula gets a leading apostrophe; search terms are what people
 * typed). Each export is recorded in the audit log like every other export (M8).
 */
import { getDb } from "@/db/client";
import type { Viewer } from "@/lib/access/types";
import { recordAudit } from "@/lib/audit/mutations";
import { csvRow } from "@/lib/csv";
import { AUDIENCE_PARAMS, type FigureChoices, audienceFor } from "./params";
import { type Leader, searchesWithoutResults, topContent, topPlaces, viewSeries } from "./queries";
import type { ScopeInfo } from "./scope";

export const EXPORT_VIEWS = ["series", "content", "sections", "groups", "searches"] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];
/** How many leaders (items, sections, groups) and search terms a download holds: more than the page's 20. */
export const EXPORT_LEADERS = 100;

/** The views a scope has: the site's leaders and searches are the site's alone; apps have no items. */
export function viewsOf(scope: ScopeInfo["scope"]): readonly ExportView[] {
  if (scope.kind === "site") return EXPORT_VIEWS;
  return scope.kind === "app" ? ["series"] : ["series", "content"];
}

export function isExportView(value: string | null): value is ExportView {
  return (EXPORT_VIEWS as readonly string[]).includes(value ?? "");
}

const average = (personDays: number, days: number) => (days > 0 ? (personDays / days).toFixed(1) : "0.0");
const leaderRows = (leaders: Leader[]) => [csvRow(["title", "address", "views", "people_each_day_added_up"]), ...leaders.map((l) => csvRow([l.title, l.href, l.views, l.personDays]))];

/** The CSV's lines, or null when the viewer may not see these figures (the route's 404). */
async function lines(viewer: Viewer, info: ScopeInfo, view: ExportView, choices: FigureChoices): Promise<string[] | null> {
  const audience = AUDIENCE_PARAMS[audienceFor(viewer, info.scope, choices.audience)];
  switch (view) {
    case "series": {
      const series = await viewSeries(viewer, info.scope, choices.range, choices.bucket, audience);
      if (!series) return null;
      return [
        csvRow(["bucket_start", "days", "views", "intranet_views", "extranet_views", "people_each_day_added_up", "average_people_a_day"]),
        ...series.map((p) => csvRow([p.start, p.days, p.views, p.intranetViews, p.extranetViews, p.personDays, average(p.personDays, p.days)])),
      ];
    }
    case "content": {
      const leaders = await topContent(viewer, info.scope, choices.range, EXPORT_LEADERS, audience);
      return leaders && leaderRows(leaders);
    }
    case "sections":
    case "groups": {
      const leaders = await topPlaces(viewer, view === "sections" ? "section" : "group", choices.range, EXPORT_LEADERS, audience);
      return leaders && leaderRows(leaders);
    }
    case "searches": {
      const searches = await searchesWithoutResults(viewer, choices.range, EXPORT_LEADERS, audience);
      return searches && [csvRow(["term", "searches"]), ...searches.map((s) => csvRow([s.term, s.searches]))];
    }
  }
}

/**
 * One view's CSV for the viewer, recorded in the audit log before it is answered (counts
 * only in the record too: what, of which scope, over which days); null when refused.
 */
export async function analyticsCsv(
  viewer: Viewer,
  info: ScopeInfo,
  view: ExportView,
  choices: FigureChoices,
  address: string | null,
): Promise<{ filename: string; body: string } | null> {
  if (!viewsOf(info.scope).includes(view)) return null;
  const rows = await lines(viewer, info, view, choices);
  if (!rows) return null;
  const { from, to } = choices.range;
  await recordAudit(await getDb(), {
    actor: { id: viewer.id, email: viewer.email },
    action: "analytics.export",
    address,
    target: { type: "analytics", id: info.param },
    details: { view, from, to, bucket: choices.bucket, audience: audienceFor(viewer, info.scope, choices.audience) },
  });
  const scopeName = info.param.replace(/[^a-z0-9]+/g, "-");
  return { filename: `analytics-${scopeName}-${view}-${from}-to-${to}.csv`, body: rows.join("") };
}
