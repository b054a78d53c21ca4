import { type Browser, type Page } from "@playwright/test";
import { DEMO_SIGN_INS } from "../lib/org-file/demo";
import { anotherBrowser, expect, expectAccessible, signIn, test } from "./fixtures";

/**
 * B2: a webmaster views the site as someone: every page as that person sees it (the same
 * HTML as their own sign-in gives, banner aside), a banner on every page, every change
 * refused, ended in one click; a section manager the same within their sections. It changes
 * only the asker's own session (and the audit log), so it runs with the read-only specs, on
 * the demo data as loaded.
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const slow = { timeout: 30_000 };
const banner = (page: Page) => page.getByRole("region", { name: "Viewing as someone else" });

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), slow);
}

async function startViewingAs(page: Page, typed: string, name: RegExp) {
  await page.goto("/access/view-as");
  await page.getByRole("combobox", { name: /^Person/ }).fill(typed);
  const option = page.getByRole("option", { name });
  await expect(option).toBeVisible(slow);
  await option.click();
  await page.getByRole("button", { name: "View the site as them" }).click();
  await expect(banner(page)).toBeVisible(slow);
}

test("@smoke B2 a webmaster views the site as an external person: their extranet, a banner, nothing can be changed, and back in one click", async ({ page }) => {
  test.setTimeout(120_000);
  await signedIn(page, WEBMASTER);
  await page.goto("/admin");
  await page.getByRole("link", { name: "View as someone" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "View the site as someone" })).toBeVisible(slow);
  await expectAccessible(page);

  await startViewingAs(page, "Erin", /^Erin Cole/);
  await page.waitForURL((url) => url.pathname === "/extranet", slow);
  await expect(banner(page)).toContainText("You are viewing Portico as Erin Cole (external)");
  await expect(page.getByText("Welcome, Erin Cole.")).toBeVisible();
  await expectAccessible(page);
  // Her pages, not the webmaster's: no Administration, and the intranet sends her to the extranet.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" })).toHaveCount(0);
  await page.goto("/");
  await page.waitForURL((url) => url.pathname === "/extranet", slow);
  // A change is refused, saying why.
  await page.goto("/me/profile");
  await page.getByLabel("Job title").fill("Changed while viewing as");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByText("You are viewing Portico as Erin Cole; nothing can be changed.")).toBeVisible(slow);

  await banner(page).getByRole("button", { name: "End viewing as Erin Cole" }).click();
  await page.waitForURL((url) => url.pathname === "/access/view-as", slow);
  await expect(banner(page)).toHaveCount(0);
  await page.goto("/me/profile");
  await expect(page.getByLabel("Job title")).not.toHaveValue("Changed while viewing as");
});

/**
 * The main content of each page, without what differs between any two responses (the CSP
 * nonce) or between two renders of the same content: React's empty comments between adjacent
 * texts, which only server-rendered HTML carries, so a page React rendered again in the browser
 * (it does after a recoverable hydration error, e2e/tripwire.ts) has the same content without them.
 */
async function mainOf(page: Page, path: string): Promise<{ status: number; html: string }> {
  const response = await page.goto(path);
  const html = await page.locator("main").innerHTML();
  return { status: response?.status() ?? 0, html: html.replace(/ nonce="[^"]*"/g, "").replaceAll("<!-- -->", "") };
}

async function asThemselves(browser: Browser, testInfo: Parameters<typeof anotherBrowser>[1], email: string, paths: string[]) {
  const context = await anotherBrowser(browser, testInfo);
  const page = await context.newPage();
  await signedIn(page, email);
  const out: { status: number; html: string }[] = [];
  for (const path of paths) out.push(await mainOf(page, path));
  await context.close();
  return out;
}

test("B2 every demo person's pages seen as them equal the pages they see signed in", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const paths = ["/", "/extranet", "/feed", "/groups", "/search?q=care", "/notifications"];
  await signedIn(page, WEBMASTER);
  for (const person of DEMO_SIGN_INS.filter((d) => d.lands !== null && d.email !== WEBMASTER)) {
    const own = await asThemselves(browser, testInfo, person.email, paths);
    await startViewingAs(page, person.email, /./);
    const seen: { status: number; html: string }[] = [];
    for (const path of paths) seen.push(await mainOf(page, path));
    await banner(page).getByRole("button", { name: /^End viewing as/ }).click();
    await page.waitForURL((url) => url.pathname === "/access/view-as", slow);
    paths.forEach((path, i) => {
      expect(seen[i]!.status, `${person.role} ${path}: status`).toBe(own[i]!.status);
      expect(seen[i]!.html, `${person.role} ${path}: the main content`).toBe(own[i]!.html);
    });
  }
});

