import { type Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * B4: the exposure report, as a webmaster reads it for a partner organisation and for one of
 * its people, filters it and downloads it; nobody else has it. It changes no data (the CSV
 * download writes an audit row) (demo data: lib/org-file/demo-org.json).
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const MANAGER = "sam.mensah@northmoor.example"; // a section manager: not a webmaster
const slow = { timeout: 30_000 };

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), slow);
}

async function choose(page: Page, typed: string, option: RegExp) {
  await page.getByRole("combobox", { name: /^Person, team or partner organisation/ }).fill(typed);
  const match = page.getByRole("option", { name: option });
  await expect(match).toBeVisible(slow);
  await match.click();
  await page.getByRole("button", { name: "Show what they can view" }).click();
}

test("@smoke B4 a webmaster reads what a partner organisation can view, filters it, downloads it, and opens one person's report", async ({ page }) => {
  test.setTimeout(120_000);
  await signedIn(page, WEBMASTER);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Exposure report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Exposure report" })).toBeVisible(slow);
  // Asking with nothing chosen says what to do.
  await page.getByRole("button", { name: "Show what they can view" }).click();
  await expect(fieldError(page, "Choose a person, team or partner organisation from the list.")).toBeVisible();
  await expectAccessible(page);

  await choose(page, "Riverside C", /^Riverside Care\s*Partner organisation/);
  await page.waitForURL((url) => url.searchParams.get("organisation") === "Riverside Care", slow);
  const report = page.getByTestId("exposure-report");
  await expect(report.getByRole("heading", { level: 2, name: "Riverside Care" })).toBeVisible();
  await expect(report).toContainText("The 4 external people of Riverside Care can view, between them,");
  const sections = report.getByRole("table", { name: /^Sections Riverside Care can view/ });
  const referrals = sections.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Riverside Care Partnership › Referrals/ }) });
  await expect(referrals).toContainText("4 people: In team Riverside Care Partnership staff added to Partner hub › Riverside Care Partnership (cascades down)");
  await expectAccessible(page);

  // A filter narrows the tables, and the address keeps it.
  await report.getByLabel("Name contains").fill("referrals");
  await report.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === "referrals", slow);
  await expect(sections.getByRole("row")).toHaveCount(2); // the heading row and Referrals
  await expect(report.getByText("No group matches the filters.")).toBeVisible();

  // The download is the filtered report as CSV.
  const href = await report.getByRole("link", { name: "Download as CSV" }).getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="exposure-riverside-care-\d{4}-\d{2}-\d{2}\.csv"/);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe('"kind","id","name","restricted_or_visibility","published_items","people","how"');
  expect(lines.slice(1).every((l) => l.includes("Referrals"))).toBe(true);

  // One person's report, with a way to the explainer for each place.
  await choose(page, "Erin", /^Erin Cole/);
  await page.waitForURL((url) => url.searchParams.has("person"), slow);
  await expect(report).toContainText("Erin Cole (external) can view");
  const row = report.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Riverside Care Partnership › Referrals/ }) });
  await row.getByRole("link", { name: /^Explain/ }).click();
  await page.waitForURL((url) => url.pathname === "/access/explain", slow);
  await expect(page.getByTestId("explanation").getByRole("heading", { level: 2 })).toHaveText("Yes: Erin Cole can view Referrals.", slow);
});

test("B4 the exposure report is for webmasters: others get 403 and no download", async ({ page }) => {
  await signedIn(page, MANAGER);
  const response = await page.goto("/access/exposure?organisation=Riverside+Care");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Riverside Care Partnership")).toHaveCount(0);
  const csv = await page.request.get("/access/exposure/export?organisation=Riverside+Care");
  expect(csv.status()).toBe(403);
});
