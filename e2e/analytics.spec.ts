import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, expectNoSidewaysScroll, hydrated, signIn, signInOverHttp, test } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * D1 D6: /analytics for each role, on the desktop and the phone (Q1 Q2): webmasters the whole
 * site (charts with their tables, the live panel refreshing, a CSV per view), section
 * managers their sections, group admins their groups, each reached from the page they
 * manage; another section's or group's figures answer exactly as an unknown one (404), and
 * people who run nothing get 403. The figures are those the spec itself makes: pages are
 * recorded as they are served, live at once, and in the day figures once rolled up (the e2e
 * server rolls up every few seconds: PORTICO_ANALYTICS_ROLLUP_SECONDS).
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const MANAGER = "sam.mensah@northmoor.example"; // manages Adult Social Care and the sections below it
const GROUP_ADMIN = "ravi.patel@northmoor.example"; // administers Green champions
const STAFF = "owen.price@northmoor.example";
const ITEM = "New hospital discharge pathway with Riverside Care"; // in Adult Social Care

// Several axe runs, a wait for the live figures' refresh (30 s) and a few forms per test.
test.describe.configure({ timeout: 180_000 });

const today = () => new Date().toISOString().slice(0, 10);

/** Q2: on the phone, at 390 px wide: nothing scrolls sideways but the tables' own regions, and every control is 44 px high. */
async function checkPhoneLayout(page: Page, isMobile: boolean) {
  if (!isMobile) return;
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page, "the page at 390 px");
  const small = await page
    .locator("main select, main input:not([type=hidden]), main button, main summary")
    .evaluateAll((controls) => controls.filter((c) => (c as HTMLElement).offsetParent !== null && c.getBoundingClientRect().height < 44).map((c) => c.outerHTML.slice(0, 80)));
  expect(small, "controls under 44 px high").toEqual([]);
}

/** The charts are drawn (in the browser) and each is followed by its table. */
async function expectChartsWithTables(page: Page, by: "day" | "week" | "month", rows: number) {
  for (const [chart, table] of [
    [new RegExp(`^Bar chart of views each ${by}`), new RegExp(`^Views each ${by}`)],
    [by === "day" ? /^Bar chart of people each day/ : new RegExp(`^Bar chart of the average number of people a day, each ${by}`), new RegExp(`^People each ${by}`)],
  ] as const) {
    const image = page.getByRole("img", { name: chart });
    await expect(image).toBeVisible();
    await expect(image.locator("svg.recharts-surface")).toBeVisible();
    const figures = page.getByRole("table", { name: table });
    // A header row, a row per bucket, the totals.
    await expect(figures.getByRole("row")).toHaveCount(rows + 2);
    await expect(figures.getByRole("columnheader").first()).toBeVisible();
  }
}

/** A scope's figures as a webmaster reads them over HTTP: which ids of `kind` exist (200) beyond those given. */
async function anotherExistingId(admin: APIRequestContext, kind: "section" | "group", not: number[]): Promise<number> {
  for (let id = 1; id < 200; id++) {
    if (not.includes(id)) continue;
    if ((await admin.get(`/api/analytics/live?scope=${kind}:${id}`)).status() === 200) return id;
  }
  throw new Error(`no ${kind} beyond ${not.join(", ")}`);
}

async function scopeOptions(page: Page): Promise<{ value: string; label: string }[]> {
  return page.getByLabel("Figures for", { exact: true }).locator("option").evaluateAll((options) => options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" })));
}

/** Reloads the page until `check` passes: the day figures are rolled up every few seconds. */
async function afterRollup(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 45_000, intervals: [2_000] });
}


/** The page's main content: what a 404 says, whatever was asked for (the document differs only in its per-request nonce). */
async function notFoundMain(page: Page, path: string): Promise<string> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  return page.locator("main").innerHTML();
}

