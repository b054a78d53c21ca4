/**
 * D1 D6: /analytics, its live figures (GET /api/analytics/live) and its CSV export (GET
 * /api/analytics/export), on the demo organisation with figures written straight into the
 * tables: each role gets exactly its scopes — webmasters everything, section managers their
 * sections, group admins their groups — and everyone else, or any other scope, the answer
 * of an unknown one (404; the page: 403 for people who run nothing). A figure about an item
 * the viewer cannot view is absent everywhere; CSV cells cannot start a formula.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { type Harness, createHarness, signInAs, signOut } from "@/lib/testing/harness";
import { addDays, dayOf } from "./day";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
// The retention and Matomo forms are action forms (they need Next's router): tested on their own (./ui-retention.test.ts, ./matomo.test.ts, e2e).
vi.mock("@/components/analytics/retention-form", () => ({ AnalyticsRetentionForm: ({ months }: { months: number }) => `Retention form: ${months} months` }));
vi.mock("@/components/analytics/matomo-form", () => ({ MatomoForm: ({ url }: { url: string | null }) => `Matomo form: ${url ?? "off"}` }));

const { GET: liveRoute } = await import("@/app/api/analytics/live/route");
const { GET: exportRoute } = await import("@/app/api/analytics/export/route");
const { default: AnalyticsPage } = await import("@/app/(portal)/analytics/page");

const WEBMASTER = "wendy.webb@northmoor.example";
const MANAGER = "sam.mensah@northmoor.example"; // manages adult-social-care (and below); admin of hospital-discharge
const OTHER_MANAGER = "george.whitfield@northmoor.example"; // manages highways
const GROUP_ADMIN = "ravi.patel@northmoor.example"; // admin of green-champions
const STAFF = "owen.price@northmoor.example";
const EXTERNAL = "erin.cole@riverside-care.example";

/** A search term as someone typed it: a spreadsheet would run it as a formula. */
const FORMULA = '=HYPERLINK("http://evil.example","x")';

let h: Harness;
const yesterday = addDays(dayOf(new Date()), -1);
const ids = {
  asc: 0,
  highways: 0,
  green: 0,
  discharge: 0,
  n5: "", // news in adult-social-care: Sam can view it
  pg7: "", // in hr-casework, restricted: Sam cannot view it
  e6: "", // in green-champions: Ravi can view it
  gs1: "", // in the secret restructure-2027: Ravi cannot view it
};
const titles: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness("demo");
  ids.asc = h.section("adult-social-care");
  ids.highways = h.section("highways");
  ids.green = h.ids.groups.get("green-champions")!;
  ids.discharge = h.ids.groups.get("hospital-discharge")!;
  for (const key of ["n5", "pg7", "e6", "gs1"] as const) ids[key] = h.content(key);
  for (const row of await h.db.select({ id: schema.content.id, title: schema.content.title }).from(schema.content)) titles[row.id] = row.title;

  const day = yesterday;
  const org = "organisational" as const;
  await h.db.insert(schema.viewDays).values([
    { day, scope: "site", scopeKey: "", audience: org, views: 40, visitors: 12 },
    { day, scope: "site", scopeKey: "", audience: "external", views: 6, visitors: 2 },
    { day, scope: "section", scopeKey: String(ids.asc), audience: org, views: 15, visitors: 5 },
    { day, scope: "section", scopeKey: String(ids.highways), audience: org, views: 9, visitors: 3 },
    { day, scope: "group", scopeKey: String(ids.green), audience: org, views: 4, visitors: 2 },
    { day, scope: "group", scopeKey: String(ids.discharge), audience: org, views: 8, visitors: 2 },
    { day, scope: "app", scopeKey: "ideas", audience: org, views: 3, visitors: 1 },
  ]);
  // Figures of items as the rollup writes them, their homes as recorded: one of each scope's
  // items is one its manager or admin cannot view.
  await h.db.insert(schema.viewItemDays).values([
    { day, contentId: ids.n5, sectionId: ids.asc, groupId: null, audience: org, views: 11, visitors: 4 },
    { day, contentId: ids.pg7, sectionId: ids.asc, groupId: null, audience: org, views: 30, visitors: 6 },
    { day, contentId: ids.e6, sectionId: null, groupId: ids.green, audience: org, views: 3, visitors: 2 },
    { day, contentId: ids.gs1, sectionId: null, groupId: ids.green, audience: org, views: 20, visitors: 5 },
  ]);
  await h.db.insert(schema.viewLeaderDays).values([
    { day, kind: "item", key: ids.pg7, views: 30, visitors: 6 },
    { day, kind: "item", key: ids.n5, views: 11, visitors: 4 },
    { day, kind: "section", key: String(ids.asc), views: 15, visitors: 5 },
    { day, kind: "section", key: String(ids.highways), views: 9, visitors: 3 },
    { day, kind: "group", key: String(ids.discharge), views: 8, visitors: 2 },
  ]);
  await h.db.insert(schema.searchMissDays).values([
    { day, term: FORMULA, searches: 5 },
    { day, term: "parking permits", searches: 2 },
  ]);
  // The last half hour, raw: Sam's section's items (one of them not his to view) and a group item.
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
  const visitor = () => randomBytes(16);
  await h.db.insert(schema.pageViews).values([
    { at: minutesAgo(2), audience: org, page: "item", sectionId: ids.asc, contentId: ids.n5, visitor: visitor() },
    { at: minutesAgo(3), audience: org, page: "item", sectionId: ids.asc, contentId: ids.n5, visitor: visitor() },
    { at: minutesAgo(4), audience: org, page: "item", sectionId: ids.asc, contentId: ids.pg7, visitor: visitor() },
    { at: minutesAgo(5), audience: org, page: "section", sectionId: ids.asc, visitor: visitor() },
    { at: minutesAgo(6), audience: org, page: "item", groupId: ids.green, contentId: ids.gs1, visitor: visitor() },
    { at: minutesAgo(7), audience: org, page: "item", groupId: ids.green, contentId: ids.e6, visitor: visitor() },
    { at: minutesAgo(45), audience: org, page: "home", visitor: visitor() }, // before the half hour
  ]);
});
afterAll(() => h?.close());
beforeEach(() => signOut());

