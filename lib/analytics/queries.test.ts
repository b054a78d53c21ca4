/**
 * D1 D6: who sees which figures. Webmasters the site's (and any section's, group's, app's);
 * section managers their sections' (S7); group admins their groups' (G5); anyone else none
 * (null: the page answers as if there were nothing). A figure about an item appears only for
 * someone who can view the item. Series have every bucket of the range, empty ones as zero.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";

const q = await import("./queries");

let h: Harness;
const WEBMASTER = "wendy.webb@northmoor.example";
const NEWS_MANAGER = "priya.sharma@northmoor.example";
const ASC_MANAGER = "sam.mensah@northmoor.example";
const CLUB_ADMIN = "david.okafor@northmoor.example";
const PARTNER = "erin.cole@riverside-care.example";
const range = { from: "2027-03-01", to: "2027-03-14" };

beforeAll(async () => {
  h = await createHarness("demo");
  const news = h.section("news");
  const club = rowsId(await h.db.execute(sql`select id from groups where slug = 'social-club'`));
  const day = (d: number) => `2027-03-${String(d).padStart(2, "0")}`;
  for (const d of [2, 3, 9]) {
    await h.db.execute(sql`insert into view_days (day, scope, scope_key, audience, views, visitors) values
      (${day(d)}, 'site', '', 'organisational', ${d * 10}, ${d}), (${day(d)}, 'site', '', 'external', ${d}, 1),
      (${day(d)}, 'section', ${String(news)}, 'organisational', ${d * 2}, 2), (${day(d)}, 'group', ${String(club)}, 'organisational', 3, 1),
      (${day(d)}, 'app', 'wall', 'organisational', 4, 2)`);
  }
  // n1 is homed in news; p7 in partners, which the news manager cannot view (restricted), filed under news as if it had moved.
  await h.db.execute(sql`insert into view_item_days (day, content_id, section_id, group_id, audience, views, visitors) values
    ('2027-03-02', ${h.content("n1")}, ${news}, null, 'organisational', 7, 3),
    ('2027-03-02', ${h.content("p7")}, ${news}, null, 'organisational', 9, 4),
    ('2027-03-03', ${h.content("b5")}, null, ${club}, 'organisational', 2, 1)`);
  await h.db.execute(sql`insert into view_leader_days (day, kind, key, views, visitors) values
    ('2027-03-02', 'item', ${h.content("n1")}, 7, 3), ('2027-03-02', 'item', ${h.content("p7")}, 9, 4), ('2027-03-02', 'item', ${"00000000-0000-4000-8000-000000000000"}, 99, 9),
    ('2027-03-02', 'section', ${String(news)}, 12, 5), ('2027-03-02', 'group', ${String(club)}, 3, 1)`);
  // Each audience's leaders too: the audience filter reads those.
  await h.db.execute(sql`insert into view_leader_days (day, kind, audience, key, views, visitors) values
    ('2027-03-02', 'item', 'organisational', ${h.content("p7")}, 8, 3), ('2027-03-02', 'item', 'external', ${h.content("n1")}, 2, 1),
    ('2027-03-02', 'section', 'external', ${String(news)}, 2, 1)`);
  await h.db.execute(sql`insert into search_miss_days (day, term, searches) values ('2027-03-02', 'parking', 3), ('2027-03-09', 'parking', 2), ('2027-03-09', 'canteen', 4)`);
});
afterAll(() => h?.close());

const rowsId = (result: unknown) => rowsOf<{ id: number }>(result)[0]!.id;

describe("analytics figures and who sees them (D1 D6)", () => {
  it("webmasters: the site's series, every day of the range, by audience; weeks from Monday; months", async () => {
    const wendy = await viewerOf(WEBMASTER);
    const days = (await q.viewSeries(wendy, { kind: "site" }, range, "day"))!;
    expect(days).toHaveLength(14);
    expect(days.find((p) => p.start === "2027-03-02")).toEqual({ start: "2027-03-02", views: 22, intranetViews: 20, extranetViews: 2, personDays: 3, days: 1 });
    expect(days.find((p) => p.start === "2027-03-05")).toMatchObject({ views: 0, personDays: 0 });
    const weeks = (await q.viewSeries(wendy, { kind: "site" }, range, "week"))!;
    // 1 March 2027 is a Monday: two whole weeks.
    expect(weeks.map((w) => [w.start, w.views, w.days])).toEqual([
      ["2027-03-01", 22 + 33, 7],
      ["2027-03-08", 99, 7],
    ]);
    expect((await q.viewSeries(wendy, { kind: "site" }, range, "month", "external"))!.map((m) => [m.start, m.views])).toEqual([["2027-03-01", 2 + 3 + 9]]);
    expect((await q.viewSeries(wendy, { kind: "app", app: "wall" }, range, "month"))![0]!.views).toBe(12);
    expect(await q.searchesWithoutResults(wendy, range)).toEqual([
      { term: "parking", searches: 5 },
      { term: "canteen", searches: 4 },
    ]);
  });

  it("section managers see their sections' figures only, group admins their groups', others nothing", async () => {
    const news = { kind: "section" as const, sectionId: h.section("news") };
    const club = { kind: "group" as const, groupId: rowsId(await h.db.execute(sql`select id from groups where slug = 'social-club'`)) };
    const priya = await viewerOf(NEWS_MANAGER);
    const sam = await viewerOf(ASC_MANAGER);
    const david = await viewerOf(CLUB_ADMIN);
    const erin = await viewerOf(PARTNER);
    expect((await q.viewSeries(priya, news, range, "month"))![0]!.views).toBe(2 * (2 + 3 + 9));
    for (const [who, scope] of [
      [sam, news],
      [priya, club],
      [david, news],
      [erin, news],
      [priya, { kind: "site" as const }],
      [priya, { kind: "app" as const, app: "wall" as const }],
    ] as const) {
      expect(await q.viewSeries(who, scope, range, "day")).toBeNull();
      expect(await q.topContent(who, scope, range)).toBeNull();
      expect(await q.liveFigures(who, scope)).toBeNull();
    }
    expect((await q.viewSeries(david, club, range, "month"))![0]!.views).toBe(9);
    expect(await q.topPlaces(priya, "section", range)).toBeNull();
    expect(await q.searchesWithoutResults(priya, range)).toBeNull();
    expect(await q.analyticsChoices(erin)).toEqual({ site: false, sections: [], groups: [] });
    const choices = await q.analyticsChoices(priya);
    expect(choices.site).toBe(false);
    expect(choices.sections.map((s) => s.slug)).toContain("news");
    expect(choices.groups.map((g) => g.slug)).toEqual(["restructure-2027"]);
  });

  it("D6: an item's figures only for someone who can view it; a deleted item's for no one", async () => {
    const news = { kind: "section" as const, sectionId: h.section("news") };
    const priya = await viewerOf(NEWS_MANAGER);
    expect((await q.topContent(priya, news, range))!.map((l) => l.id)).toEqual([h.content("n1")]);
    const wendy = await viewerOf(WEBMASTER);
    // From the day leaders: the unknown id (deleted) is left out; p7 is there for the webmaster.
    expect((await q.topContent(wendy, { kind: "site" }, range))!.map((l) => [l.id, l.views])).toEqual([
      [h.content("p7"), 9],
      [h.content("n1"), 7],
    ]);
    expect((await q.topPlaces(wendy, "section", range))!.map((l) => [l.href, l.views])).toEqual([["/sections/news", 12]]);
    expect((await q.topPlaces(wendy, "group", range))!.map((l) => l.href)).toEqual(["/groups/social-club"]);
  });

  it("the audience filter: each audience's own leaders; searches, which only organisational people make, none for the extranet", async () => {
    const wendy = await viewerOf(WEBMASTER);
    expect((await q.topContent(wendy, { kind: "site" }, range, 20, "external"))!.map((l) => [l.id, l.views])).toEqual([[h.content("n1"), 2]]);
    expect((await q.topContent(wendy, { kind: "site" }, range, 20, "organisational"))!.map((l) => [l.id, l.views])).toEqual([[h.content("p7"), 8]]);
    expect((await q.topPlaces(wendy, "section", range, 20, "external"))!.map((l) => [l.href, l.views])).toEqual([["/sections/news", 2]]);
    expect(await q.topPlaces(wendy, "group", range, 20, "external")).toEqual([]);
    expect(await q.searchesWithoutResults(wendy, range, 50, "external")).toEqual([]);
    expect((await q.searchesWithoutResults(wendy, range, 50, "organisational"))!.map((s) => s.term)).toEqual(["parking", "canteen"]);
  });

  it("live: the last thirty minutes a minute at a time, the people in them, what is read now", async () => {
    const wendy = await viewerOf(WEBMASTER);
    const now = new Date("2027-03-14T10:00:30Z");
    await h.db.execute(sql`insert into page_views (at, audience, page, content_id, visitor) values
      ('2027-03-14T09:59:10Z', 'organisational', 'item', ${h.content("n1")}, '\\x01'::bytea),
      ('2027-03-14T09:59:20Z', 'organisational', 'item', ${h.content("n1")}, '\\x02'::bytea),
      ('2027-03-14T09:40:00Z', 'external', 'home', null, '\\x02'::bytea),
      ('2027-03-14T09:20:00Z', 'organisational', 'home', null, '\\x03'::bytea)`);
    const live = (await q.liveFigures(wendy, { kind: "site" }, now))!;
    expect(live.minutes).toHaveLength(30);
    expect(live.minutes.at(-1)!.minute).toBe("2027-03-14T10:00:00.000Z");
    expect(live.minutes.find((m) => m.minute === "2027-03-14T09:59:00.000Z")!.views).toBe(2);
    expect(live.minutes.reduce((n, m) => n + m.views, 0)).toBe(3); // 09:20 is before the half hour
    expect(live.people).toBe(2);
    expect(live.items.map((i) => [i.id, i.views])).toEqual([[h.content("n1"), 2]]);
    // The item's view counts for its home section, live as in the day figures: looked up for a
    // view recorded without it, read from the view once recorded with it.
    const newsLive = async () => (await q.liveFigures(wendy, { kind: "section", sectionId: h.section("news") }, now))!;
    expect((await newsLive()).items.map((i) => i.views)).toEqual([2]);
    await h.db.execute(sql`insert into page_views (at, audience, page, content_id, section_id, visitor) values
      ('2027-03-14T09:59:30Z', 'organisational', 'item', ${h.content("n1")}, ${h.section("news")}, '\x03'::bytea)`);
    expect((await newsLive()).items.map((i) => i.views)).toEqual([3]);
    expect((await newsLive()).people).toBe(3);
  });
});