test("a webmaster reads the whole site's figures: charts with their tables, the live half hour refreshing, a CSV of each view (D1)", { tag: "@smoke" }, async ({ page, isMobile }) => {
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  // Figures to find: a section read.
  await page.goto("/sections/highways");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Analytics", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page).toHaveTitle(/Analytics/);
  await expect(page.getByText(/^Figures for the whole site, last 30 days/)).toBeVisible();
  await hydrated(page);
  await expectChartsWithTables(page, "day", 30);
  for (const heading of ["In this period", "Now: the last 30 minutes", "Most viewed content", "Most viewed sections", "Most viewed groups", "Searches that found nothing"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  expect((await scopeOptions(page)).map((o) => o.label)).toEqual(expect.arrayContaining(["The whole site", "Ideas", "Message Wall", "Queries"]));
  await expectAccessible(page);
  await checkPhoneLayout(page, isMobile);

  // The live panel asks again every 30 seconds, without reloading the page; its summary is the one line read out.
  const live = page.getByRole("region", { name: "Now: the last 30 minutes" });
  await expect(live.locator("[aria-live=polite]")).toHaveText(/^[\d,]+ views? by [\d,]+ (person|people) in the last 30 minutes\.$/);
  const refreshed = await page.waitForResponse((r) => r.url().includes("/api/analytics/live?scope=site"), { timeout: 45_000 });
  expect(refreshed.status()).toBe(200);
  expect(refreshed.headers()["cache-control"]).toBe("private, no-store");
  const figures = (await refreshed.json()) as { views: number; minutes: unknown[] };
  expect(figures.minutes).toHaveLength(30);
  expect(figures.views).toBeGreaterThan(0); // this spec's own pages, at least
  await live.getByText("Views minute by minute, as a table").click();
  await expect(live.getByRole("table", { name: "Views in each of the last 30 minutes" }).getByRole("row")).toHaveCount(31);

  // Each view downloads as CSV: a header row, then the figures.
  const csv = await page.request.get((await page.getByRole("link", { name: "Download views and people each day (CSV)" }).getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="analytics-site-series-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe('"bucket_start","days","views","intranet_views","extranet_views","people_each_day_added_up","average_people_a_day"');
  expect(lines).toHaveLength(31);
  for (const name of ["Download the most viewed content (CSV, up to 100 items)", "Download the most viewed sections (CSV, up to 100)", "Download the most viewed groups (CSV, up to 100)", "Download the searches that found nothing (CSV, up to 100)"]) {
    const response = await page.request.get((await page.getByRole("link", { name }).getAttribute("href"))!);
    expect(response.status(), name).toBe(200);
  }

  // Once rolled up, the day's figures: the sections read (this spec's own reading among them),
  // each leading to the section's own figures. (Which searches found nothing is checked where
  // the figures are made: lib/analytics/rollup.test.ts, lib/analytics/routes.route.test.ts.)
  const sectionLinks = page.getByRole("table", { name: /^The 20 most viewed sections/ }).getByRole("link");
  await afterRollup(page, async () => {
    await expect(sectionLinks.first()).toBeVisible({ timeout: 1_000 });
  });
  await expect(page.getByRole("region", { name: "In this period" }).getByRole("definition").first()).not.toHaveText("0");
  const first = (await sectionLinks.first().textContent())!.trim();
  await sectionLinks.first().click();
  await page.waitForURL((url) => /^section:\d+$/.test(url.searchParams.get("scope") ?? ""));
  await expect(page.getByText(`Figures for ${first}, last 30 days`, { exact: false })).toBeVisible();
  await expect(page.getByLabel("Figures for", { exact: true })).toHaveValue(new URL(page.url()).searchParams.get("scope")!);
  await expectAccessible(page);
  await page.goto("/analytics");

  // Twelve months, by month; then an app's figures, which have no lists of content.
  await page.getByLabel("Period", { exact: true }).selectOption({ label: "Last 12 months" });
  await page.getByRole("button", { name: "Show figures" }).click();
  await page.waitForURL((url) => url.searchParams.get("period") === "12m");
  await expectChartsWithTables(page, "month", 12);
  await page.getByLabel("Figures for", { exact: true }).selectOption({ label: "Message Wall" });
  await page.getByLabel("Audience", { exact: true }).selectOption({ label: "Extranet (external people)" });
  await page.getByRole("button", { name: "Show figures" }).click();
  await page.waitForURL((url) => url.searchParams.get("scope") === "app:wall");
  await expect(page.getByText(/^Figures for Message Wall, last 12 months .*, extranet \(external people\) only\.$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Most viewed content" })).toHaveCount(0);
  await expectAccessible(page);
});

test("custom dates are checked, each answer beside its field, and the figures stay on the last 30 days (D1 Q3)", async ({ page }) => {
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/analytics");
  await hydrated(page);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("First day", { exact: true }).fill(today());
  await page.getByLabel("Last day", { exact: true }).fill(yesterday);
  // Choosing a date chooses "Dates below".
  await expect(page.getByLabel("Period", { exact: true })).toHaveValue("custom");
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Some choices could not be used" })).toBeVisible();
  await expect(page.getByText("The last day is before the first day. Swap them, or change one.")).toBeVisible();
  await expect(page.getByLabel("Last day", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/^Figures for the whole site, last 30 days/)).toBeVisible();
  await expectAccessible(page);
  // A good period of three weeks is shown by day.
  const from = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("First day", { exact: true }).fill(from);
  await page.getByLabel("Last day", { exact: true }).fill(today());
  await page.getByRole("button", { name: "Show figures" }).click();
  await page.waitForURL((url) => url.searchParams.get("from") === from);
  await expectChartsWithTables(page, "day", 21);
});

test("webmasters set how long figures are kept; a bad value is answered beside the field (D1 Q3)", async ({ page, isMobile }) => {
  test.skip(isMobile, "a site-wide setting: changed by the desktop project only");
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/analytics");
  await hydrated(page);
  const months = page.getByLabel("Keep figures for (months)");
  await months.fill("0");
  await page.getByRole("button", { name: "Save how long figures are kept" }).click();
  await expect(fieldError(page, "Keep figures for at least 1 month")).toBeVisible();
  await expect(months).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await months.fill("25");
  await page.getByRole("button", { name: "Save how long figures are kept" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: figures are kept for 25 months." })).toBeVisible();
});

test("a webmaster sends page views to the organisation's Matomo: a bad address is answered beside its field; then each page read reaches it, with no name or title (D1 Q3)", async ({ page, isMobile }) => {
  test.skip(isMobile, "a site-wide setting: changed by the desktop project only");
  // A stand-in Matomo on this machine, which the server sends to (no script in the browser).
  const received: string[] = [];
  const matomo = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      if (request.url === "/matomo.php") received.push(body);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => matomo.listen(0, "127.0.0.1", resolve));
  const matomoUrl = `http://127.0.0.1:${(matomo.address() as AddressInfo).port}/`;
  try {
    await signIn(page, WEBMASTER);
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/analytics");
    await hydrated(page);
    const address = page.getByLabel("Matomo address");
    const site = page.getByLabel("Site id");
    await address.fill("http://matomo.example.org/");
    await site.fill("0");
    await page.getByRole("button", { name: "Save Matomo settings" }).click();
    await expect(fieldError(page, "Use an https address (http only for a Matomo on this machine).")).toBeVisible();
    await expect(fieldError(page, "The site id is a whole number from 1, such as 3.")).toBeVisible();
    await expect(address).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await address.fill(matomoUrl);
    await site.fill("5");
    await page.getByRole("button", { name: "Save Matomo settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Saved: page views are sent to ${matomoUrl} as site 5.` })).toBeVisible();
    await expect(page.getByText(`Page views are sent to ${matomoUrl} as site 5, as well as counted here.`)).toBeVisible();

    await page.goto("/sections/highways");
    await expect
      .poll(() => received.some((body) => body.includes(encodeURIComponent("/sections/highways"))), { timeout: 20_000, message: "Matomo was sent the section's view" })
      .toBe(true);
    const sent = received.find((body) => body.includes(encodeURIComponent("/sections/highways")))!;
    expect(sent).toContain("?idsite=5&");
    for (const secret of ["Highways", "wendy", "Wendy"]) expect(sent).not.toContain(secret);
  } finally {
    // Off again, as cleared fields say.
    await page.goto("/analytics");
    await hydrated(page);
    await page.getByLabel("Matomo address").fill("");
    await page.getByLabel("Site id").fill("");
    await page.getByRole("button", { name: "Save Matomo settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved: page views are not sent to Matomo." })).toBeVisible();
    await new Promise((resolve) => matomo.close(resolve));
  }
});

test("a section manager reads their sections' figures from the manage page, and nothing of any other section (D1 D6)", { tag: "@phone" }, async ({ page, isMobile, playwright, baseURL }) => {
  await signIn(page, MANAGER);
  await page.waitForURL((url) => url.pathname === "/");
  // A view of an item in the section, to find in its live figures.
  await page.goto("/sections/adult-social-care");
  await page.getByRole("link", { name: ITEM }).first().click();
  await page.waitForURL((url) => url.pathname.startsWith("/content/"));

  await page.goto("/sections/adult-social-care/manage");
  await page.getByRole("link", { name: "Analytics for Adult Social Care" }).click();
  await page.waitForURL((url) => url.pathname === "/analytics" && /^section:\d+$/.test(url.searchParams.get("scope") ?? ""));
  const own = Number(new URL(page.url()).searchParams.get("scope")!.split(":")[1]);
  await expect(page.getByText(/^Figures for Adult Social Care, last 30 days/)).toBeVisible();
  await hydrated(page);
  await expectChartsWithTables(page, "day", 30);
  await expect(page.getByRole("heading", { level: 2, name: "Most viewed content" })).toBeVisible();
  // None of the site's own lists, and no audience filter.
  await expect(page.getByRole("heading", { name: "Searches that found nothing" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Most viewed sections" })).toHaveCount(0);
  await expect(page.getByLabel("Audience", { exact: true })).toHaveCount(0);
  const options = await scopeOptions(page);
  expect(options.map((o) => o.label)).toEqual(expect.arrayContaining(["Adult Social Care", "Care North", "Care South", "Hospital discharge taskforce"]));
  expect(options.map((o) => o.label)).not.toContain("The whole site");
  // The item just read is being read now (the panel refreshes itself to show it), and, once
  // rolled up, among the section's most viewed content.
  await expect(page.getByRole("region", { name: "Now: the last 30 minutes" }).getByRole("link", { name: ITEM })).toBeVisible({ timeout: 45_000 });
  await afterRollup(page, async () => {
    await expect(page.getByRole("table", { name: /^The 20 most viewed items/ }).getByRole("link", { name: ITEM })).toBeVisible({ timeout: 1_000 });
  });
  await expect(page.getByRole("table", { name: /^Views each day/ }).getByRole("row", { name: /^Total/ })).not.toHaveText(/Total\s*0\s*0\s*0$/);
  await expectAccessible(page);
  await checkPhoneLayout(page, isMobile);

  // Another section's figures, and the site's, are a page that does not exist.
  const admin = await playwright.request.newContext({ baseURL });
  try {
    expect((await signInOverHttp(admin, WEBMASTER)).ok).toBe(true);
    const mine = options.filter((o) => o.value.startsWith("section:")).map((o) => Number(o.value.split(":")[1]));
    const other = await anotherExistingId(admin, "section", mine);
    const unknown = await notFoundMain(page, "/analytics?scope=section:2147483647");
    expect(await notFoundMain(page, `/analytics?scope=section:${other}`)).toBe(unknown);
    expect(await notFoundMain(page, "/analytics?scope=site")).toBe(unknown);
    await expectAccessible(page);
    for (const path of [`/api/analytics/live?scope=section:${other}`, `/api/analytics/export?view=series&scope=section:${other}`, "/api/analytics/live?scope=site", "/api/analytics/export?view=searches&scope=site"]) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }
    expect((await page.request.get(`/api/analytics/export?view=content&scope=section:${own}`)).status()).toBe(200);
  } finally {
    await admin.dispose();
  }
});

test("a group admin reads their group's figures from its manage page, and nothing of another group (D1 D6)", { tag: "@phone" }, async ({ page, isMobile, playwright, baseURL }) => {
  await signIn(page, GROUP_ADMIN);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/groups/green-champions/manage");
  await page.getByRole("link", { name: "Analytics", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/analytics" && /^group:\d+$/.test(url.searchParams.get("scope") ?? ""));
  const own = Number(new URL(page.url()).searchParams.get("scope")!.split(":")[1]);
  await expect(page.getByText(/^Figures for Green champions, last 30 days/)).toBeVisible();
  await hydrated(page);
  await expectChartsWithTables(page, "day", 30);
  await expect(page.getByRole("heading", { level: 2, name: "Now: the last 30 minutes" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Most viewed content" })).toBeVisible();
  await expect(page.getByLabel("Audience", { exact: true })).toHaveCount(0);
  expect((await scopeOptions(page)).map((o) => o.label)).toContain("Green champions");
  await expectAccessible(page);
  await checkPhoneLayout(page, isMobile);
  // The opening scope of a group admin who runs no section is their first group.
  await page.goto("/analytics");
  await expect(page.getByText(/^Figures for /)).toBeVisible();

  const admin = await playwright.request.newContext({ baseURL });
  try {
    expect((await signInOverHttp(admin, WEBMASTER)).ok).toBe(true);
    const other = await anotherExistingId(admin, "group", [own]);
    const unknown = await notFoundMain(page, "/analytics?scope=group:2147483647");
    expect(await notFoundMain(page, `/analytics?scope=group:${other}`)).toBe(unknown);
    expect((await page.request.get(`/api/analytics/live?scope=group:${other}`)).status()).toBe(404);
    expect((await page.request.get(`/api/analytics/live?scope=group:${own}`)).status()).toBe(200);
  } finally {
    await admin.dispose();
  }
});

test("people who run nothing get 403 from the page, and 404 from its figures (D6)", { tag: "@phone" }, async ({ page }) => {
  await signIn(page, STAFF);
  await page.waitForURL((url) => url.pathname === "/");
  const response = await page.goto("/analytics");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto("/analytics?scope=site"))?.status()).toBe(403);
  for (const path of ["/api/analytics/live?scope=site", "/api/analytics/export?view=series&scope=site", "/api/analytics/live?scope=section:1"]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  await page.goto("/admin");
  await expect(page.getByRole("link", { name: "Analytics" })).toHaveCount(0);
});