type LiveJson = { views: number; people: number; minutes: { label: string; views: number }[]; items: { title: string; href: string; views: number }[] };
const live = (scope: string) => liveRoute(new Request(`http://portico.test/api/analytics/live?scope=${encodeURIComponent(scope)}`));
const exported = (query: Record<string, string>) => exportRoute(new Request(`http://portico.test/api/analytics/export?${new URLSearchParams(query)}`));
const lastAuditId = async () => rowsOf<{ id: number }>(await h.db.execute(sql`select coalesce(max(id), 0)::int as id from audit_events`))[0]!.id;
const csvLines = async (response: Response) => (await response.text()).split("\r\n").filter(Boolean);

/** Every scope someone might ask about, by name, with which people may see it. */
function scopes(): Record<string, string> {
  return {
    site: "site",
    ideas: "app:ideas",
    asc: `section:${ids.asc}`,
    highways: `section:${ids.highways}`,
    green: `group:${ids.green}`,
    discharge: `group:${ids.discharge}`,
  };
}
const MAY_SEE: Record<string, string[]> = {
  [WEBMASTER]: ["site", "ideas", "asc", "highways", "green", "discharge"],
  [MANAGER]: ["asc", "discharge"],
  [OTHER_MANAGER]: ["highways"],
  [GROUP_ADMIN]: ["green"],
  [STAFF]: [],
  [EXTERNAL]: [],
};

describe("D1 D6: who gets which scope's figures", () => {
  it("the live figures: each role exactly its scopes; every other scope, an unknown id and nonsense answer the same 404; never cached", async () => {
    for (const [email, allowed] of Object.entries(MAY_SEE)) {
      await signInAs(email);
      for (const [name, scope] of Object.entries(scopes())) {
        const response = await live(scope);
        expect(response.status, `${email} ${name}`).toBe(allowed.includes(name) ? 200 : 404);
        expect(response.headers.get("cache-control")).toBe("private, no-store");
        if (response.status === 404) expect(await response.json()).toEqual({ error: "Not found." });
      }
      for (const scope of ["section:2147483647", "group:99999", "section:0", "section:99999999999", "app:groups", "everything", ""]) {
        const response = await live(scope);
        expect(response.status, `${email} ${scope}`).toBe(404);
        expect(await response.json()).toEqual({ error: "Not found." });
      }
    }
    signOut();
    expect((await live("site")).status).toBe(401);
  });

  it("an external group admin gets nothing either: analytics are for organisational people", async () => {
    const erin = h.person(EXTERNAL);
    await h.db.insert(schema.groupMembers).values({ groupId: ids.green, personId: erin, isAdmin: true }).onConflictDoUpdate({ target: [schema.groupMembers.groupId, schema.groupMembers.personId], set: { isAdmin: true } });
    try {
      await signInAs(EXTERNAL);
      expect((await live(`group:${ids.green}`)).status).toBe(404);
      expect((await exported({ view: "series", scope: `group:${ids.green}` })).status).toBe(404);
    } finally {
      await h.db.delete(schema.groupMembers).where(and(eq(schema.groupMembers.groupId, ids.green), eq(schema.groupMembers.personId, erin)));
    }
  });

  it("the CSV export: each role exactly its scopes and views; others 404", async () => {
    for (const [email, allowed] of Object.entries(MAY_SEE)) {
      await signInAs(email);
      for (const [name, scope] of Object.entries(scopes())) {
        for (const view of ["series", "content", "sections", "groups", "searches"]) {
          const offered = allowed.includes(name) && (view === "series" || (view === "content" && name !== "ideas") || name === "site");
          expect((await exported({ view, scope })).status, `${email} ${name} ${view}`).toBe(offered ? 200 : 404);
        }
      }
      expect((await exported({ view: "everything", scope: "site" })).status).toBe(404);
    }
    signOut();
    expect((await exported({ view: "series", scope: "site" })).status).toBe(401);
  });
});

