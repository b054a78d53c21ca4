import { expect, expectAxeClean, expectNoSidewaysScroll, followMainNav, hydrated, openAccountMenu, signIn, test } from "./fixtures";

test.describe("the app shell at 320 px (Q2)", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const person of ["owen.price@northmoor.example", "erin.cole@riverside-care.example"]) {
    test(`nothing scrolls sideways and the menu works for ${person}`, async ({ page }) => {
      await signIn(page, person);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await openAccountMenu(page);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      // The narrow screen's own markup, open: axe in every run, the smoke run's too.
      await expectAxeClean(page);
    });
  }

  test("the skip link is the first stop and leads to the main content", async ({ page }) => {
    await signIn(page, "owen.price@northmoor.example");
    await page.waitForURL((url) => url.pathname === "/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });
});

test.describe("the main navigation and the account menu (Q1 Q2)", () => {
  const STAFF = "owen.price@northmoor.example";
  const EXTERNAL = "erin.cole@riverside-care.example";

  test("on a phone the navigation sits behind a Menu button, which opens it, closes on Escape and on the next page", async ({ page }, testInfo) => {
    test.skip(!testInfo.project.use.isMobile, "the phone's layout");
    await signIn(page, STAFF);
    await page.waitForURL((url) => url.pathname === "/");
    await hydrated(page);
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Feed" })).toBeHidden();

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    for (const name of ["Home", "Sections", "Feed", "My content", "Groups"]) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectAxeClean(page);
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(nav.getByRole("link", { name: "Feed" })).toBeHidden();

    await menu.click();
    await nav.getByRole("link", { name: "Sections", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sections");
    await expect(page.getByRole("heading", { level: 1, name: "Sections" })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Sections" })).toBeHidden();
  });

  test("from a tablet's width up the links are one row and there is no Menu button", async ({ page }, testInfo) => {
    test.skip(testInfo.project.use.isMobile === true, "the desktop's layout");
    await signIn(page, EXTERNAL);
    await page.waitForURL((url) => url.pathname === "/extranet");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(nav.getByRole("link", { name: "Sections", exact: true })).toBeVisible();
    const tops = await nav.getByRole("link").evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
    expect(new Set(tops).size, "one row of links").toBe(1);
    await followMainNav(page, "Sections");
    await page.waitForURL((url) => url.pathname === "/sections");
    // E1 E2 S6: the external person's sections, the ones they are a member of.
    await expect(page.getByRole("main").getByRole("link").first()).toBeVisible();
    await expect(nav.getByRole("link", { name: "Sections", exact: true })).toHaveAttribute("aria-current", "page");
  });

  test("the account menu closes on Escape with focus back on it, on a click outside it, and on the next page", async ({ page }) => {
    await signIn(page, STAFF);
    await page.waitForURL((url) => url.pathname === "/");
    await hydrated(page);
    const summary = page.locator("summary", { hasText: "Account menu for" });
    const details = page.locator("details", { has: summary });
    const signOut = page.getByRole("button", { name: "Sign out" });

    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(signOut).toBeVisible();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Escape");
    await expect(signOut).toBeHidden();
    await expect(summary).toBeFocused();

    await summary.click();
    await expect(signOut).toBeVisible();
    // A click well away from the menu (on a phone the open menu covers the heading).
    const { height } = page.viewportSize()!;
    await page.mouse.click(5, height - 5);
    await expect(details).not.toHaveAttribute("open");

    await summary.click();
    await page.getByRole("link", { name: "Your profile" }).click();
    await page.waitForURL((url) => url.pathname === "/me/profile");
    await expect(details).not.toHaveAttribute("open");
    await expect(signOut).toBeHidden();
  });
});
