import { type Page } from "@playwright/test";
import { anotherBrowser, expect, expectAccessible, signIn, test } from "./fixtures";
import { scenarioFor } from "./scenarios";

/**
 * K5 G1 C4: a request to join a private group notifies its admin: the bell counts it, the
 * list shows it (actor, what, where, when) and marks it read, the daily digest e-mail lands
 * in the outbox once, and the e-mail preferences are saved. Desktop and phone run at once
 * on one database, so each has its own group and people no other spec signs in as (demo
 * data: lib/org-file/demo-org.json).
 */
const SCENARIOS = {
  desktop: {
    admin: { email: "helen.fraser@northmoor.example", name: "Helen Fraser" },
    requester: { email: "isabel.moreno@northmoor.example", name: "Isabel Moreno" },
    group: "Notice Board Desktop",
  },
  phone: {
    admin: { email: "george.whitfield@northmoor.example", name: "George Whitfield" },
    requester: { email: "fatima.hussain@northmoor.example", name: "Fatima Hussain" },
    group: "Notice Board Phone",
  },
} as const;
const WEBMASTER = "wendy.webb@northmoor.example";
const EXTERNAL = "marta.silva@riverside-care.example";

const scenario = (projectName: string) => scenarioFor(SCENARIOS, projectName);
const slow = { timeout: 30_000 }; // many pages on a shared two-core machine

async function signedIn(page: Page, email: string, home = "/") {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === home, slow);
}

const bell = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Notifications/ });

test("K5 a join request reaches the admin's bell, list and daily digest once; read, it clears; e-mail settings are saved", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const s = scenario(testInfo.project.name);
  const groupName = `${s.group} ${Date.now().toString(36)}`;

  // The admin creates a private group (G5); the bell starts at nothing unread.
  await signedIn(page, s.admin.email);
  await expect(bell(page)).toHaveAccessibleName("Notifications, no unread", slow);
  await page.goto("/groups/new");
  await page.getByLabel("Name").fill(groupName);
  await page.getByLabel("Description").fill("Who posts what, and when.");
  await page.getByRole("radio", { name: "Private" }).check();
  await page.getByRole("button", { name: "Create group" }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/manage"), slow);
  const groupPath = new URL(page.url()).pathname.replace(/\/manage$/, "");

  // G1: someone asks to join.
  const requesterContext = await anotherBrowser(browser, testInfo);
  const requester = await requesterContext.newPage();
  await signedIn(requester, s.requester.email);
  await requester.goto(groupPath);
  await requester.getByRole("button", { name: "Request to join" }).click();
  await requester.getByLabel("Message to the group's admins").fill("I keep the rota.");
  await requester.getByRole("button", { name: "Send request" }).click();
  await expect(requester.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible(slow);
  // The requester is not told of their own request.
  await requester.reload();
  await expect(bell(requester)).toHaveAccessibleName("Notifications, no unread", slow);
  await requesterContext.close();

  // K5: the worker expands the event after the commit; the bell counts it (on load, on focus, every minute).
  await expect(async () => {
    await page.goto("/");
    await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread", { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expectAccessible(page);

  // The daily digest (requests are in the digest by default) lands in the outbox once.
  const webmasterContext = await anotherBrowser(browser, testInfo);
  const webmaster = await webmasterContext.newPage();
  await signedIn(webmaster, WEBMASTER);
  const digests = () => webmaster.getByRole("row").filter({ hasText: s.admin.email }).filter({ hasText: "Your Portico digest" });
  await expect(async () => {
    await webmaster.goto("/admin/outbox");
    await expect(digests()).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 150_000 });
  await expect(digests()).toContainText("Your Portico digest: 1 notification");
  await digests().getByRole("link").first().click();
  await webmaster.waitForURL((url) => /^\/admin\/outbox\/[^/]+$/.test(url.pathname), slow);
  await expect(webmaster.getByRole("heading", { level: 1 })).toContainText("Your Portico digest", slow);
  await expect(webmaster.getByText(`${s.requester.name} asks to join ${groupName}`).first()).toBeVisible(slow);

  // /notifications: who, what, where (a link to the group's requests), when.
  await bell(page).click();
  await page.waitForURL((url) => url.pathname === "/notifications", slow);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const list = page.getByRole("list", { name: "Notifications" });
  const link = list.getByRole("link", { name: `${s.requester.name} asks to join ${groupName}` });
  await expect(link).toHaveAttribute("href", `${groupPath}/manage`);
  await expect(list.getByRole("listitem").first()).toContainText(/\d{2}:\d{2}/);
  await expect(page.getByRole("link", { name: "Unread (1)" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Unread (1)" }).click();
  await page.waitForURL((url) => url.search === "?show=unread", slow);
  await expect(link).toBeVisible();
  await expectAccessible(page);

  // Marked read: the bell clears, the unread list empties.
  await list.getByRole("button", { name: /^Mark as read/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Marked as read." })).toBeVisible(slow);
  await expect(bell(page)).toHaveAccessibleName("Notifications, no unread", slow);
  await expect(page.getByText("You have no unread notifications.")).toBeVisible(slow);
  await page.getByRole("link", { name: "All", exact: true }).click();
  await expect(page.getByRole("link", { name: `${s.requester.name} asks to join ${groupName}` })).toBeVisible(slow);

  // Still one digest: another pass of the job sends nothing more today.
  await webmaster.goto("/admin/outbox");
  await expect(digests()).toHaveCount(1);
  await webmasterContext.close();

  // K5: e-mail settings, one choice a kind, saved and shown again.
  await page.goto("/me/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notification e-mails" })).toBeVisible();
  await expectAccessible(page);
  const requests = page.getByRole("group", { name: "Requests to join groups you administer" });
  await expect(requests.getByRole("radio", { name: "Daily digest" })).toBeChecked();
  await requests.getByRole("radio", { name: "At once" }).check();
  await page.getByRole("group", { name: "Comments on what you follow" }).getByRole("radio", { name: "Off" }).check();
  await page.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your e-mail settings are saved." })).toBeVisible(slow);
  await page.reload();
  await expect(page.getByRole("group", { name: "Requests to join groups you administer" }).getByRole("radio", { name: "At once" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Comments on what you follow" }).getByRole("radio", { name: "Off" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Someone mentions you" }).getByRole("radio", { name: "At once" })).toBeChecked();
});

test("K5 external people have the bell too, and their own notifications page", async ({ page }) => {
  await signedIn(page, EXTERNAL, "/extranet");
  await expect(bell(page)).toHaveAccessibleName(/^Notifications, /, slow);
  await bell(page).click();
  await page.waitForURL((url) => url.pathname === "/notifications", slow);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expectAccessible(page);
});
