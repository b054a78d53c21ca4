import { DEMO_SIGN_INS } from "../lib/org-file/demo";
import { expect, expectAccessible, hydrated, signIn, test } from "./fixtures";
import { scenarioFor } from "./scenarios";

/**
 * C7: the events calendar and the personal calendar feed. A staff member opens /events, goes
 * to November 2026 (the demo's pensions drop-in is on 11 November, 10:00 to 15:00 GMT, in HR;
 * the staff awards on 27 November, in News), switches to the list and its past events,
 * narrows the month to HR, and opens an event; then on /me/calendar sees their calendar
 * address, reads the feed with it signed out, and resets it behind a confirmation, after
 * which the old address answers 404 and the new one works. Desktop and phone run at the same
 * time: each resets its own person's address. An external person is shown neither the staff's
 * events nor the name of a section they may not view (C4 C5).
 */
const person = (role: (typeof DEMO_SIGN_INS)[number]["role"]) => DEMO_SIGN_INS.find((d) => d.role === role)!.email;
const SCENARIOS = {
  desktop: { staff: person("Organisational user") },
  phone: { staff: person("Team admin") },
};
const EXTERNAL = person("External user");
const DROP_IN = /Wednesday 11 November 2026, 10:00 to 15:00, Pensions drop-in session/;
const AWARDS = /Friday 27 November 2026, 18:00 to 21:00, Staff awards 2026/;
const AWARDS_ENDED = Date.now() > Date.parse("2026-11-27T21:00:00Z");
test.describe.configure({ timeout: 180_000 });

test("C7 a staff member browses the events by month and list, filters by a section, opens an event, and resets their calendar address", { tag: "@smoke" }, async ({ page, playwright, baseURL }, testInfo) => {
  const s = scenarioFor(SCENARIOS, testInfo.project.name);
  await signIn(page, s.staff);
  await page.waitForURL((url) => url.pathname === "/");

  await page.goto("/events?month=2026-10");
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await expect(page).toHaveTitle(/Events/);
  await expect(page.getByRole("heading", { level: 2, name: "October 2026" })).toBeVisible();
  await expectAccessible(page);

  // The next month, by its link: the grid (a list of days on a phone) with each event's date in its link's name.
  await page.getByRole("navigation", { name: "Months" }).getByRole("link", { name: /November 2026/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "November 2026" })).toBeVisible();
  await expect(page.getByRole("link", { name: DROP_IN })).toBeVisible();
  await expect(page.getByRole("link", { name: AWARDS })).toBeVisible();
  await expectAccessible(page);

  // The list: upcoming from today, and past events newest first, an ended one said so in words.
  const views = page.getByRole("navigation", { name: "Event views" });
  await views.getByRole("link", { name: "List" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Upcoming events" })).toBeVisible();
  await expect(views.getByRole("link", { name: "List" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
  if (AWARDS_ENDED) {
    await page.getByRole("link", { name: "Past events" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Past events" })).toBeVisible();
  }
  const awards = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Staff awards 2026", exact: true }) });
  await expect(awards).toContainText("Friday 27 November 2026, 18:00 to 21:00");
  await expect(awards.getByText("Ended", { exact: true })).toHaveCount(AWARDS_ENDED ? 1 : 0);
  await expectAccessible(page);

  // Back to the grid (this month's), then November's, narrowed to Human Resources (and the sections below it).
  await views.getByRole("link", { name: "Month" }).click();
  await expect(views.getByRole("link", { name: "Month" })).toHaveAttribute("aria-current", "page");
  await page.goto("/events?month=2026-11");
  await page.getByLabel("Section or group").selectOption({ label: "Human Resources" });
  await page.getByRole("button", { name: "Show events" }).click();
  await page.waitForURL(/place=section%3Ahr/);
  await expect(page.getByText("The events you can view in Human Resources and the sections below it.")).toBeVisible();
  await expect(page.getByRole("link", { name: DROP_IN })).toBeVisible();
  await expect(page.getByRole("link", { name: AWARDS })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: DROP_IN }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Pensions drop-in session" })).toBeVisible();

  // The calendar address: made when first asked for, then shown each time.
  await page.goto("/events");
  await page.getByRole("link", { name: "use your calendar address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar feed" })).toBeVisible();
  await expect(page.getByText("Anyone with this address can see the titles, times and places of the events you can see")).toBeVisible();
  await hydrated(page);
  const make = page.getByRole("button", { name: "Make my calendar address" });
  if (await make.isVisible()) await make.click();
  const field = page.getByLabel("Your calendar address");
  await expect(field).toHaveValue(/\/api\/calendar\/pc_[A-Za-z0-9_-]{43}$/);
  const before = await field.inputValue();
  await expectAccessible(page);

  // Read as a calendar app reads it: no cookie, the address alone.
  const app = await playwright.request.newContext({ baseURL });
  try {
    const feed = await app.get(before);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(feed.headers()["cache-control"]).toBe("private, no-store");
    expect(feed.headers()["set-cookie"]).toBeUndefined();
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);

    await page.getByRole("button", { name: "Reset the address" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset your calendar address?" });
    await expect(dialog).toContainText("stops working at once");
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Reset the address" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Your calendar address was reset." })).toBeVisible();
    await expect(field).not.toHaveValue(before);
    const after = await field.inputValue();
    expect(after).toMatch(/\/api\/calendar\/pc_[A-Za-z0-9_-]{43}$/);
    expect((await app.get(before)).status()).toBe(404);
    expect((await app.get(after)).status()).toBe(200);
  } finally {
    await app.dispose();
  }
});

test("C7 C4 C5 E4 an external person's events: only their own, a section they may not view never named, and no one's profile linked", async ({ page }) => {
  await signIn(page, EXTERNAL);
  await page.waitForURL((url) => url.pathname === "/extranet");
  const response = await page.goto("/events?month=2026-11&place=section%3Ahr");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await expect(page.getByText("There are no events in the place chosen you can view in November 2026.")).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain("Human Resources");
  expect(html).not.toContain("Pensions drop-in session");
  await page.goto("/events?month=2026-11");
  await expect(page.getByRole("link", { name: AWARDS })).toHaveCount(0);
  // E4: events name their places, never people.
  await expect(page.locator('main a[href^="/people/"]')).toHaveCount(0);
  await expectAccessible(page);
});
