import { type Page } from "@playwright/test";
import { anotherBrowser, expect, expectAccessible, followMainNav, signIn, test, welcomedPerson } from "./fixtures";
import { scenarioFor } from "./scenarios";

/**
 * P6 E2 E4 E5 K4: the people directory, profile pages, the show-mobile choice, names linked to
 * profiles (team members), and a team's sections (S2). (The Users switch for external people is
 * a global setting: e2e/app-switches.spec.ts checks it on a server of its own.)
 * Desktop and phone run at the same time on one database: each follows its own person and
 * makes its own person for the mobile choice (demo data: lib/org-file/demo-org.json).
 */
const STAFF = "marcus.bell@northmoor.example";
const WEBMASTER = "wendy.webb@northmoor.example";

const SCENARIOS = {
  desktop: {
    search: "kwame",
    follow: "Kwame Asante",
    person: { name: "Petra Desktop Mobile", email: "petra.desktop@northmoor.example", mobile: "+44 7700 900501" },
  },
  phone: {
    search: "care south",
    follow: "Hannah Lloyd",
    person: { name: "Pavel Phone Mobile", email: "pavel.phone@northmoor.example", mobile: "+44 7700 900502" },
  },
} as const;

const slow = { timeout: 30_000 };

async function signedIn(page: Page, email: string, password?: string) {
  await signIn(page, email, password);
  await page.waitForURL((url) => url.pathname !== "/login");
}

test.describe("on the main server", () => {
  test("search the directory, open a profile and follow the person from it (P6 K4)", async ({ page }, testInfo) => {
    test.setTimeout(150_000);
    const s = scenarioFor(SCENARIOS, testInfo.project.name);
    await signedIn(page, STAFF);
    await followMainNav(page, "People");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Search", { exact: true }).fill(s.search);
    await page.getByRole("form", { name: "Search and filter people" }).getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("status").filter({ hasText: `matching “${s.search}”` })).toBeVisible();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: s.follow }) });
    await expect(card).toBeVisible();
    await expect(card.getByRole("link", { name: /northmoor\.example$/ })).toHaveAttribute("href", /^mailto:/);
    await expect(card.getByRole("link", { name: "Care South" })).toHaveAttribute("href", "/teams/care-south");

    // A blocked person is never listed (Blake Moss is blocked in the demo).
    await page.goto("/people?q=blake");
    await expect(page.getByText("Nobody matches.")).toBeVisible();

    await page.goto(`/people?q=${encodeURIComponent(s.search)}`);
    await page.getByRole("link", { name: s.follow, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: s.follow })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "People" })).toBeVisible();
    await expectAccessible(page);

    const follow = page.getByRole("button", { name: "Follow" });
    await expect(follow).toHaveAttribute("aria-pressed", "false");
    await follow.click();
    await expect(page.getByRole("status").filter({ hasText: `You follow ${s.follow}.` })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("button", { name: "Follow" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Follow" }).click();
    await expect(page.getByRole("status").filter({ hasText: `You no longer follow ${s.follow}.` })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("button", { name: "Follow" })).toHaveAttribute("aria-pressed", "false");

    // One's own profile page: no Follow, a way to edit it.
    await page.goto("/people?q=marcus");
    await page.getByRole("link", { name: "Marcus Bell", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Marcus Bell" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Follow" })).toHaveCount(0);
    await page.getByRole("link", { name: "Edit your profile" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();

    // An unknown id: the not-found page.
    expect((await page.goto("/people/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  });

  test("the show-mobile choice: others see the mobile number only while the person shows it (P6)", async ({ page, browser }, testInfo) => {
    test.setTimeout(180_000);
    const s = scenarioFor(SCENARIOS, testInfo.project.name);
    const password = "people-spec-password-1";
    const adminContext = await anotherBrowser(browser, testInfo);
    const personContext = await anotherBrowser(browser, testInfo);
    try {
      const admin = await adminContext.newPage();
      await signedIn(admin, WEBMASTER);
      const person = await personContext.newPage();
      await welcomedPerson(admin, person, s.person, password);
      await adminContext.close();
      await signedIn(person, s.person.email, password);

      await person.goto("/me/profile");
      await person.getByLabel("Mobile number", { exact: true }).fill(s.person.mobile);
      await person.getByRole("checkbox", { name: "Show my mobile number on my profile" }).check();
      await person.getByLabel("Your password").fill(password);
      await person.getByRole("button", { name: "Save profile" }).click();
      await expect(person.getByRole("status").filter({ hasText: "Your profile has been saved." })).toBeVisible(slow);
      await expectAccessible(person);

      await signedIn(page, STAFF);
      await page.goto(`/people?q=${encodeURIComponent(s.person.name)}`);
      await page.getByRole("link", { name: s.person.name, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: s.person.name })).toBeVisible();
      // Stored as its digits (lib/people/schemas.ts normaliseMobile).
      const stored = s.person.mobile.replace(/ /g, "");
      await expect(page.getByRole("link", { name: stored })).toHaveAttribute("href", `tel:${stored}`);

      await person.getByRole("checkbox", { name: "Show my mobile number on my profile" }).uncheck();
      await person.getByRole("button", { name: "Save profile" }).click();
      await expect(person.getByRole("status").filter({ hasText: "Your profile has been saved." })).toBeVisible(slow);
      await page.reload();
      await expect(page.getByRole("heading", { level: 1, name: s.person.name })).toBeVisible();
      await expect(page.getByText(stored)).toHaveCount(0);
      expect(await page.content()).not.toContain(stored);
    } finally {
      await personContext.close();
    }
  });

  test("a team page: members with photos and profile links, and the sections it gives access to that one may view (P5 P6 S2)", async ({ page }) => {
    test.setTimeout(120_000);
    await signedIn(page, STAFF);
    await page.goto("/teams/care-south");
    await expect(page.getByRole("heading", { level: 1, name: "Care South" })).toBeVisible();
    const members = page.getByRole("table", { name: "Members of Care South" });
    const kwame = members.getByRole("row").filter({ hasText: "Kwame Asante" });
    await expect(kwame.getByRole("link", { name: "Kwame Asante" })).toHaveAttribute("href", /^\/people\/[0-9a-f-]{36}$/);
    // The photo, or the initials of someone without one, beside the name.
    await expect(kwame.locator("img, span[aria-hidden=true]").first()).toBeVisible();
    const sections = page.getByRole("region", { name: "Sections this team gives access to" });
    await expect(sections.getByRole("link", { name: "Adult Social Care" })).toHaveAttribute("href", "/sections/adult-social-care");
    await expect(sections.getByRole("link", { name: "Practice guidance" })).toBeVisible();
    await expectAccessible(page);

    // A blocked member's name is not a link (their profile is for webmasters only).
    await page.goto("/teams/roads-south");
    const blocked = page.getByRole("row").filter({ hasText: "Blake Moss" });
    await expect(blocked).toBeVisible();
    await expect(blocked.getByRole("link", { name: "Blake Moss" })).toHaveCount(0);
    await kwameLinkOpensProfile(page);
  });
});

async function kwameLinkOpensProfile(page: Page) {
  await page.goto("/teams/care-south");
  await page.getByRole("link", { name: "Kwame Asante" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kwame Asante" })).toBeVisible();
}
