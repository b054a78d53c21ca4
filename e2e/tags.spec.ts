import { type Page } from "@playwright/test";
import { anotherBrowser, expect, expectAccessible, signIn, test } from "./fixtures";
import { scenarioFor } from "./scenarios";

/**
 * D7: an editor tags an item as they write it — a tag in use picked from the suggestions by
 * keyboard, a new one typed, one removed again — the item's page links each tag to its page,
 * which lists the item; a webmaster renames the new tag at /admin/tags and deletes it, and
 * the item follows. Desktop and phone on one database: each has its own editor, section and
 * tag (demo data: lib/org-file/demo-org.json).
 */
const SCENARIOS = {
  desktop: { editor: "tomasz.nowak@northmoor.example", section: "winter-service", existing: "winter service" },
  phone: { editor: "jonathan.reid@northmoor.example", section: "hr-policies-pay", existing: "pay" },
} as const;
const WEBMASTER = "wendy.webb@northmoor.example";
const slow = { timeout: 30_000 };

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), slow);
}

test("D7 an editor tags an item while writing it; each tag links to its page; a webmaster renames and deletes a tag everywhere", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const s = scenarioFor(SCENARIOS, testInfo.project.name);
  const run = Date.now().toString(36);
  const tag = `salt run ${testInfo.project.name.startsWith("phone") ? "p" : "d"} ${run}`;
  const renamed = `${tag} renamed`;
  const title = `Salt stock update ${testInfo.project.name} ${run}`;

  await signedIn(page, s.editor);
  await page.goto(`/sections/${s.section}`);
  await page.getByRole("button", { name: "Options" }).click();
  await page.getByRole("menuitem", { name: "New item" }).click();
  await page.getByRole("radio", { name: "News" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Title").fill(title);

  // A tag in use, suggested as one types and chosen by keyboard.
  const tags = page.getByRole("combobox", { name: /^Tags/ });
  await tags.pressSequentially(s.existing);
  const options = page.getByRole("listbox", { name: /^Tags/ });
  await expect(options.getByRole("option").first()).toHaveText(s.existing, slow);
  await expectAccessible(page);
  await tags.press("ArrowDown");
  await expect(options.getByRole("option", { selected: true })).toHaveText(s.existing);
  await tags.press("Enter");
  const chosen = page.getByRole("list", { name: "Tags chosen" });
  await expect(chosen.getByRole("listitem")).toHaveText([`${s.existing}×`]);
  await expect(tags).toHaveValue("");
  // A new tag, typed and added with Enter (any case: stored lower-case); another with a comma, then removed.
  await tags.fill(tag.toUpperCase());
  await tags.press("Enter");
  await tags.pressSequentially("leftover,");
  await expect(chosen.getByRole("listitem")).toHaveCount(3);
  await chosen.getByRole("button", { name: "Remove tag leftover" }).click();
  await expect(chosen.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("Tag removed: leftover.")).toBeAttached();
  // Too long: said beside the field, nothing added.
  await tags.fill("x".repeat(41));
  await tags.press("Enter");
  await expect(page.getByText("Each tag can be at most 40 characters.")).toBeVisible();
  await tags.fill("");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Publish" }).click();
  await page.waitForURL((url) => /^\/content\/[0-9a-f-]{36}$/.test(url.pathname), slow);
  const itemUrl = page.url();
  const itemTags = page.getByRole("region", { name: "Tags" });
  await expect(itemTags.getByRole("link")).toHaveText([s.existing, tag]);
  await expectAccessible(page);

  // The tag's page lists the item.
  await itemTags.getByRole("link", { name: tag }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Tagged “${tag}”` })).toBeVisible(slow);
  await expect(page.getByRole("main").getByRole("link", { name: title })).toBeVisible();
  await expectAccessible(page);

  // A webmaster renames the tag: the item carries the new name.
  const webmasterContext = await anotherBrowser(browser, testInfo);
  const webmaster = await webmasterContext.newPage();
  await signedIn(webmaster, WEBMASTER);
  await webmaster.goto("/admin/tags");
  await expect(webmaster.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  // A page of tags at a time: found by part of its name.
  await webmaster.getByLabel("Tags containing").fill(tag.slice(1, -1));
  await webmaster.getByRole("form", { name: "Search tags" }).getByRole("button", { name: "Search" }).click();
  await webmaster.waitForURL((url) => url.searchParams.get("q") === tag.slice(1, -1), slow);
  const row = webmaster.getByRole("row").filter({ has: webmaster.getByRole("rowheader", { name: tag, exact: true }) });
  await expect(row.getByRole("cell").first()).toHaveText("1");
  await row.getByRole("button", { name: `Rename the tag ${tag}` }).click();
  const dialog = webmaster.getByRole("dialog", { name: `Rename “${tag}”` });
  await expectAccessible(webmaster);
  await dialog.getByLabel("New name").fill(renamed);
  await dialog.getByRole("button", { name: "Rename tag" }).click();
  await expect(webmaster.getByRole("status").filter({ hasText: `Renamed “${tag}” to “${renamed}” (1 item changed).` })).toBeVisible(slow);
  await page.goto(itemUrl);
  await expect(page.getByRole("region", { name: "Tags" }).getByRole("link")).toHaveText([s.existing, renamed]);

  // Deleted: gone from the item; the item stays.
  const renamedRow = webmaster.getByRole("row").filter({ has: webmaster.getByRole("rowheader", { name: renamed, exact: true }) });
  await renamedRow.getByRole("button", { name: `Delete the tag ${renamed}` }).click();
  await webmaster.getByRole("dialog", { name: `Delete “${renamed}”?` }).getByRole("button", { name: "Delete tag" }).click();
  await expect(webmaster.getByRole("status").filter({ hasText: `Deleted the tag “${renamed}” (removed from 1 item).` })).toBeVisible(slow);
  await page.goto(itemUrl);
  await expect(page.getByRole("region", { name: "Tags" }).getByRole("link")).toHaveText([s.existing]);
  await webmasterContext.close();

  // Tidy up: the item goes (what a test creates in shared sections it deletes).
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: `Delete “${title}”?` }).getByRole("button", { name: "Delete permanently" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/sections/"), slow);
});
