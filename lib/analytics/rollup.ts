import "server-only";
/**
 * D1: raw page views become each day's figures (view_days, view_item_days,
 * view_leader_days, search_miss_days), once the day is over, in the organisation's time
 * zone. A day is rolled up again while its raw views are kept if more of them arrive (a
 * journal recovered late); its key for visitors' hashes is deleted at its first rollup (D6).
 * Raw views are kept RAW_DAYS days (the live view needs minutes; a re-rollup a week), the
 * day figures for the retention the organisation sets (ANALYTICS_RETENTION, months).
 */
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { rowsOf } from "@/db/connect";
import { analyticsDays, pageViews, searchMissDays, viewDays, viewItemDays, viewLeaderDays } from "@/db/schema";
import { readWholeNumber } from "@/lib/env-number";
import { getAnalyticsRetention } from "@/lib/settings/queries";
import { ANALYTICS_TIME_ZONE, addDays, dayOf } from "./day";
import { recoverJournals } from "./record";
import { forgetSalts } from "./salts";

/** PORTICO_ANALYTICS_ROLLUP_SECONDS: how often (600 by default); the end-to-end tests' server rolls up every few seconds. */
export function rollupEveryMs(env: Record<string, string | undefined> = process.env): number {
  const reading = readWholeNumber(env, "PORTICO_ANALYTICS_ROLLUP_SECONDS", 600, 86_400);
  return (reading.ok ? reading.value : 600) * 1000;
}

export function analyticsRollupProblem(env: Record<string, string | undefined> = process.env): string | null {
  const reading = readWholeNumber(env, "PORTICO_ANALYTICS_ROLLUP_SECONDS", 600, 86_400);
  return reading.ok ? null : reading.message;
}
/** Days of raw views kept: a late journal can still be counted into its own day within them. */
export const RAW_DAYS = 7;
/** Each day's leaders kept (for everyone and for each audience), and its searches that found nothing: enough for any range's first 20, from a few rows a day. */
export const LEADERS_A_DAY = 100;

/** The instant a day (YYYY-MM-DD) starts, in the organisation's zone, as SQL. */
const dayStart = (day: string) => sql`(${day}::date::timestamp at time zone ${ANALYTICS_TIME_ZONE})`;

/**
 * Rolls up one day from its raw views, replacing what an earlier rollup wrote for it. Today
 * is rolled up too, so far (`final` false), and keeps its key: its people are still counted.
 */
