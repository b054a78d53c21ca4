import type { Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";
import { scenarioFor } from "./scenarios";

/**
 * E6: writing a new item in a restricted section, "@" and a few letters suggest people who
 * could view it there (here an external member), and never someone who could not (a member
 * of staff outside the section, an external person outside it): they are not listed at all.
 * Choosing with the keyboard inserts the mention, which the saved item keeps (C6). Desktop
 * and phone each write in their own section; the draft is deleted at the end.
 */
const SCENARIOS = {
  desktop: {
    writer: "nadia.ali@northmoor.example",
    section: "partners",
    viewer: { typed: "oliv", name: "Olivia Grant" },
    outsiders: ["lucy", "erin"],
  },
  phone: {
    writer: "lucy.hart@northmoor.example",
    section: "volunteers",
    viewer: { typed: "marg", name: "Margaret Hughes" },
    outsiders: ["owen", "olivia"],
  },
} as const;
const scenario = (projectName: string) => scenarioFor(SCENARIOS, projectName);
const slow = { timeout: 30_000 };
const ITEM_URL = /\/content\/[0-9a-f-]{36}$/;

const suggestions = (page: Page) => page.getByRole("listbox", { name: "People to mention" });

test("E6 mention suggestions offer someone who can view the item and never someone who cannot", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const s = scenario(testInfo.project.name);
  const title = `Mentions ${testInfo.project.name} ${Date.now().toString(36)}`;
  await signIn(page, s.writer);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), slow);
  await page.goto(`/sections/${s.section}/new?type=news`);
  await page.getByLabel("Title").fill(title);
  const text = page.getByRole("textbox", { name: "Text" });
  await text.click();

  // Someone who cannot view it: nobody is suggested, and their name is nowhere in the page.
  for (const typed of s.outsiders) {
    await page.keyboard.type(`@${typed}`);
    await expect(page.getByRole("status").filter({ hasText: "Nobody to suggest." })).toBeAttached(slow);
    await expect(suggestions(page).getByRole("option")).toHaveCount(0);
    for (let i = 0; i <= typed.length; i++) await page.keyboard.press("Backspace");
  }

  // Someone who can: offered, chosen with the keyboard.
  await page.keyboard.type(`Thanks @${s.viewer.typed}`);
  const option = suggestions(page).getByRole("option", { name: new RegExp(s.viewer.name) });
  await expect(option).toBeVisible(slow);
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(text).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await expectAccessible(page);
  await page.keyboard.press("Enter");
  await expect(suggestions(page).getByRole("option")).toHaveCount(0);
  await expect(text).toContainText(`Thanks @${s.viewer.name}`);

  // Saved: the mention is kept as the person's id (C6).
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(ITEM_URL, slow);
  const mention = page.locator("article [data-mention]");
  await expect(mention).toHaveText(`@${s.viewer.name}`);
  await expect(mention).toHaveAttribute("data-mention", /^[0-9a-f-]{36}$/);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: `Delete “${title}”?` }).getByRole("button", { name: "Delete permanently" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/sections/"), slow);
});
