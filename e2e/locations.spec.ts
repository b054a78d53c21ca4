import { createPerson, expect, expectAccessible, followMainNav, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";
import { scenarioFor } from "./scenarios";

/**
 * P6: the locations directory, and the webmasters' changes to it; G8: naming app moderators.
 * Desktop and phone run at the same time: each makes its own location and its own person.
 * (The switches that open the directory to external people are global settings: they are
 * checked on a server of its own, in e2e/app-switches.spec.ts.)
 */
const WEBMASTER = "wendy.webb@northmoor.example";
// Several pages and an axe scan each, on a shared two-core machine.
test.describe.configure({ timeout: 180_000 });

const SCENARIOS = {
  desktop: { place: "Harbour Office Desktop", renamed: "Harbour House Desktop", moderator: { name: "Mona Moderator Desktop", email: "mona.desktop@northmoor.example" } },
  phone: { place: "Harbour Office Phone", renamed: "Harbour House Phone", moderator: { name: "Mona Moderator Phone", email: "mona.phone@northmoor.example" } },
};

test("a webmaster adds a location with its address, edits it, is refused a stale edit, and deletes it (P6)", { tag: "@smoke" }, async ({ page }, testInfo) => {
  const s = scenarioFor(SCENARIOS, testInfo.project.name);
  await signIn(page, WEBMASTER);
  await page.waitForURL("/");
  await followMainNav(page, "Locations");
  await expect(page.getByRole("heading", { level: 1, name: "Locations" })).toBeVisible();
  await expect(page.getByRole("link", { name: "County Hall, Northmoor" })).toBeVisible();
  await expectAccessible(page);

  // An existing location: its address, the map link, the people there linked to their profiles.
  await page.getByRole("link", { name: "County Hall, Northmoor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "County Hall, Northmoor" })).toBeVisible();
  await expect(page.getByText("Market Square")).toBeVisible();
  await expect(page.getByRole("link", { name: /Find County Hall, Northmoor on a map/ })).toHaveAttribute("href", /^https:\/\/www\.openstreetmap\.org\/search\?query=County%20Hall/);
  await expect(page.getByRole("link", { name: "Sam Mensah" })).toHaveAttribute("href", /^\/people\/[0-9a-f-]{36}$/);
  await expectAccessible(page);

  // A new one: a missing name is a clear message and nothing is made.
  await page.goto("/locations/new");
  await page.getByRole("button", { name: "Create location" }).click();
  await expect(fieldError(page, "Enter the location's name, such as Northmoor Town Hall.")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(s.place);
  await page.getByLabel("Address", { exact: true }).fill("3 Harbour Walk\nNorthmoor\nNM4 9HW");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create location" }).click();
  await expect(page.getByRole("heading", { level: 1, name: s.place })).toBeVisible();
  await expect(page.getByText("3 Harbour Walk")).toBeVisible();
  const locationPath = new URL(page.url()).pathname;

  // Two tabs open the edit page; the first saves, the second is refused and keeps its text.
  await page.getByRole("link", { name: "Edit or delete" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${s.place}` })).toBeVisible();
  await expectAccessible(page);
  const other = await page.context().newPage();
  await other.goto(`${locationPath}/edit`);
  await page.getByLabel("Name", { exact: true }).fill(s.renamed);
  await page.getByRole("button", { name: "Save location" }).click();
  await expect(page.getByRole("heading", { level: 1, name: s.renamed })).toBeVisible();
  await other.getByLabel("Address", { exact: true }).fill("Somewhere else");
  await other.getByRole("button", { name: "Save location" }).click();
  await expect(other.getByText("Someone else changed this location while you were editing it.")).toBeVisible();
  await expect(other.getByLabel("Address", { exact: true })).toHaveValue("Somewhere else");
  await other.close();

  // Delete, after the confirmation.
  await page.getByRole("link", { name: "Edit or delete" }).click();
  await expect(page.getByText(`Nobody is at ${s.renamed}.`)).toBeVisible();
  await page.getByRole("button", { name: "Delete location" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${s.renamed}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Delete location" }).click();
  await page.waitForURL("/locations");
  await expect(page.getByRole("link", { name: s.renamed })).toHaveCount(0);
  expect((await page.goto(locationPath))?.status()).toBe(404);
});

test("a webmaster names an app moderator with the picker and removes them again (G8)", async ({ page }, testInfo) => {
  const s = scenarioFor(SCENARIOS, testInfo.project.name);
  await signIn(page, WEBMASTER);
  await page.waitForURL("/");
  await createPerson(page, s.moderator);
  await page.goto("/admin/settings/apps");
  await expect(page.getByRole("heading", { level: 1, name: "Apps" })).toBeVisible();
  await expectAccessible(page);
  const adding = page.getByRole("form", { name: "Add Ideas moderators" });
  await adding.getByRole("combobox", { name: "Add Ideas moderators" }).fill(s.moderator.name.slice(0, 18));
  await page.getByRole("option", { name: new RegExp(s.moderator.name) }).click();
  await adding.getByRole("button", { name: "Add moderators" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 person now moderates Ideas." })).toBeVisible();
  const list = page.getByRole("list", { name: "Ideas moderators" });
  await expect(list.getByText(s.moderator.name, { exact: true })).toBeVisible();
  await list.getByRole("button", { name: `Remove ${s.moderator.name} from the Ideas moderators` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove moderator" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${s.moderator.name} no longer moderates Ideas.` })).toBeVisible();
  // The demo organisation names moderators of its own, and the other project adds one at the same time.
  await expect(list.getByText(s.moderator.name, { exact: true })).toHaveCount(0);
});
