/**
 * D1: the migration that gave the day leaders an audience fills each audience's leaders for
 * the days counted before it, from the figures every item, section and group keeps (the first
 * LEADERS_A_DAY a day, as the rollup keeps), and keeps each day's first LEADERS_A_DAY
 * searches that found nothing. Its statements are run here on figures written as the earlier
 * rollup wrote them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { type Harness, createHarness } from "@/lib/testing/harness";

const { LEADERS_A_DAY } = await import("./rollup");

let h: Harness;
const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await h.db.execute(q));
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** The migration's statements that move figures (its schema changes are already applied). */
const backfill = readFileSync(path.join(process.cwd(), "drizzle/0036_analytics_leaders_by_audience.sql"), "utf8")
  .split("--> statement-breakpoint")
  .map((s) => s.trim())
  .filter((s) => /^(--[^\n]*\n)*\s*(INSERT|DELETE)/.test(s));

beforeAll(async () => {
  h = await createHarness();
  const items = Array.from({ length: LEADERS_A_DAY + 2 }, (_, i) => sql`('2027-03-02', ${uuid(i + 1)}::uuid, 1, null, 'organisational', ${i + 1}, 1)`);
  await h.db.execute(sql`insert into view_item_days (day, content_id, section_id, group_id, audience, views, visitors) values ${sql.join(items, sql`, `)},
    ('2027-03-02', ${uuid(500)}::uuid, 1, null, 'external', 4, 2)`);
  await h.db.execute(sql`insert into view_days (day, scope, scope_key, audience, views, visitors) values
    ('2027-03-02', 'site', '', 'organisational', 999, 9), ('2027-03-02', 'section', '1', 'organisational', 50, 5), ('2027-03-02', 'section', '1', 'external', 4, 2),
    ('2027-03-02', 'group', '7', 'organisational', 3, 1)`);
  // The earlier rollup's leaders, everyone's: kept as they are.
  await h.db.execute(sql`insert into view_leader_days (day, kind, key, views, visitors) values ('2027-03-02', 'item', ${uuid(LEADERS_A_DAY + 2)}, ${LEADERS_A_DAY + 6}, 3)`);
  const terms = Array.from({ length: LEADERS_A_DAY + 1 }, (_, i) => sql`('2027-03-02', ${`term ${String(i).padStart(3, "0")}`}, ${i === 0 ? 5 : 1})`);
  await h.db.execute(sql`insert into search_miss_days (day, term, searches) values ${sql.join(terms, sql`, `)}, ('2027-03-03', 'other day', 1)`);
  for (const statement of backfill) await h.db.execute(sql.raw(statement));
});
afterAll(() => h?.close());

describe("each audience's day leaders, from the figures kept before them (D1)", () => {
  it("finds the statements to run", () => {
    expect(backfill).toHaveLength(3);
  });

  it(`fills each audience's first ${LEADERS_A_DAY} items a day, most viewed first, beside everyone's`, async () => {
    const items = await query<{ audience: string; n: number; least: number; most: number }>(
      sql`select audience, count(*)::int as n, min(views) as least, max(views) as most from view_leader_days where kind = 'item' group by audience order by audience`,
    );
    expect(items).toEqual([
      { audience: "all", n: 1, least: LEADERS_A_DAY + 6, most: LEADERS_A_DAY + 6 },
      { audience: "external", n: 1, least: 4, most: 4 },
      { audience: "organisational", n: LEADERS_A_DAY, least: 3, most: LEADERS_A_DAY + 2 },
    ]);
  });

  it("fills each audience's sections and groups from their day figures, never the site's", async () => {
    expect(await query(sql`select kind, audience, key, views from view_leader_days where kind <> 'item' order by kind, audience`)).toEqual([
      { kind: "group", audience: "organisational", key: "7", views: 3 },
      { kind: "section", audience: "external", key: "1", views: 4 },
      { kind: "section", audience: "organisational", key: "1", views: 50 },
    ]);
  });

  it(`keeps each day's first ${LEADERS_A_DAY} searches that found nothing`, async () => {
    const kept = await query<{ day: string; term: string }>(sql`select day::text, term from search_miss_days order by day, searches desc, term`);
    expect(kept).toHaveLength(LEADERS_A_DAY + 1);
    expect(kept[0]!.term).toBe("term 000");
    expect(kept.map((k) => k.term)).not.toContain(`term ${String(LEADERS_A_DAY).padStart(3, "0")}`);
    expect(kept.at(-1)).toEqual({ day: "2027-03-03", term: "other day" });
  });
});
