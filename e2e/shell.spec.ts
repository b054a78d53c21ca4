import { expect, expectAxeClean, expectNoSidewaysScroll, openAccountMenu, signIn, test } from "./fixtures";

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
