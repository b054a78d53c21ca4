import { anotherBrowser, expect, expectAccessible, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";
import { scenarioFor } from "./scenarios";

/**
 * The Ideas app (G4 G8 K4 K5 E4 E5):
 *   - an organisational person submits an idea (an empty one is refused, nothing written),
 *     votes, takes the vote back, votes again and follows it; a moderator (the webmaster) sets
 *     a status, refused without a note for Declined, then Planned with a note; the author is told.
 *   - (the Ideas switch for external people is global: e2e/app-switches.spec.ts checks it on a
 *     server of its own).
 * Desktop and phone run at once on one database: each submits its own idea (its own title).
 */
const AUTHOR = "rhys.morgan@northmoor.example";
const WEBMASTER = "wendy.webb@northmoor.example";
const slow = { timeout: 30_000 };

test("G8 K4 K5: submit, vote, take back, follow; a moderator sets a status with a note and the author is told", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000); // many pages and two people on a shared two-core machine
  const device = scenarioFor({ desktop: "desktop", phone: "phone" }, testInfo.project.name);
  const title = `Covered bike racks (${device} ${Date.now()})`;

  await signIn(page, AUTHOR);
  await page.waitForURL((url) => url.pathname !== "/login", slow);
  await page.goto("/ideas");
  await expect(page.getByRole("heading", { level: 1, name: "Ideas" })).toBeVisible();
  await expectAccessible(page);

  // An empty idea is refused with a message beside the title, and nothing is written.
  await page.getByRole("link", { name: "Submit an idea" }).first().click();
  await page.waitForURL((url) => url.pathname === "/ideas/new", slow);
  await page.getByRole("button", { name: "Submit idea" }).click();
  await expect(fieldError(page, "Enter a title for your idea: an empty idea cannot be submitted.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  expect(new URL(page.url()).pathname).toBe("/ideas/new");
  await expectAccessible(page);

  // Title, rich-text description, tags (lower-cased, without duplicates).
  await page.getByLabel("Title").fill(title);
  const description = page.getByRole("textbox", { name: "Description (optional)" });
  await description.click();
  await page.keyboard.type("Rain soaks the bikes by the east door.");
  await page.getByLabel("Tags (optional)").fill("Cycling, cycling, Wellbeing");
  await page.getByRole("button", { name: "Submit idea" }).click();
  await page.waitForURL((url) => /^\/ideas\/[0-9a-f-]{36}$/.test(url.pathname), slow);
  const ideaPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Rain soaks the bikes by the east door.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText(["#cycling", "#wellbeing"]);
  await expect(page.getByRole("region", { name: /^Status/ })).toContainText("New");
  await expectAccessible(page);

  // G8: vote, take it back, vote again: one vote, and the page says so.
  const count = page.getByTestId("vote-count");
  await expect(count).toHaveText("0");
  await page.getByRole("button", { name: "Vote for this idea" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your vote is counted." })).toBeVisible(slow);
  await expect(count).toHaveText("1");
  await expect(page.getByText("You voted")).toBeVisible();
  await page.getByRole("button", { name: "Take back my vote" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your vote was taken back." })).toBeVisible(slow);
  await expect(count).toHaveText("0");
  await page.getByRole("button", { name: "Vote for this idea" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your vote is counted." })).toBeVisible(slow);
  await page.reload();
  await expect(count).toHaveText("1");
  await expect(page.getByText("You voted")).toBeVisible();

  // K4: follow.
  const follow = page.getByRole("button", { name: "Follow" });
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await follow.click();
  await expect(page.getByRole("status").filter({ hasText: "You follow this idea." })).toBeVisible(slow);
  await page.reload();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  // Authors set no statuses.
  await expect(page.getByRole("heading", { name: "Set the status" })).toHaveCount(0);

  // The listing shows the card: status, votes, author, tags.
  await page.goto("/ideas?sort=newest");
  const card = page.getByRole("list", { name: "Ideas" }).getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
  await expect(card).toContainText("New");
  await expect(card).toContainText("You voted");
  await expect(card).toContainText("by Rhys Morgan");
  await expectAccessible(page);

  // G8: the webmaster moderates: Declined needs a note; Planned with a note.
  const adminContext = await anotherBrowser(browser, testInfo);
  const admin = await adminContext.newPage();
  await signIn(admin, WEBMASTER);
  await admin.waitForURL((url) => url.pathname !== "/login", slow);
  await admin.goto(ideaPath);
  await expect(admin.getByRole("heading", { name: "Set the status" })).toBeVisible();
  await admin.getByLabel("Status", { exact: true }).selectOption("declined");
  await admin.getByRole("button", { name: "Save status" }).click();
  await expect(fieldError(admin, "Say why the idea is declined: its author and followers are told.")).toBeVisible();
  await admin.getByLabel("Status", { exact: true }).selectOption("planned");
  await admin.getByLabel("Note to the author and followers").fill("Budget approved for the spring.");
  await admin.getByRole("button", { name: "Save status" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Status set to Planned." })).toBeVisible(slow);
  await expect(admin.getByRole("region", { name: /^Status/ })).toContainText("Budget approved for the spring.");
  await expectAccessible(admin);
  await adminContext.close();

  // The author sees the status and its note, and is told (the worker expands the event after the commit).
  await page.goto(ideaPath);
  await expect(page.getByRole("region", { name: /^Status/ })).toContainText("Planned");
  await expect(page.getByRole("region", { name: /^Status/ })).toContainText("Budget approved for the spring.");
  // Past "new", the author no longer edits.
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name: `Wendy Webb moved the idea “${title}” to Planned` })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expectAccessible(page);
  await page.getByRole("link", { name: `Wendy Webb moved the idea “${title}” to Planned` }).click();
  await page.waitForURL((url) => url.pathname === ideaPath, slow);
});