describe("D6: a figure about an item is shown only to someone who can view it", () => {
  it("live: the section's manager sees its views counted but not the title of an item he cannot view; the webmaster sees both", async () => {
    await signInAs(MANAGER);
    const sam = (await (await live(`section:${ids.asc}`)).json()) as LiveJson;
    expect(sam.minutes).toHaveLength(30);
    expect(sam.views).toBe(4);
    expect(sam.people).toBe(4);
    expect(sam.items.map((i) => i.title)).toEqual([titles[ids.n5]]);
    expect(sam.items[0]).toMatchObject({ href: `/content/${ids.n5}`, views: 2 });
    expect(JSON.stringify(sam)).not.toContain(ids.pg7);

    await signInAs(GROUP_ADMIN);
    const ravi = (await (await live(`group:${ids.green}`)).json()) as LiveJson;
    expect(ravi.items.map((i) => i.title)).toEqual([titles[ids.e6]]);
    expect(JSON.stringify(ravi)).not.toContain(titles[ids.gs1]);

    await signInAs(WEBMASTER);
    const site = (await (await live("site")).json()) as LiveJson;
    expect(site.views).toBe(6); // the view of 45 minutes ago is not live
    expect(site.items.map((i) => i.href)).toEqual(expect.arrayContaining([`/content/${ids.n5}`, `/content/${ids.pg7}`]));
  });

  it("CSV: the top content of a section or group lists only items the viewer can view", async () => {
    await signInAs(MANAGER);
    const sam = await exported({ view: "content", scope: `section:${ids.asc}` });
    const lines = await csvLines(sam);
    expect(lines).toEqual(['"title","address","views","people_each_day_added_up"', `"${titles[ids.n5]}","/content/${ids.n5}","11","4"`]);

    await signInAs(GROUP_ADMIN);
    const ravi = await csvLines(await exported({ view: "content", scope: `group:${ids.green}` }));
    expect(ravi.slice(1)).toEqual([`"${titles[ids.e6]}","/content/${ids.e6}","3","2"`]);

    await signInAs(WEBMASTER);
    const site = await csvLines(await exported({ view: "content", scope: "site" }));
    expect(site.slice(1).map((l) => l.split(",")[1])).toEqual([`"/content/${ids.pg7}"`, `"/content/${ids.n5}"`]);
  });

  it("the page: the manager's top content leaves out what he cannot view, and its tables have captions and headers", async () => {
    await signInAs(MANAGER);
    const html = renderToStaticMarkup(await AnalyticsPage({ searchParams: Promise.resolve({ scope: `section:${ids.asc}` }) }));
    expect(html).toContain(titles[ids.n5]);
    expect(html).not.toContain(titles[ids.pg7]);
    expect(html).not.toContain(ids.pg7);
    expect(html).toContain("<caption");
    expect(html).toContain('<th scope="col"');
    expect(html).toContain('<th scope="row"');
    expect(html).toContain('aria-live="polite"');
    // A manager's figures have no audience filter and none of the site's lists.
    expect(html).not.toContain('name="audience"');
    expect(html).not.toContain("Searches that found nothing");
    expect(html).toContain(`/api/analytics/export?view=series&amp;scope=section%3A${ids.asc}`);
  });
});

