import { expect, expectAccessible, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * M8: /admin/audit for webmasters: filters, pages, CSV export (injection-safe, re-checks
 * the viewer, itself audited) and the retention period with its floor.
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const STAFF = "owen.price@northmoor.example";

// Several axe runs and form round trips per test: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

test("a webmaster finds events by filter and downloads them as CSV (M8)", { tag: "@smoke" }, async ({ page }) => {
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page).toHaveTitle(/Audit log/);
  await expectAccessible(page);

  // A bad date is answered beside the field, and filters nothing.
  await page.getByLabel("From date").fill("2026-11-25");
  await page.getByLabel("To date").fill("2026-11-01");
  await page.getByRole("button", { name: "Find events" }).click();
  await expect(page.getByText("The end date is before the start date")).toBeVisible();
  await expect(page.getByLabel("To date")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // The download is an export: it is recorded, and then found by the action filter.
  const csv = await page.request.get("/admin/audit/export?action=audit");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
  const body = await csv.text();
  expect(body.split("\r\n")[0]).toBe('"id","at","actor_email","actor_id","action","target_type","target_id","address","details"');

  await page.goto("/admin/audit?action=audit.export&actor=wendy");
  const rows = page.getByRole("region", { name: /Matching events/ }).getByRole("row");
  await expect(rows.filter({ hasText: "audit.export" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "wendy.webb@northmoor.example" }).first()).toBeVisible();
  await expect(page.getByLabel("Action")).toHaveValue("audit.export");
  await expect(page.getByRole("link", { name: "Download these events (CSV)" })).toHaveAttribute("href", "/admin/audit/export?action=audit.export&actor=wendy");
  await expectAccessible(page);
});

test("the retention period has a floor, and a shorter one is confirmed first (M8)", async ({ page, isMobile }) => {
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/admin/audit");
  const days = page.getByLabel("Keep audit events for (days)");
  await days.fill("7");
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(fieldError(page, "Keep events for at least 30 days")).toBeVisible();
  await expect(days).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // One project changes the setting (it is the whole site's): the other only checks the floor.
  test.skip(isMobile, "the retention setting is changed by the desktop project only");
  await days.fill("");
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: every event is kept." })).toBeVisible();
  await days.fill("3650");
  await page.getByRole("button", { name: "Save retention" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete older audit events?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Yes, keep events for less time" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: events are kept for 3650 days." })).toBeVisible();
  await page.goto("/admin/audit?action=settings.auditRetention");
  await expect(page.getByRole("row").filter({ hasText: "settings.auditRetention.set" }).first()).toBeVisible();
});

test("people who are not webmasters get 403 and nothing of the log, page or export (M8)", async ({ page }) => {
  await signIn(page, STAFF);
  await page.waitForURL((url) => url.pathname === "/");
  const response = await page.goto("/admin/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
  expect(await page.content()).not.toContain("audit.export");
  const csv = await page.request.get("/admin/audit/export");
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toContain("actor_email");
  const settings = await page.goto("/admin/settings/external-access");
  expect(settings?.status()).toBe(403);
});

test("the External user access page: seven labelled switches, all off, accessible (E5)", async ({ page }) => {
  // Read only here: switching is tested on a server of its own (allowlist-and-switches.spec.ts).
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/admin/settings/external-access");
  await expect(page.getByRole("heading", { level: 1, name: "External user access" })).toBeVisible();
  await expect(page).toHaveTitle(/External user access/);
  for (const name of ["Groups", "Ideas", "Message Wall", "Queries", "Users", "Teams", "Locations"]) {
    await expect(page.getByRole("checkbox", { name, exact: true })).not.toBeChecked();
  }
  await expectAccessible(page);
});
