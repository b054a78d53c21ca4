/**
 * D1 D6: raw views become each day's figures. Per scope (the site, a section, a group, an
 * app) and audience: views and distinct people; an item's view counts for its home; each
 * day's leaders, for everyone and for each audience; searches that found nothing, the day's most asked. A past day's key is deleted when it is
 * rolled up (today's is kept: its people are still being counted); late views roll the day up
 * again; raw views go after a week, day figures after the organisation's retention.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { pageViews, settings } from "@/db/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";

const { rollUpViews, RAW_DAYS, LEADERS_A_DAY } = await import("./rollup");

let h: Harness;
type Raw = typeof pageViews.$inferInsert;
const person = (n: number) => Buffer.alloc(16, n);
const at = (iso: string) => new Date(iso);

async function insert(rows: Partial<Raw>[]) {
  await h.db.insert(pageViews).values(rows.map((r) => ({ at: at("2027-03-10T12:00:00Z"), audience: "organisational" as const, page: "home" as const, visitor: person(1), ...r })));
}
const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await h.db.execute(q));

beforeAll(async () => {
  h = await createHarness("demo");
});
afterAll(() => h?.close());
beforeEach(async () => {
  for (const t of ["page_views", "view_days", "view_item_days", "view_leader_days", "search_miss_days", "analytics_days"]) await h.db.execute(sql`delete from ${sql.identifier(t)}`);
  await h.db.execute(sql`delete from settings where key = 'analyticsRetention'`);
});

describe("the analytics rollup (D1 D6)", () => {
  it("counts each scope's views and distinct people per audience, an item's views for its home, leaders and missed searches", async () => {
    const news = h.section("news");
    const n1 = h.content("n1"); // homed in news
    await insert([
      { page: "item", contentId: n1, visitor: person(1) },
      { page: "item", contentId: n1, visitor: person(1) },
      { page: "item", contentId: n1, visitor: person(2) },
      { page: "section", sectionId: news, visitor: person(3) },
      { page: "app", app: "wall", audience: "external", visitor: person(4) },
      { page: "search", missedTerm: "parking permits", visitor: person(1) },
      { page: "search", missedTerm: "parking permits", visitor: person(2) },
      // The next day in London (BST is not yet in March: midnight UTC is midnight there).
      { at: at("2027-03-11T00:30:00Z"), page: "home", visitor: person(9) },
    ]);
    expect(await rollUpViews(h.db, at("2027-03-12T09:00:00Z"))).toEqual(["2027-03-10", "2027-03-11"]);
    const days = await query<{ day: string; scope: string; scope_key: string; audience: string; views: number; visitors: number }>(
      sql`select day::text, scope, scope_key, audience, views, visitors from view_days order by day, scope, scope_key, audience`,
    );
    expect(days).toEqual([
      { day: "2027-03-10", scope: "app", scope_key: "wall", audience: "external", views: 1, visitors: 1 },
      { day: "2027-03-10", scope: "section", scope_key: String(news), audience: "organisational", views: 4, visitors: 3 },
      { day: "2027-03-10", scope: "site", scope_key: "", audience: "organisational", views: 6, visitors: 3 },
      { day: "2027-03-10", scope: "site", scope_key: "", audience: "external", views: 1, visitors: 1 },
      { day: "2027-03-11", scope: "site", scope_key: "", audience: "organisational", views: 1, visitors: 1 },
    ]);
    expect(await query(sql`select content_id::text, section_id, views, visitors from view_item_days`)).toEqual([{ content_id: n1, section_id: news, views: 3, visitors: 2 }]);
    expect(await query(sql`select kind, audience, key, views from view_leader_days order by kind, audience`)).toEqual([
      { kind: "item", audience: "all", key: n1, views: 3 },
      { kind: "item", audience: "organisational", key: n1, views: 3 },
      { kind: "section", audience: "all", key: String(news), views: 4 },
      { kind: "section", audience: "organisational", key: String(news), views: 4 },
    ]);
    expect(await query(sql`select term, searches from search_miss_days`)).toEqual([{ term: "parking permits", searches: 2 }]);
    // D6: the days are over, and their keys with them.
    expect(await query(sql`select day::text, salt is null as gone, rolled_up_views from analytics_days order by day`)).toEqual([
      { day: "2027-03-10", gone: true, rolled_up_views: 7 },
      { day: "2027-03-11", gone: true, rolled_up_views: 1 },
    ]);
  });

  it(`keeps each day's first ${LEADERS_A_DAY} leaders for everyone and for each audience, and its first ${LEADERS_A_DAY} searches that found nothing`, async () => {
    const n1 = h.content("n1");
    const b5 = h.content("b5"); // homed in a group
    const group = rowsOf<{ id: number }>(await h.db.execute(sql`select home_group_id as id from content where id = ${b5}`))[0]!.id;
    await insert([
      { page: "item", contentId: n1, audience: "external", visitor: person(1) },
      { page: "item", contentId: n1, audience: "external", visitor: person(2) },
      { page: "item", contentId: b5, visitor: person(3) },
      { page: "item", contentId: b5, visitor: person(3) },
      { page: "item", contentId: b5, visitor: person(4) },
      // The term asked most, then LEADERS_A_DAY others once each: the last of those in order is not kept.
      { page: "search", missedTerm: "zebra crossing", visitor: person(3) },
      { page: "search", missedTerm: "zebra crossing", visitor: person(4) },
      ...Array.from({ length: LEADERS_A_DAY }, (_, i) => ({ page: "search" as const, missedTerm: `term ${String(i).padStart(3, "0")}`, visitor: person(3) })),
    ]);
    await rollUpViews(h.db, at("2027-03-12T09:00:00Z"));
    expect(await query(sql`select kind, audience, key, views, visitors from view_leader_days where kind = 'item' order by audience, views desc`)).toEqual([
      { kind: "item", audience: "all", key: b5, views: 3, visitors: 2 },
      { kind: "item", audience: "all", key: n1, views: 2, visitors: 2 },
      { kind: "item", audience: "external", key: n1, views: 2, visitors: 2 },
      { kind: "item", audience: "organisational", key: b5, views: 3, visitors: 2 },
    ]);
    expect(await query(sql`select audience, key from view_leader_days where kind = 'group' order by audience`)).toEqual([
      { audience: "all", key: String(group) },
      { audience: "organisational", key: String(group) },
    ]);
    const terms = await query<{ term: string; searches: number }>(sql`select term, searches from search_miss_days order by searches desc, term`);
    expect(terms).toHaveLength(LEADERS_A_DAY);
    expect(terms[0]).toEqual({ term: "zebra crossing", searches: 2 });
    expect(terms.at(-1)!.term).toBe(`term ${String(LEADERS_A_DAY - 2).padStart(3, "0")}`);
  });

  it("rolls up today so far and keeps its key; rolls a day up again when late views arrive, and not otherwise", async () => {
    await h.db.execute(sql`insert into analytics_days (day, salt) values ('2027-03-12', '\\x01'::bytea)`);
    await insert([{ at: at("2027-03-12T08:00:00Z") }, { at: at("2027-03-11T08:00:00Z") }]);
    expect(await rollUpViews(h.db, at("2027-03-12T09:00:00Z"))).toEqual(["2027-03-11", "2027-03-12"]);
    expect(await query(sql`select salt is not null as kept from analytics_days where day = '2027-03-12'`)).toEqual([{ kept: true }]);
    expect(await rollUpViews(h.db, at("2027-03-12T09:10:00Z"))).toEqual([]);
    await insert([{ at: at("2027-03-11T09:00:00Z"), visitor: person(5) }]);
    expect(await rollUpViews(h.db, at("2027-03-12T09:20:00Z"))).toEqual(["2027-03-11"]);
    expect(await query(sql`select views, visitors from view_days where day = '2027-03-11' and scope = 'site'`)).toEqual([{ views: 2, visitors: 2 }]);
  });

  it(`deletes raw views after ${RAW_DAYS} days and day figures past the organisation's retention`, async () => {
    await insert([{ at: at("2027-03-01T12:00:00Z") }, { at: at("2027-03-10T12:00:00Z") }]);
    await h.db.execute(sql`insert into view_days (day, scope, scope_key, audience, views, visitors) values ('2026-01-01', 'site', '', 'organisational', 5, 1), ('2027-01-01', 'site', '', 'organisational', 5, 1)`);
    await h.db.insert(settings).values({ key: "analyticsRetention", value: { months: 12 } });
    await rollUpViews(h.db, at("2027-03-12T09:00:00Z"));
    expect(await query(sql`select at from page_views`)).toHaveLength(1);
    expect(await query(sql`select day::text from view_days where scope = 'site' and day < '2027-03-01' order by day`)).toEqual([{ day: "2027-01-01" }]);
  });
});