describe("D1: the CSV files", () => {
  it("are attachments with a header row, counts per bucket, and no cell that starts a formula", async () => {
    await signInAs(WEBMASTER);
    const searches = await exported({ view: "searches", scope: "site" });
    expect(searches.status).toBe(200);
    expect(searches.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(searches.headers.get("content-disposition")).toMatch(/^attachment; filename="analytics-site-searches-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(searches.headers.get("cache-control")).toBe("private, no-store");
    const lines = await csvLines(searches);
    expect(lines).toEqual(['"term","searches"', `"'=HYPERLINK(""http://evil.example"",""x"")","5"`, '"parking permits","2"']);

    const from = addDays(yesterday, -2);
    const series = await csvLines(await exported({ view: "series", scope: "site", from, to: yesterday, bucket: "day" }));
    expect(series[0]).toBe('"bucket_start","days","views","intranet_views","extranet_views","people_each_day_added_up","average_people_a_day"');
    expect(series.slice(1)).toEqual([`"${from}","1","0","0","0","0","0.0"`, `"${addDays(from, 1)}","1","0","0","0","0","0.0"`, `"${yesterday}","1","46","40","6","14","14.0"`]);
    const intranet = await csvLines(await exported({ view: "series", scope: "site", from: yesterday, to: yesterday, audience: "intranet" }));
    expect(intranet[1]).toBe(`"${yesterday}","1","40","40","0","12","12.0"`);

    const sections = await csvLines(await exported({ view: "sections", scope: "site" }));
    expect(sections.slice(1).map((l) => l.split(",")[0])).toEqual(['"Adult Social Care"', '"Highways"']);
  });

  it("each export is in the audit log, with what was exported and nothing about anyone", async () => {
    const since = await lastAuditId();
    await signInAs(MANAGER);
    await exported({ view: "series", scope: `section:${ids.asc}`, period: "7d" });
    const audit = rowsOf<{ action: string; target_type: string; target_id: string; details: Record<string, unknown> }>(
      await h.db.execute(sql`select action, target_type, target_id, details from audit_events where id > ${since}`),
    );
    expect(audit).toEqual([
      {
        action: "analytics.export",
        target_type: "analytics",
        target_id: `section:${ids.asc}`,
        details: { view: "series", from: addDays(dayOf(new Date()), -6), to: dayOf(new Date()), bucket: "day", audience: "all" },
      },
    ]);
  });

  it("bad dates get 400 with the reason, and are not recorded", async () => {
    const since = await lastAuditId();
    await signInAs(WEBMASTER);
    const today = dayOf(new Date());
    const cases: [Record<string, string>, RegExp][] = [
      [{ from: "2026-02-30", to: today }, /Enter a date as YYYY-MM-DD/],
      [{ from: today, to: addDays(today, -3) }, /The last day is before the first day/],
      [{ from: today, to: addDays(today, 1) }, /cannot be in the future/],
      [{ from: addDays(today, -3 * 366), to: today }, /at most 3 years/],
      [{ from: addDays(today, -400), to: today, bucket: "day" }, /Days can be shown for up to a year/],
      [{ period: "forever" }, /Choose a period/],
    ];
    for (const [query, message] of cases) {
      const response = await exported({ view: "series", scope: "site", ...query });
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(await response.text()).toMatch(message);
    }
    expect(rowsOf(await h.db.execute(sql`select 1 from audit_events where id > ${since}`))).toEqual([]);
  });
});

describe("D1 D6: the page's answers", () => {
  const interrupt = async (email: string, params: Record<string, string>) => {
    await signInAs(email);
    return AnalyticsPage({ searchParams: Promise.resolve(params) }).then(
      () => "rendered",
      (e: { digest?: string }) => e.digest,
    );
  };

  it("403 for people who run nothing; a scope not theirs is exactly an unknown one (404)", async () => {
    expect(await interrupt(STAFF, {})).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    expect(await interrupt(STAFF, { scope: `section:${ids.asc}` })).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    expect(await interrupt(EXTERNAL, {})).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    for (const scope of [`section:${ids.highways}`, "section:99999", "site", "app:wall", `group:${ids.green}`, "group:99999", "nonsense"]) {
      expect(await interrupt(MANAGER, { scope }), scope).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    }
    expect(await interrupt(WEBMASTER, { scope: "section:99999" })).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(await interrupt(MANAGER, { scope: `group:${ids.discharge}` })).toBe("rendered");
    expect(await interrupt(GROUP_ADMIN, {})).toBe("rendered");
  });

  it("opens on the site for webmasters, with its lists; bad dates are answered beside the fields and the figures stay on the last 30 days", async () => {
    await signInAs(WEBMASTER);
    const html = renderToStaticMarkup(await AnalyticsPage({ searchParams: Promise.resolve({}) }));
    for (const heading of ["Most viewed content", "Most viewed sections", "Most viewed groups", "Searches that found nothing", "How long figures are kept"]) expect(html).toContain(heading);
    expect(html).toContain("Retention form: 25 months");
    expect(html).toContain("Matomo form: off");
    expect(html).toContain("Page views are counted here only.");
    expect(html).toContain('name="audience"');
    expect(html).toContain("the whole site");
    expect(html).toContain(`/analytics?scope=section%3A${ids.asc}`);
    const bad = renderToStaticMarkup(await AnalyticsPage({ searchParams: Promise.resolve({ period: "custom", from: "2026-13-01", to: "2026-01-01" }) }));
    expect(bad).toContain("Some choices could not be used");
    expect(bad).toContain("Enter a date as YYYY-MM-DD");
    expect(bad).toContain("last 30 days");
  });
});
