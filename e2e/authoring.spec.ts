import { type Page, type TestInfo } from "@playwright/test";
import { expect, expectAccessible, formError, signIn, test } from "./fixtures";
import { fieldError, summaryLink } from "./form-errors";
import { png } from "./files";

/**
 * Authoring: write, publish, share, vote, version history and delete, through
 * the real pages in Chromium, desktop and phone, with axe on every page and dialog.
 * Rules: C1 (types, sharing), C2 (drafts), C5 (403), C6 (the editor's subset, images),
 * E3 (votes), S7 (roles). Every title is unique per run and project, and what a test
 * creates in shared sections it deletes again.
 */

const SOPHIE = "sophie.turner@northmoor.example"; // author in News & announcements
const DAVID = "david.okafor@northmoor.example"; // editor in News & announcements
const OWEN = "owen.price@northmoor.example"; // no role anywhere
const SAM = "sam.mensah@northmoor.example"; // manager of Adult Social Care (and below it)

function unique(testInfo: TestInfo): string {
  return `${testInfo.project.name} ${Date.now().toString(36)}`;
}

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

const ITEM_URL = /\/content\/[0-9a-f-]{36}$/;

async function deleteItem(page: Page, itemUrl: string, title: string) {
  await page.goto(itemUrl);
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete “${title}”?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Delete permanently" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/sections/"));
  expect((await page.goto(itemUrl))?.status()).toBe(404);
}

