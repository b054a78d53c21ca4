import "server-only";
/**
 * D1 D6: the usage figures a viewer may see, counts only. Webmasters see everything
 * (analytics.site), section managers their sections' (analytics.section, S7), group admins
 * their groups' (analytics.group, G5); a figure about an item is listed only when the viewer
 * can view the item (visibleContent, in the same query), a section's or group's only when
 * they can view it. Everything is read from the day figures (./rollup.ts rolls up today
 * too, every ten minutes), never from who viewed what; only the live view reads the last
 * half hour of raw views, as counts.
 */
import { type SQL, and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { type Db, rowsOf } from "@/db/connect";
import { content, groups, sections } from "@/db/schema";
import { can } from "@/lib/access/policies";
import { visibleContent, visibleGroups, visibleSections } from "@/lib/access/filters";
import type { Viewer } from "@/lib/access/types";

import type { AnalyticsApp } from "./record";

export type AnalyticsScope = { kind: "site" } | { kind: "section"; sectionId: number } | { kind: "group"; groupId: number } | { kind: "app"; app: AnalyticsApp };
/** Days, both included, YYYY-MM-DD in the organisation's zone. */
export interface DayRange {
  from: string;
  to: string;
}
export type Bucket = "day" | "week" | "month";
export type AudienceFilter = "all" | "organisational" | "external";

export const ANALYTICS_APPS: readonly AnalyticsApp[] = ["ideas", "wall", "queries"];

/** May the viewer see this scope's figures at all? */
export async function mayViewScope(viewer: Viewer, scope: AnalyticsScope, db?: Db): Promise<boolean> {
  switch (scope.kind) {
    case "site":
    case "app":
      return can(viewer, "analytics.site", null, db);
    case "section":
      return can(viewer, "analytics.section", { kind: "section", id: scope.sectionId }, db);
    case "group":
      return can(viewer, "analytics.group", { kind: "group", id: scope.groupId }, db);
  }
}

export interface ScopeChoices {
  site: boolean;
  /** The sections the viewer manages (S7: a section below one they manage, too), by title; for webmasters none (they reach any from the site's figures). */
  sections: { id: number; slug: string; title: string }[];
  /** The groups the viewer is an admin of. */
  groups: { id: number; slug: string; name: string }[];
}

/** What the viewer may open in /analytics: nothing means the page is not for them. */
export async function analyticsChoices(viewer: Viewer): Promise<ScopeChoices> {
  const db = await getDb();
  const site = await can(viewer, "analytics.site", null, db);
  if (viewer.audience === "external") return { site, sections: [], groups: [] };
  const [managed, administered] = await Promise.all([
    site
      ? []
      : db
          .select({ id: sections.id, slug: sections.slug, title: sections.title })
          .from(sections)
          .where(sql`${sections.id} in (select sc.descendant_id from section_closure sc join section_roles sr on sr.section_id = sc.ancestor_id where sr.person_id = ${viewer.id} and sr.role = 'manager')`)
          .orderBy(sections.title)
          .limit(500),
    db
      .select({ id: groups.id, slug: groups.slug, name: groups.name })
      .from(groups)
      .where(sql`${groups.id} in (select gm.group_id from group_members gm where gm.person_id = ${viewer.id} and gm.is_admin)`)
      .orderBy(groups.name)
      .limit(500),
  ]);
  return { site, sections: managed, groups: administered };
}

function scopeWhere(scope: AnalyticsScope): SQL {
  switch (scope.kind) {
    case "site":
      return sql`scope = 'site' and scope_key = ''`;
    case "section":
      return sql`scope = 'section' and scope_key = ${String(scope.sectionId)}`;
    case "group":
      return sql`scope = 'group' and scope_key = ${String(scope.groupId)}`;
    case "app":
      return sql`scope = 'app' and scope_key = ${scope.app}`;
  }
}

const audienceWhere = (audience: AudienceFilter) => (audience === "all" ? sql`true` : sql`audience = ${audience}`);
const inRange = (range: DayRange) => sql`day between ${range.from}::date and ${range.to}::date`;

export interface SeriesPoint {
  /** The bucket's first day (YYYY-MM-DD). */
  start: string;
  views: number;
  intranetViews: number;
  extranetViews: number;
  /** People counted per day: each day's distinct people, added up (a person on three days counts three). */
  personDays: number;
  /** The days of the bucket that are in the range. */
  days: number;
}

/** Views and people over a range, by day, week (from Monday) or month; every bucket of the range, empty ones as zero. */
export async function viewSeries(viewer: Viewer, scope: AnalyticsScope, range: DayRange, bucket: Bucket, audience: AudienceFilter = "all"): Promise<SeriesPoint[] | null> {
  const db = await getDb();
  if (!(await mayViewScope(viewer, scope, db))) return null;
  const unit = sql.raw(`'${bucket}'`);
  const rows = rowsOf<{ start: string; views: number; intranet: number; extranet: number; person_days: number; days: number }>(
    await db.execute(sql`
      with buckets as (
        select date_trunc(${unit}, d)::date as start, count(*)::int as days
        from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') d group by 1
      ), figures as (
        select date_trunc(${unit}, day)::date as start,
          sum(views)::int as views,
          coalesce(sum(views) filter (where audience = 'organisational'), 0)::int as intranet,
          coalesce(sum(views) filter (where audience = 'external'), 0)::int as extranet,
          sum(visitors)::int as person_days
        from view_days where ${scopeWhere(scope)} and ${inRange(range)} and ${audienceWhere(audience)}
        group by 1
      )
      select b.start::text as start, coalesce(f.views, 0) as views, coalesce(f.intranet, 0) as intranet, coalesce(f.extranet, 0) as extranet,
        coalesce(f.person_days, 0) as person_days, b.days
      from buckets b left join figures f on f.start = b.start order by b.start`),
  );
  return rows.map((r) => ({ start: r.start, views: r.views, intranetViews: r.intranet, extranetViews: r.extranet, personDays: r.person_days, days: r.days }));
}

export interface Leader {
  id: string;
  title: string;
  /** Where it is: for an item its address; for a section or group its page. */
  href: string;
  views: number;
  personDays: number;
}

/**
 * The most viewed items of a scope over a range, only those the viewer can view (D6). For the
 * site, from each day's leaders of the audience asked for (a year is a few thousand rows;
 * every item's figures for the site's year were seconds); for a section or group, from its
 * items' own day figures.
 */
export async function topContent(viewer: Viewer, scope: AnalyticsScope, range: DayRange, limit = 20, audience: AudienceFilter = "all"): Promise<Leader[] | null> {
  const db = await getDb();
  if (!(await mayViewScope(viewer, scope, db))) return null;
  if (scope.kind === "app") return [];
  const figures =
    scope.kind === "site"
      ? sql`select key::uuid as id, sum(views)::int as views, sum(visitors)::int as person_days from view_leader_days
            where kind = 'item' and audience = ${audience} and ${inRange(range)} group by key`
      : sql`select content_id as id, sum(views)::int as views, sum(visitors)::int as person_days from view_item_days
            where ${scope.kind === "section" ? sql`section_id = ${scope.sectionId}` : sql`group_id = ${scope.groupId}`} and ${inRange(range)} and ${audienceWhere(audience)}
            group by content_id`;
  // Most viewed first, each item then looked up (and its visibility checked) by its key until
  // `limit` are found: the planner, which cannot tell how few items a place's figures name
  // (it guessed 55 000 for a section's 200), would otherwise hash every item in the site to
  // join them (bench/analytics.ts: 310 ms for a webmaster). OFFSET 0 keeps the lookup a lookup.
  const rows = rowsOf<{ id: string; title: string; views: number; person_days: number }>(
    await db.execute(sql`
      select f.id::text as id, c.title, f.views, f.person_days
      from (${figures} order by 2 desc, 1) f
      cross join lateral (select ${content.title} as title from ${content} where ${content.id} = f.id and ${visibleContent(viewer)} offset 0) c
      order by f.views desc, f.id limit ${limit}`),
  );
  return rows.map((r) => ({ id: r.id, title: r.title, href: `/content/${r.id}`, views: r.views, personDays: r.person_days }));
}

/** The site's most viewed sections or groups over a range (webmasters), by the audience asked for, each only if the viewer can view it. */
export async function topPlaces(viewer: Viewer, kind: "section" | "group", range: DayRange, limit = 20, audience: AudienceFilter = "all"): Promise<Leader[] | null> {
  const db = await getDb();
  if (!(await mayViewScope(viewer, { kind: "site" }, db))) return null;
  const figures = sql`select key::int as id, sum(views)::int as views, sum(visitors)::int as person_days from view_leader_days
    where kind = ${kind} and audience = ${audience} and ${inRange(range)} group by key`;
  const rows =
    kind === "section"
      ? rowsOf<{ id: number; slug: string; title: string; views: number; person_days: number }>(
          await db.execute(sql`select ${sections.id} as id, ${sections.slug} as slug, ${sections.title} as title, f.views, f.person_days
            from (${figures}) f join ${sections} on ${sections.id} = f.id where ${visibleSections(viewer)} order by f.views desc, f.id limit ${limit}`),
        )
      : rowsOf<{ id: number; slug: string; title: string; views: number; person_days: number }>(
          await db.execute(sql`select ${groups.id} as id, ${groups.slug} as slug, ${groups.name} as title, f.views, f.person_days
            from (${figures}) f join ${groups} on ${groups.id} = f.id where ${visibleGroups(viewer)} order by f.views desc, f.id limit ${limit}`),
        );
  return rows.map((r) => ({ id: String(r.id), title: r.title, href: kind === "section" ? `/sections/${r.slug}` : `/groups/${r.slug}`, views: r.views, personDays: r.person_days }));
}

/**
 * D4: what people searched for and found nothing, most asked first (webmasters), from each
 * day's most asked (./rollup.ts keeps LEADERS_A_DAY a day). Only organisational people
 * search (E4): for the extranet's figures, none.
 */
export async function searchesWithoutResults(viewer: Viewer, range: DayRange, limit = 50, audience: AudienceFilter = "all"): Promise<{ term: string; searches: number }[] | null> {
  const db = await getDb();
  if (!(await mayViewScope(viewer, { kind: "site" }, db))) return null;
  if (audience === "external") return [];
  return rowsOf<{ term: string; searches: number }>(
    await db.execute(sql`select term, sum(searches)::int as searches from search_miss_days where ${inRange(range)} group by term order by 2 desc, term limit ${limit}`),
  );
}

export interface LiveFigures {
  /** Views in each of the last 30 minutes, oldest first (minute: its start, ISO). */
  minutes: { minute: string; views: number }[];
  /** Distinct people in the last 30 minutes. */
  people: number;
  /** What is being read now: the scope's most viewed items of the half hour, those the viewer can view. */
  items: Leader[];
}

/** The last half hour, as counts, from the raw views (refreshed by the page). */
export async function liveFigures(viewer: Viewer, scope: AnalyticsScope, now: Date = new Date()): Promise<LiveFigures | null> {
  const db = await getDb();
  if (!(await mayViewScope(viewer, scope, db))) return null;
  const since = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 29 * 60_000);
  // An item's view is its home's (as the rollup counts it): recorded with the view; for a view
  // written before views said so, looked up.
  const home = (column: "section_id" | "group_id", home: "home_section_id" | "home_group_id", id: number) =>
    sql`(${sql.identifier(column)} = ${id} or (section_id is null and group_id is null and content_id is not null
      and (select ${sql.identifier(home)} from content c_home where c_home.id = page_views.content_id) = ${id}))`;
  const where = and(
    sql`at >= ${since.toISOString()}::timestamptz`,
    scope.kind === "site"
      ? undefined
      : scope.kind === "section"
        ? home("section_id", "home_section_id", scope.sectionId)
        : scope.kind === "group"
          ? home("group_id", "home_group_id", scope.groupId)
          : eq(sql`app`, scope.app),
  );
  const [perMinute, people, items] = await Promise.all([
    db.execute(sql`select date_trunc('minute', at) as minute, count(*)::int as views from page_views where ${where} group by 1`),
    db.execute(sql`select count(distinct visitor)::int as people from page_views where ${where}`),
    // As topContent: most viewed first, each item looked up until ten are found (a busy half
    // hour of the site names thousands of items; joining them all cost 30 ms of lookups).
    db.execute(sql`
      select f.id::text as id, c.title, f.views, f.people
      from (select content_id as id, count(*)::int as views, count(distinct visitor)::int as people from page_views where ${where} and content_id is not null group by content_id order by 2 desc, 1) f
      cross join lateral (select ${content.title} as title from ${content} where ${content.id} = f.id and ${visibleContent(viewer)} offset 0) c
      order by f.views desc, f.id limit 10`),
  ]);
  const counts = new Map(rowsOf<{ minute: string | Date; views: number }>(perMinute).map((r) => [new Date(r.minute).getTime(), r.views]));
  return {
    minutes: Array.from({ length: 30 }, (_, i) => {
      const t = since.getTime() + i * 60_000;
      return { minute: new Date(t).toISOString(), views: counts.get(t) ?? 0 };
    }),
    people: rowsOf<{ people: number }>(people)[0]?.people ?? 0,
    items: rowsOf<{ id: string; title: string; views: number; people: number }>(items).map((r) => ({ id: r.id, title: r.title, href: `/content/${r.id}`, views: r.views, personDays: r.people })),
  };
}

