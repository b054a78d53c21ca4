import type { Page } from "@playwright/test";
import { anotherBrowser, expect, expectAccessible, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";
import { scenarioFor } from "./scenarios";

/**
 * E3: an editor writes a poll with a closing date whose results show only after closing; a
 * voter votes and changes their vote; the editor moves the closing date into the past; the
 * voter's next change (from the page they still have open) is refused by the server with a
 * clear message, and the page then shows the poll closed with its results. Desktop and
 * phone each use their own editor, section and voter; the poll is deleted at the end.
 */
const SCENARIOS = {
  desktop: { editor: "sam.mensah@northmoor.example", section: "adult-social-care", voter: "owen.price@northmoor.example" },
  phone: { editor: "tomasz.nowak@northmoor.example", section: "winter-service", voter: "hannah.lloyd@northmoor.example" },
} as const;
const scenario = (projectName: string) => scenarioFor(SCENARIOS, projectName);
const slow = { timeout: 30_000 };
const ITEM_URL = /\/content\/[0-9a-f-]{36}$/;

/** A date `days` from now as a date field takes it (the organisation's zone is near enough a day away). */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), slow);
}

test("E3 a vote is changed until the poll closes, then refused with a clear message; results after closing", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const s = scenario(testInfo.project.name);
  const title = `Canteen menu ${testInfo.project.name} ${Date.now().toString(36)}`;

  // The editor writes the poll: closing in two days, results only after closing.
  const editorContext = await anotherBrowser(browser, testInfo);
  const editor = await editorContext.newPage();
  await signedIn(editor, s.editor);
  await editor.goto(`/sections/${s.section}/new?type=poll`);
  await editor.getByLabel("Title").fill(title);
  await editor.getByRole("textbox", { name: "Option 1" }).fill("Soup");
  await editor.getByRole("textbox", { name: "Option 2" }).fill("Salad");
  await editor.getByLabel("Closing time (optional)").fill("12:00");
  await editor.getByRole("button", { name: "Publish" }).click();
  await expect(fieldError(editor, "Enter the date the poll closes, or clear the closing time.")).toBeVisible(slow);
  await expectAccessible(editor);
  await editor.getByLabel("Closing date (optional)").fill(dateIn(2));
  await editor.getByRole("group", { name: "Who sees the results while the poll is open" }).getByLabel("Nobody until the poll closes").check();
  await editor.getByRole("button", { name: "Publish" }).click();
  await editor.waitForURL(ITEM_URL, slow);
  const pollUrl = editor.url();
  await expect(editor.getByText(/^Voting closes on /)).toBeVisible();

  // The voter votes, then changes the vote; no counts while it is open.
  await signedIn(page, s.voter);
  await page.goto(pollUrl);
  await expect(page.getByText("0 votes so far. The results are shown when the poll closes.")).toBeVisible(slow);
  await page.getByRole("group", { name: "Your vote" }).getByLabel("Soup").check();
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByText("Thank you: your vote is counted.")).toBeVisible(slow);
  await page.getByRole("group", { name: "Change your vote" }).getByLabel("Salad").check();
  await page.getByRole("button", { name: "Change my vote" }).click();
  await expect(page.getByText("Your vote is changed.")).toBeVisible(slow);
  await expect(page.getByText(/% \(/)).toHaveCount(0);
  await expectAccessible(page);

  // The editor closes the poll: a closing date in the past.
  await editor.goto(`${pollUrl}/edit`);
  await editor.getByLabel("Closing date (optional)").fill(dateIn(-1));
  await editor.getByRole("button", { name: "Save changes" }).click();
  await editor.waitForURL(pollUrl, slow);
  await expect(editor.getByText(/^This poll closed on .*Voting has ended\.$/)).toBeVisible();

  // The voter's open page still offers the form: the server refuses, and says why.
  await page.getByRole("group", { name: "Change your vote" }).getByLabel("Soup").check();
  await page.getByRole("button", { name: "Change my vote" }).click();
  await expect(page.getByText(/This poll closed on .*: votes can no longer be cast or changed\. Nothing was changed\./)).toBeVisible(slow);
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByText(/^This poll closed on .*Voting has ended\.$/)).toBeVisible(slow);
  await expect(page.getByRole("button", { name: "Change my vote" })).toHaveCount(0);
  // Closed: the results are everyone's now, with the vote as it was before closing.
  await expect(page.getByRole("listitem").filter({ hasText: "Salad" })).toContainText("100% (1 vote)");
  await expect(page.getByRole("listitem").filter({ hasText: "Salad" })).toContainText("(your vote)");
  await expectAccessible(page);

  // Clean up.
  await editor.goto(pollUrl);
  await editor.getByRole("button", { name: "Delete" }).click();
  await editor.getByRole("dialog", { name: `Delete “${title}”?` }).getByRole("button", { name: "Delete permanently" }).click();
  await editor.waitForURL((url) => url.pathname.startsWith("/sections/"), slow);
  await editorContext.close();
});