test("an author writes a draft with a heading, list, link and image; an editor publishes it; history shows the change (C1, C2, C6)", { tag: "@smoke" }, async ({ page }, testInfo) => {
  test.slow(); // three people, a dozen pages, each checked with axe
  const title = `Road safety week ${unique(testInfo)}`;
  await signInAs(page, SOPHIE);
  await page.goto("/sections/news");
  await page.getByRole("button", { name: "Options" }).click();
  await page.getByRole("menuitem", { name: "New item" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New item in News & announcements" })).toBeVisible();
  await expect(page).toHaveTitle(/^New item in News/);
  await expectAccessible(page);
  await page.getByRole("radio", { name: "News" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New news item in News & announcements" })).toBeVisible();
  // An author saves drafts only (S7): no Publish button.
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  const text = page.getByRole("textbox", { name: "Text" });
  await expect(text).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Title").fill(title);
  await text.click();
  await page.getByRole("button", { name: "Heading 2" }).click();
  await expect(page.getByRole("button", { name: "Heading 2" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.type("Why it matters");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Every journey counts.");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Bulleted list" }).click();
  await page.keyboard.type("Slow down near schools");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Check your tyres");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Bulleted list" })).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.type("Read the guidance");
  // The image goes on the empty line below the words, and the words become a link last: a
  // dialog that closes hands the editor its selection back a frame later, and a selection
  // left over from the link dialog once took the image (or Enter) in the words' place.
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Insert image" }).click();
  const imageDialog = page.getByRole("dialog", { name: "Insert an image" });
  // An SVG with a PNG name is refused by its bytes.
  await imageDialog.getByLabel("Image file").setInputFiles({ name: "crossing.png", mimeType: "image/png", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') });
  await imageDialog.getByLabel("Text alternative").fill("A zebra crossing");
  await imageDialog.getByRole("button", { name: "Upload and insert" }).click();
  await expect(imageDialog.getByText("SVG images are not accepted", { exact: false })).toBeVisible();
  await expectAccessible(page);
  await imageDialog.getByLabel("Image file").setInputFiles({ name: "crossing.png", mimeType: "image/png", buffer: png(120, 60) });
  await imageDialog.getByRole("button", { name: "Upload and insert" }).click();
  await expect(imageDialog).toBeHidden();
  await expect(text.getByRole("img", { name: "A zebra crossing" })).toBeVisible();
  // Select the words again, trying until the page holds exactly them (the image dialog's
  // closing may still move the selection once).
  await expect
    .poll(async () => {
      await text.getByText("Read the guidance").click();
      await text.press("End");
      await text.press("Shift+Home");
      return page.evaluate(() => document.getSelection()?.toString() ?? "");
    })
    .toBe("Read the guidance");
  await page.getByRole("button", { name: "Link" }).click();
  const linkDialog = page.getByRole("dialog", { name: "Add a link" });
  await linkDialog.getByLabel("Link address").fill("javascript:alert(1)");
  await linkDialog.getByRole("button", { name: "Add link" }).click();
  await expect(linkDialog.getByText(/Enter a web address starting with https:\/\//)).toBeVisible();
  await expect(linkDialog.getByLabel("Link address")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await linkDialog.getByLabel("Link address").fill("https://www.gov.uk/browse/driving");
  await linkDialog.getByRole("button", { name: "Add link" }).click();
  await expect(linkDialog).toBeHidden();
  await expect(text.getByRole("link", { name: "Read the guidance" })).toHaveAttribute("href", "https://www.gov.uk/browse/driving");
  await expect(text.getByRole("img", { name: "A zebra crossing" })).toBeVisible();

  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(ITEM_URL);
  const itemUrl = page.url();
  const body = page.locator("article .prose-portico");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await expect(body.getByRole("heading", { level: 2, name: "Why it matters" })).toBeVisible();
  await expect(body.getByRole("listitem")).toHaveText(["Slow down near schools", "Check your tyres"]);
  await expect(body.getByRole("link", { name: "Read the guidance" })).toHaveAttribute("href", "https://www.gov.uk/browse/driving");
  const image = body.getByRole("img", { name: "A zebra crossing" });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
  const imageUrl = new URL((await image.getAttribute("src"))!, itemUrl).toString();
  // The author may edit and delete her draft, not publish it.
  const actions = page.getByRole("region", { name: "Item actions" });
  await expect(actions.getByRole("link", { name: "Edit" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Delete" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Publish" })).toHaveCount(0);
  // Delete stands apart from Edit, on a line of its own below the other actions, and says what it deletes.
  const editBox = (await actions.getByRole("link", { name: "Edit" }).boundingBox())!;
  const deleteBox = (await actions.getByRole("button", { name: "Delete item…" }).boundingBox())!;
  expect(deleteBox.y).toBeGreaterThanOrEqual(editBox.y + editBox.height);
  await expectAccessible(page);

  // A draft: nobody without a role sees it, nor its image (C2).
  await signInAs(page, OWEN);
  expect((await page.goto(itemUrl))?.status()).toBe(403);
  expect(await page.content()).not.toContain(title);
  expect((await page.request.get(imageUrl)).status()).toBe(404);

  // The editor changes the title and publishes.
  await signInAs(page, DAVID);
  await page.goto(itemUrl);
  await page.getByRole("region", { name: "Item actions" }).getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit news item" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Text" }).getByRole("img", { name: "A zebra crossing" })).toBeVisible();
  // After a client-side navigation the title follows the content: wait for it before axe.
  await expect(page).toHaveTitle(new RegExp(`^Edit: ${title}`));
  await expectAccessible(page);
  await page.getByLabel("Title").fill(`${title} starts Monday`);
  await page.getByRole("button", { name: "Save and publish" }).click();
  await page.waitForURL(itemUrl);
  await expect(page.getByRole("heading", { level: 1, name: `${title} starts Monday` })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toHaveCount(0);

  await page.getByRole("region", { name: "Item actions" }).getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `History of “${title} starts Monday”` })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("David Okafor");
  await expect(rows.nth(2)).toContainText("Sophie Turner");
  await expect(page.getByRole("heading", { level: 2, name: "Changes in version 2 (from version 1)" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Title" }).locator("ins")).toHaveText(/starts Monday/);
  await expect(page.getByRole("region", { name: "Text" })).toContainText("No change.");
  await expect(page.getByRole("definition").first()).toContainText(/Draft.*Published/);
  await expect(page).toHaveTitle(/^History: /);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Compare version 1 with the one before" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Version 1: the first version" })).toBeVisible();
  await expect(page.getByText("[Image: A zebra crossing]")).toBeVisible();

  // Published: everyone who can view News now sees it and its image.
  await signInAs(page, OWEN);
  expect((await page.goto(itemUrl))?.status()).toBe(200);
  await expect(page.getByRole("region", { name: "Item actions" })).toHaveCount(0);
  await expect.poll(() => page.locator("article .prose-portico img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
  expect((await page.request.get(`${itemUrl}/history`)).status()).toBe(403);
  expect((await page.request.get(`${itemUrl}/edit`)).status()).toBe(403);

  await signInAs(page, DAVID);
  await deleteItem(page, itemUrl, `${title} starts Monday`);
  expect((await page.request.get(imageUrl)).status()).toBe(404);
});

test("the editor works from the keyboard: one tab stop for the toolbar, arrows along it, Escape leaves the text (Q1)", async ({ page }) => {
  await signInAs(page, SOPHIE);
  await page.goto("/sections/news/new?type=blog");
  const text = page.getByRole("textbox", { name: "Text" });
  await expect(text).toBeVisible();
  await expect(text).toHaveAttribute("aria-multiline", "true");
  await page.getByLabel("Title").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Heading 2" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("button", { name: "Heading 3" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(page.getByRole("button", { name: "Insert image" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(text).toBeFocused();
  await page.keyboard.type("Hello ");
  await page.keyboard.press("ControlOrMeta+b");
  await page.keyboard.type("bold");
  await expect(page.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "true");
  await expect(text.locator("strong")).toHaveText("bold");
  await page.keyboard.press("Escape");
  await expect(text).not.toBeFocused();
  // Submitting without a title: the error summary takes focus and links to the field, whose error is beside it (Q1 Q3).
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(formError(page)).toBeFocused();
  await expect(fieldError(page, "Enter a title.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await summaryLink(page, "Enter a title.").click();
  await expect(page.getByLabel("Title")).toBeFocused();
});

test("an event with date, time and place, and a poll people vote on and then see the results (C1, E3)", async ({ page }, testInfo) => {
  test.slow();
  const tag = unique(testInfo);
  await signInAs(page, DAVID);

  await page.goto("/sections/news/new?type=event");
  await expect(page.getByRole("heading", { level: 1, name: "New event in News & announcements" })).toBeVisible();
  await expect(page.getByRole("group", { name: "When and where" })).toBeVisible();
  await page.getByLabel("Title").fill(`Quiz night ${tag}`);
  await page.getByRole("textbox", { name: "Text" }).click();
  await page.keyboard.type("Teams of four.");
  await page.getByLabel("Start date").fill("2027-03-14");
  await page.getByLabel("Start time").fill("18:00");
  await page.getByLabel("End time (optional)").fill("17:00");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(fieldError(page, "The event cannot end before it starts.")).toBeVisible();
  await expect(formError(page)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("End time (optional)").fill("21:30");
  await page.getByLabel("Place (optional)").fill("Council Chamber, County Hall");
  await page.getByRole("button", { name: "Publish" }).click();
  await page.waitForURL(ITEM_URL);
  const eventUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: `Quiz night ${tag}` })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "14 March 2027" })).toContainText(/18:00.*21:30/);
  await expect(page.getByRole("definition").filter({ hasText: "Council Chamber, County Hall" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/sections/news/new?type=poll");
  await page.getByLabel("Title").fill(`Tea or coffee? ${tag}`);
  await page.getByRole("textbox", { name: "Option 1" }).fill("Tea");
  await page.getByRole("textbox", { name: "Option 2" }).fill("Coffee");
  await page.getByRole("button", { name: "Add an option" }).click();
  await page.getByRole("textbox", { name: "Option 3" }).fill("tea");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(fieldError(page, "This is the same as option 1. Each option must be different.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Option 3" }).fill("Water");
  await page.getByRole("button", { name: "Publish" }).click();
  await page.waitForURL(ITEM_URL);
  const pollUrl = page.url();
  // Editors always see results (E3).
  await expect(page.getByRole("heading", { name: "Results" })).toBeVisible();
  await expect(page.getByText("0% (0 votes)")).toHaveCount(3);

  await signInAs(page, OWEN);
  await page.goto(pollUrl);
  await expect(page.getByText("0 votes so far. Vote to see the results.")).toBeVisible();
  await expect(page.getByText(/% \(/)).toHaveCount(0);
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(fieldError(page, "Choose an option to vote for.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("group", { name: "Your vote" }).getByLabel("Coffee").check();
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByText("Thank you: your vote is counted.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Coffee" })).toContainText("(your vote)");
  await expect(page.getByRole("listitem").filter({ hasText: "Coffee" })).toContainText("100% (1 vote)");
  await expectAccessible(page);
  await page.getByRole("group", { name: "Change your vote" }).getByLabel("Water").check();
  await page.getByRole("button", { name: "Change my vote" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Water" })).toContainText("100% (1 vote)");
  await expect(page.getByRole("listitem").filter({ hasText: "Coffee" })).toContainText("0% (0 votes)");

  // Removing an option that has votes is confirmed first: its votes go with it.
  await signInAs(page, DAVID);
  await page.goto(`${pollUrl}/edit`);
  await page.getByRole("button", { name: "Remove option 3" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  const removal = page.getByRole("dialog", { name: "Remove an option and its votes?" });
  await expect(removal).toContainText("Water");
  await expectAccessible(page);
  await removal.getByRole("button", { name: "Cancel" }).click();
  await expect(removal).toBeHidden();
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByRole("dialog", { name: "Remove an option and its votes?" }).getByRole("button", { name: "Remove and save" }).click();
  await page.waitForURL(pollUrl);
  await expect(page.getByText("0 votes", { exact: true })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Water" })).toHaveCount(0);

  // Delete, confirmed; cancelling changes nothing.
  await page.goto(pollUrl);
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete “Tea or coffee? ${tag}”?` });
  await expect(confirm).toContainText("cannot be undone");
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("button", { name: "Delete" })).toBeFocused();
  expect((await page.reload())?.status()).toBe(200);
  await deleteItem(page, pollUrl, `Tea or coffee? ${tag}`);
  await deleteItem(page, eventUrl, `Quiz night ${tag}`);
});

test("a manager shares an item into a further section and stops sharing it (C1)", async ({ page }, testInfo) => {
  const title = `Care rota changes ${unique(testInfo)}`;
  await signInAs(page, SAM);
  await page.goto("/sections/adult-social-care/new?type=page");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("textbox", { name: "Text" }).click();
  await page.keyboard.type("New rota from January.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(ITEM_URL);
  const itemUrl = page.url();

  await page.getByRole("button", { name: "Share…" }).click();
  const dialog = page.getByRole("dialog", { name: "Share into another section" });
  await expect(dialog.getByRole("option", { name: "Adult Social Care" })).toHaveCount(0); // its home
  await dialog.getByRole("button", { name: "Share" }).click();
  await expect(fieldError(dialog, "Choose a section to share this item into.")).toBeVisible();
  await expectAccessible(page);
  await dialog.getByLabel("Section").selectOption({ label: "Care North" });
  await dialog.getByRole("button", { name: "Share" }).click();
  await expect(dialog).toBeHidden();
  const alsoIn = page.getByRole("region", { name: "Also in" });
  await expect(alsoIn.getByRole("link", { name: "Care North" })).toBeVisible();
  await expectAccessible(page);

  await alsoIn.getByRole("button", { name: "Stop sharing into Care North" }).click();
  const confirm = page.getByRole("dialog", { name: "Stop sharing into Care North?" });
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Stop sharing" }).click();
  await expect(page.getByRole("region", { name: "Also in" })).toHaveCount(0);

  await deleteItem(page, itemUrl, title);
});

test("a stale edit is refused with a clear message and the text stays in the form", async ({ page, context }, testInfo) => {
  const title = `Parking permits ${unique(testInfo)}`;
  await signInAs(page, DAVID);
  await page.goto("/sections/news/new?type=news");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(ITEM_URL);
  const itemUrl = page.url();

  const other = await context.newPage();
  await other.goto(`${itemUrl}/edit`);
  await page.goto(`${itemUrl}/edit`);
  await expect(other.getByRole("textbox", { name: "Text" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Text" })).toBeVisible();

  await other.getByLabel("Title").fill(`${title} (first)`);
  await other.getByRole("button", { name: "Save draft" }).click();
  await other.waitForURL(itemUrl);

  await page.getByLabel("Title").fill(`${title} (second)`);
  await page.getByRole("textbox", { name: "Text" }).click();
  await page.keyboard.type("My careful paragraph.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(formError(page)).toContainText("This item was changed by David Okafor after you started");
  await expect(formError(page)).toBeFocused();
  await expect(page.getByLabel("Title")).toHaveValue(`${title} (second)`);
  await expect(page.getByRole("textbox", { name: "Text" })).toContainText("My careful paragraph.");
  await expectAccessible(page);
  await other.close();
  await deleteItem(page, itemUrl, `${title} (first)`);
});

test("people without the permission get 403 and see no controls (C5, S7)", async ({ page }) => {
  await signInAs(page, OWEN);
  expect((await page.goto("/sections/news/new"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto("/sections/no-such-section/new"))?.status()).toBe(404);

  await page.goto("/sections/hr");
  await page.getByRole("link", { name: "Pensions drop-in session" }).click();
  await page.waitForURL(ITEM_URL);
  const itemUrl = page.url();
  await expect(page.getByRole("region", { name: "Item actions" })).toHaveCount(0);
  expect((await page.goto(`${itemUrl}/edit`))?.status()).toBe(403);
  expect((await page.goto(`${itemUrl}/history`))?.status()).toBe(403);

  // An author in News sees Edit and History on her own published item, not Publish or Delete.
  await signInAs(page, SOPHIE);
  await page.goto("/sections/news");
  await page.getByRole("link", { name: "County Hall car park resurfacing in October" }).click();
  const actions = page.getByRole("region", { name: "Item actions" });
  await expect(actions.getByRole("link", { name: "Edit" })).toBeVisible();
  await expect(actions.getByRole("link", { name: "History" })).toBeVisible();
  await expect(actions.getByRole("button", { name: /Publish|Unpublish|Delete|Share/ })).toHaveCount(0);
  await actions.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByText("Your changes need an editor's approval")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save as draft" })).toBeVisible();
  await expect(page).toHaveTitle(/^Edit: County Hall car park/);
  await expectAccessible(page);
});

test("the new-item form and the editor fit a 320 px screen (Q2)", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signInAs(page, DAVID);
  for (const type of ["news", "event", "poll"]) {
    await page.goto(`/sections/news/new?type=${type}`);
    await expect(page.getByRole("textbox", { name: "Text" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), type).toBeLessThanOrEqual(320);
  }
  await expectAccessible(page);
});