test("B2 a blocked person is not offered to view as, and nobody but webmasters and section managers has the page", async ({ page }) => {
  await signedIn(page, WEBMASTER);
  await page.goto("/access/view-as");
  // The picker offers no blocked person (the action refuses one too: lib/view-as/view-as.test.ts).
  await page.getByRole("combobox", { name: /^Person/ }).fill("Blake");
  await expect(page.getByRole("status").filter({ hasText: "Nothing found" })).toBeVisible(slow);
  await expect(page.getByRole("option")).toHaveCount(0);

  const context = page.context();
  await context.clearCookies();
  await signedIn(page, "owen.price@northmoor.example");
  const response = await page.goto("/access/view-as");
  expect(response?.status()).toBe(403);
});

test("B2 S7 a section manager views their sections as someone: those pages as the person sees them, every other page as their own, nothing changed", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  // Sam manages Adult Social Care; Owen (Highways) sees its open pages, not its restricted Practice section.
  const paths = ["/sections/adult-social-care", "/sections/care-north", "/sections/asc-practice"];
  const own = await asThemselves(browser, testInfo, "owen.price@northmoor.example", paths);
  await signedIn(page, "sam.mensah@northmoor.example");
  await page.goto("/sections/adult-social-care/manage");
  await page.getByRole("link", { name: "View your sections as someone" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "View the site as someone" })).toBeVisible(slow);
  await startViewingAs(page, "Owen", /^Owen Price/);
  await page.waitForURL((url) => url.pathname === "/sections/adult-social-care", slow);
  await expect(banner(page)).toContainText("You are viewing the sections you manage as Owen Price");
  await expectAccessible(page);

  const scopeNote = (p: Page) => p.locator("[data-view-as-scope]");
  for (const [i, path] of paths.entries()) {
    const seen = await mainOf(page, path);
    expect(seen.status, `${path}: status`).toBe(own[i]!.status);
    if (seen.status !== 200) continue;
    await expect(scopeNote(page)).toHaveAttribute("data-view-as-scope", "theirs");
    expect(seen.html.replace(/<p[^>]*data-view-as-scope[^>]*>[\s\S]*?<\/p>/, ""), `${path}: the main content`).toBe(own[i]!.html);
  }
  // Outside Sam's sections the page is his own, and says so.
  await page.goto("/sections/highways");
  await expect(scopeNote(page)).toHaveAttribute("data-view-as-scope", "own");
  await expect(scopeNote(page)).toContainText("not in a section you manage");
  // A change is refused, saying why; ending returns Sam's own view.
  await page.goto("/me/profile");
  await page.getByLabel("Job title").fill("Changed while viewing as");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByText("You are viewing Portico as Owen Price; nothing can be changed.")).toBeVisible(slow);
  await banner(page).getByRole("button", { name: "End viewing as Owen Price" }).click();
  await page.waitForURL((url) => url.pathname === "/access/view-as", slow);
  await expect(banner(page)).toHaveCount(0);
  expect((await page.goto("/sections/asc-practice"))?.status(), "Sam's own view of his restricted section").toBe(200);
});