export async function rollUpDay(db: Db, day: string, final = true): Promise<number> {
  return db.transaction(async (tx) => {
    // Counting distinct people sorts: a busy day's sorts fit in memory with this much.
    await tx.execute(sql`set local work_mem = '64MB'`);
    // The day's views are read once, into a table of this transaction that every count below
    // reads. An item's view counts for its home section or group as the page saw it (views
    // recorded before pages said so: its home when the day is counted).
    await tx.execute(sql`
      create temporary table day_views on commit drop as
      select pv.audience, pv.visitor, pv.app, pv.missed_term, pv.content_id,
        coalesce(pv.section_id, c.home_section_id) as section_id, coalesce(pv.group_id, c.home_group_id) as group_id
      from page_views pv left join content c on c.id = pv.content_id and (pv.section_id is null and pv.group_id is null)
      where pv.at >= ${dayStart(day)} and pv.at < ${dayStart(addDays(day, 1))}`);
    const views = rowsOf<{ views: number }>(await tx.execute(sql`select count(*)::int as views from day_views`))[0]!.views;
    await tx.delete(viewDays).where(eq(viewDays.day, day));
    await tx.delete(viewItemDays).where(eq(viewItemDays.day, day));
    await tx.delete(viewLeaderDays).where(eq(viewLeaderDays.day, day));
    await tx.delete(searchMissDays).where(eq(searchMissDays.day, day));
    if (views > 0) {
      await tx.execute(sql`
        insert into view_days (day, scope, scope_key, audience, views, visitors)
        select ${day}::date, 'site', '', audience, count(*), count(distinct visitor) from day_views group by audience
        union all
        select ${day}::date, 'section', section_id::text, audience, count(*), count(distinct visitor) from day_views where section_id is not null group by section_id, audience
        union all
        select ${day}::date, 'group', group_id::text, audience, count(*), count(distinct visitor) from day_views where group_id is not null group by group_id, audience
        union all
        select ${day}::date, 'app', app, audience, count(*), count(distinct visitor) from day_views where app is not null group by app, audience`);
      await tx.execute(sql`
        insert into view_item_days (day, content_id, section_id, group_id, audience, views, visitors)
        select ${day}::date, content_id, max(section_id), max(group_id), audience, count(*), count(distinct visitor)
        from day_views where content_id is not null group by content_id, audience`);
      // Each kind's leaders for everyone and for each audience (the figures' audience filter), in one pass.
      for (const [kind, column] of [
        ["item", "content_id"],
        ["section", "section_id"],
        ["group", "group_id"],
      ] as const) {
        const key = sql.identifier(column);
        await tx.execute(sql`
          insert into view_leader_days (day, kind, audience, key, views, visitors)
          select ${day}::date, ${kind}, audience, key, views, visitors from (
            select case when grouping(audience) = 1 then 'all' else audience::text end as audience, ${key}::text as key,
              count(*) as views, count(distinct visitor) as visitors,
              row_number() over (partition by grouping(audience), audience order by count(*) desc, ${key}) as place
            from day_views where ${key} is not null
            group by grouping sets ((${key}), (${key}, audience))
          ) ranked where place <= ${LEADERS_A_DAY}`);
      }
      await tx.execute(sql`
        insert into search_miss_days (day, term, searches)
        select ${day}::date, missed_term, searches from (
          select missed_term, count(*) as searches, row_number() over (order by count(*) desc, missed_term) as place
          from day_views where missed_term is not null group by missed_term
        ) ranked where place <= ${LEADERS_A_DAY}`);
    }
    const done = { rolledUpAt: new Date(), rolledUpViews: views, ...(final ? { salt: null } : {}) };
    await tx.insert(analyticsDays).values({ day, ...done }).onConflictDoUpdate({ target: analyticsDays.day, set: done });
    return views;
  });
}

/**
 * The rollup job: recovers journals left by processes that have gone, rolls up every day
 * with raw views not yet counted (today so far among them, so that the figures lag the
 * views by at most the rollup's interval), deletes raw views past RAW_DAYS and day figures past
 * the organisation's retention. Answers the days rolled up.
 */
export async function rollUpViews(db: Db, now: Date = new Date()): Promise<string[]> {
  await recoverJournals(db);
  const today = dayOf(now);
  const oldest = addDays(today, -RAW_DAYS);
  const counted = rowsOf<{ day: string; views: number; rolled: number | null }>(
    await db.execute(sql`
      select d.day::text as day, d.views, a.rolled_up_views as rolled
      from (
        select (at at time zone ${ANALYTICS_TIME_ZONE})::date as day, count(*)::int as views
        from page_views where at >= ${dayStart(oldest)} and at < ${dayStart(addDays(today, 1))} group by 1
      ) d left join analytics_days a on a.day = d.day`),
  );
  const days = counted.filter((d) => d.rolled === null || d.rolled !== d.views).map((d) => d.day).sort();
  for (const day of days) await rollUpDay(db, day, day < today);
  // A day with no views left a key behind: nothing to count with it any more.
  await db.update(analyticsDays).set({ salt: null }).where(and(lt(analyticsDays.day, today), isNotNull(analyticsDays.salt)));
  forgetSalts();
  await db.delete(pageViews).where(lt(pageViews.at, sql`${dayStart(oldest)}`));
  const { months } = await getAnalyticsRetention(db);
  const keepFrom = new Date(now);
  keepFrom.setUTCMonth(keepFrom.getUTCMonth() - months);
  const firstKept = dayOf(keepFrom);
  await db.delete(viewDays).where(lt(viewDays.day, firstKept));
  await db.delete(viewItemDays).where(lt(viewItemDays.day, firstKept));
  await db.delete(viewLeaderDays).where(lt(viewLeaderDays.day, firstKept));
  await db.delete(searchMissDays).where(lt(searchMissDays.day, firstKept));
  await db.delete(analyticsDays).where(lt(analyticsDays.day, firstKept));
  return days;
}
