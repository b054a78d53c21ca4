import type { Page } from "@playwright/test";
import { expect, expectAccessible, openAccountMenu, signIn, test } from "./fixtures";
import { scenarioFor } from "./scenarios";

/**
 * K4 E3: an external person favourites, rates and follows an item in a section they are a
 * member of, without a page reload, announced to screen readers; the choices survive a
 * reload; the Favourites page lists the item; they follow the section too. Desktop and phone
 * run at once on one database, so each has its own person and item (demo data:
 * lib/org-file/demo-org.json); each takes back what it did, so the item is as it was.
 */
const SCENARIOS = {
  desktop: {
    person: "ben.ashworth@riverside-care.example",
    section: { slug: "riverside-care", title: "Riverside Care Partnership" },
    item: "Riverside Care welcomes twelve new home-care workers",
  },
  phone: {
    person: "peter.lang@volunteers.example",
    section: { slug: "volunteers", title: "Volunteers" },
    item: "Thank you: 4,000 volunteer hours this summer",
  },
} as const;
const scenario = (projectName: string) => scenarioFor(SCENARIOS, projectName);
const slow = { timeout: 30_000 };

const bar = (page: Page) => page.getByRole("region", { name: "Favourite, follow and rate" });
const announced = (page: Page, text: string) => expect(page.getByRole("status").filter({ hasText: text })).toBeVisible(slow);

test("K4 E3 an external member favourites, rates and follows an item and sees it on the Favourites page", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const s = scenario(testInfo.project.name);
  await signIn(page, s.person);
  await page.waitForURL((url) => url.pathname === "/extranet", slow);

  await page.goto(`/sections/${s.section.slug}`);
  await page.getByRole("link", { name: s.item }).click();
  await expect(page.getByRole("heading", { level: 1, name: s.item })).toBeVisible(slow);
  const reactions = bar(page);
  const favourite = reactions.getByRole("button", { name: "Favourite" });
  const follow = reactions.getByRole("button", { name: "Follow" });
  await expect(favourite).toHaveAttribute("aria-pressed", "false");
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await expect(reactions.getByText("Not rated yet")).toBeVisible();
  await expectAccessible(page);

  const itemUrl = page.url();
  await favourite.click();
  await expect(favourite).toHaveAttribute("aria-pressed", "true");
  await announced(page, "Added to your favourites.");
  await reactions.getByRole("button", { name: "Rate 4 stars" }).click();
  await announced(page, "You rated this 4 stars.");
  await expect(reactions.getByText("Rated 4 out of 5 from 1 rating")).toBeVisible();
  await expect(reactions.getByRole("button", { name: "Rate 4 stars" })).toHaveAttribute("aria-pressed", "true");
  // Changeable: one rating a person.
  await reactions.getByRole("button", { name: "Rate 2 stars" }).click();
  await expect(reactions.getByText("Rated 2 out of 5 from 1 rating")).toBeVisible(slow);
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await announced(page, "You follow this item.");
  // No reload happened: still the same page.
  expect(page.url()).toBe(itemUrl);
  await expectAccessible(page);

  // Saved on the server: a reload shows the same.
  await page.reload();
  await expect(bar(page).getByRole("button", { name: "Favourite" })).toHaveAttribute("aria-pressed", "true");
  await expect(bar(page).getByRole("button", { name: "Follow" })).toHaveAttribute("aria-pressed", "true");
  await expect(bar(page).getByRole("button", { name: "Rate 2 stars" })).toHaveAttribute("aria-pressed", "true");

  // The Favourites page, from the account menu.
  await openAccountMenu(page);
  await page.getByRole("link", { name: "Favourites" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Favourites" })).toBeVisible(slow);
  await expect(page.getByRole("link", { name: s.item })).toBeVisible();
  await expectAccessible(page);

  // Following the section, beside its title.
  await page.goto(`/sections/${s.section.slug}`);
  const followSection = page.getByRole("button", { name: "Follow" });
  await followSection.click();
  await expect(followSection).toHaveAttribute("aria-pressed", "true");
  await announced(page, `You follow ${s.section.title}.`);
  await expectAccessible(page);
  await followSection.click();
  await expect(followSection).toHaveAttribute("aria-pressed", "false");
  await announced(page, `You no longer follow ${s.section.title}.`);

  // Taking it all back.
  await page.goto(itemUrl);
  await bar(page).getByRole("button", { name: "Remove my rating" }).click();
  await announced(page, "Your rating is removed.");
  await expect(bar(page).getByText("Not rated yet")).toBeVisible();
  await bar(page).getByRole("button", { name: "Favourite" }).click();
  await announced(page, "Removed from your favourites.");
  await bar(page).getByRole("button", { name: "Follow" }).click();
  await announced(page, "You no longer follow this item.");
  await page.goto("/me/favourites");
  await expect(page.getByText("You have no favourites yet.")).toBeVisible(slow);
});
