import type { Page, Response } from "@playwright/test";
import { anotherBrowser, expect, expectAccessible, signIn, test } from "./fixtures";
import { scenarioFor } from "./scenarios";

/**
 * Writing in a group (G2, G5, G6, C1, C5) through the real pages, desktop and phone, with
 * axe on each new page. Desktop and phone run at once on one database, so each has its own
 * public group and people (demo data: lib/org-file/demo-org.json); what a test writes it
 * deletes again.
 */
const SCENARIOS = {
  desktop: {
    group: { slug: "green-champions", name: "Green champions" },
    writer: "lucy.hart@northmoor.example",
    admin: "ravi.patel@northmoor.example",
    member: "ethan.brooks@northmoor.example",
    // A private group none of them is in.
    privateGroup: "digital-transformation",
  },
  phone: {
    group: { slug: "social-club", name: "Staff social club" },
    writer: "emma.byrne@northmoor.example",
    admin: "david.okafor@northmoor.example",
    member: "hannah.lloyd@northmoor.example",
    privateGroup: "hospital-discharge",
  },
} as const;

const scenario = (projectName: string) => scenarioFor(SCENARIOS, projectName);
const slow = { timeout: 30_000 }; // many pages on a shared two-core machine
const ITEM_URL = /\/content\/[0-9a-f-]{36}$/;

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/", slow);
}

const itemActions = (page: Page) => page.getByRole("region", { name: "Item actions" });

test("G2 G5 G6 a member writes a draft in a group, its admin sees it, the member publishes it to the group and the feed; another member cannot edit it, the admin can", { tag: "@smoke" }, async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const s = scenario(testInfo.project.name);
  const title = `Bulb swap ${testInfo.project.name} ${Date.now().toString(36)}`;
  const groupPage = `/groups/${s.group.slug}`;

  // G2: a member finds "New item" on the group's page and writes a draft there.
  await signedIn(page, s.writer);
  await page.goto(groupPage);
  await page.getByRole("link", { name: "New item" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `New item in ${s.group.name}` })).toBeVisible(slow);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Groups" })).toHaveAttribute("href", "/groups");
  await expect(crumbs.getByRole("link", { name: s.group.name })).toHaveAttribute("href", groupPage);
  await expect(page).toHaveTitle(new RegExp(`^New item in ${s.group.name}`));
  await expectAccessible(page);
  await page.getByRole("radio", { name: "Blog post" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `New blog post in ${s.group.name}` })).toBeVisible(slow);
  // G6: groups have no editors: a member may publish at once, or keep a draft.
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  const text = page.getByRole("textbox", { name: "Text" });
  await expect(text).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Title").fill(title);
  await text.click();
  await page.keyboard.type("Swap your old bulbs for LEDs at the Saturday stall.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(ITEM_URL, slow);
  const itemUrl = page.url();
  const itemPath = new URL(itemUrl).pathname;
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await expect(page.getByRole("article").getByRole("link", { name: s.group.name })).toHaveAttribute("href", groupPage);
  await expect(itemActions(page).getByRole("button", { name: "Publish" })).toBeVisible();
  await expectAccessible(page);

  // G6: the group's admin sees the draft on the group's page; another member does not.
  const adminContext = await anotherBrowser(browser, testInfo);
  const admin = await adminContext.newPage();
  await signedIn(admin, s.admin);
  await admin.goto(groupPage);
  await expect(admin.getByRole("region", { name: "Drafts" }).getByRole("link", { name: title })).toBeVisible();
  const memberContext = await anotherBrowser(browser, testInfo);
  const member = await memberContext.newPage();
  await signedIn(member, s.member);
  expect((await member.goto(itemPath))?.status()).toBe(403);

  // The member publishes: the item is in the group's latest content and in the feed, "in the group".
  await itemActions(page).getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Draft", { exact: true })).toHaveCount(0, slow);
  await page.goto(groupPage);
  await expect(page.getByRole("region", { name: "Latest content" }).getByRole("link", { name: title })).toBeVisible();
  await page.goto("/feed");
  const inFeed = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
  await expect(inFeed).toContainText(`in the group ${s.group.name}`);
  await expect(inFeed.getByRole("link", { name: s.group.name })).toHaveAttribute("href", groupPage);

  // Another member reads it, with no controls, and may not open its edit page (G5).
  expect((await member.goto(itemPath))?.status()).toBe(200);
  await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(itemActions(member)).toHaveCount(0);
  expect((await member.goto(`${itemPath}/edit`))?.status()).toBe(403);
  await expect(member.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
  await memberContext.close();

  // G5: the admin moderates it: edits (breadcrumbs Groups › group › item), sees the history, deletes it.
  await admin.goto(itemPath);
  await itemActions(admin).getByRole("link", { name: "Edit" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Edit blog post" })).toBeVisible(slow);
  const editCrumbs = admin.getByRole("navigation", { name: "Breadcrumb" });
  await expect(editCrumbs.getByRole("link")).toHaveText(["Groups", s.group.name, title]);
  await expect(admin).toHaveTitle(new RegExp(`^Edit: ${title}`));
  await expectAccessible(admin);
  await admin.getByLabel("Title").fill(`${title} (moderated)`);
  await admin.getByRole("button", { name: "Save changes" }).click();
  await admin.waitForURL(itemUrl, slow);
  await expect(admin.getByRole("heading", { level: 1, name: `${title} (moderated)` })).toBeVisible();
  await itemActions(admin).getByRole("link", { name: "History" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: `History of “${title} (moderated)”` })).toBeVisible(slow);
  await expect(admin.getByRole("table").getByRole("row")).toHaveCount(4); // a header and three versions
  await expectAccessible(admin);
  await admin.goto(itemPath);
  await itemActions(admin).getByRole("button", { name: "Delete" }).click();
  await admin.getByRole("dialog", { name: `Delete “${title} (moderated)”?` }).getByRole("button", { name: "Delete permanently" }).click();
  await admin.waitForURL((url) => url.pathname === groupPage, slow);
  expect((await admin.goto(itemPath))?.status()).toBe(404);
  await adminContext.close();
});

/** The page with what differs between two requests set aside: the address asked for and the CSP nonce. */
async function bodyOf(response: Response | null, slug: string): Promise<string> {
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  return (await response!.text()).replaceAll(slug, "SLUG").replaceAll(nonce!, "NONCE");
}

test("C5 G2 /groups/<slug>/new: 403 for a private group's non-member, and for a secret group's stranger the very page of a group that does not exist", async ({ page }, testInfo) => {
  const s = scenario(testInfo.project.name);
  await signedIn(page, s.writer);
  // A private group they may see but not post in: no link on its page, 403 at the address.
  await page.goto(`/groups/${s.privateGroup}`);
  await expect(page.getByRole("heading", { level: 2, name: "Members only" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New item" })).toHaveCount(0);
  expect((await page.goto(`/groups/${s.privateGroup}/new`))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
  await expect(page).toHaveTitle(/Access denied/);
  await expectAccessible(page);

  // A secret group they are not in: 404, the same page as for no group at all (nothing of its name).
  const secret = await page.goto("/groups/restructure-2027/new?type=news");
  expect(secret?.status()).toBe(404);
  const secretBody = await bodyOf(secret, "restructure-2027");
  expect(secretBody).not.toContain("Restructure");
  const missing = await page.goto("/groups/no-such-group-here/new?type=news");
  expect(missing?.status()).toBe(404);
  expect(secretBody).toBe(await bodyOf(missing, "no-such-group-here"));
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
