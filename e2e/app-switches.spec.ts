import { type Browser, type Page } from "@playwright/test";
import { createPerson, expect, expectAccessible, hydrated, searchPeople, signIn, test, tick, welcomeLinkFor } from "./fixtures";
import { launchServer, serverReady, stopAllServers, type ExtraServer } from "./servers";

/**
 * E4 E5 G4 P6: the External access switches and the apps' own on/off switch are global
 * settings, so they are checked here, on one server of its own (its own fresh database with
 * the demo organisation), by the desktop project only, one test after another: each turns
 * its switch on, uses what it opens, and turns it off again, so the next starts from the
 * defaults (every switch off, every app on).
 *   - Users: no directory and no profile, not a byte of the name, while off; as staff once on.
 *   - Ideas, Message Wall, Queries: no link and 404 while off; with the switch, they take part.
 *   - Locations: the directory with the switch; the people there only with Users as well.
 *   - An app turned off is absent for everyone, webmasters included, until turned on again.
 */
const PORT = Number(process.env.E2E_PORT || 3100) + 46;
const BASE_URL = `http://localhost:${PORT}`;
const WEBMASTER = "wendy.webb@northmoor.example";
const STAFF = "marcus.bell@northmoor.example";
const PASSWORD = "Queries-switch-password-1";
const slow = { timeout: 30_000 };

test.describe.configure({ mode: "serial", timeout: 300_000 });
test.beforeEach(({ isMobile }) => {
  test.skip(isMobile, "global settings: checked once, by the desktop project, on a server of its own");
});

let server: ExtraServer | null = null;
test.beforeAll(async ({ isMobile }) => {
  if (isMobile) return;
  server = launchServer(PORT, {});
  await serverReady(server);
});
test.afterAll(stopAllServers);

async function signedInPage(browser: Browser, email: string, password?: string) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.waitForURL((url) => url.pathname !== "/login", slow);
  return { context, page };
}

/** The webmaster sets one External access switch (E5). */
async function setExternalSwitch(admin: Page, label: string, on: boolean) {
  await admin.goto("/admin/settings/external-access");
  const box = admin.getByRole("checkbox", { name: label, exact: true });
  await (on ? box.check() : box.uncheck());
  await admin.getByRole("button", { name: "Save external access" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible(slow);
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

test("Users (E2 E4 E5): no directory and no one's profile while the switch is off, not a byte of the name; the same as staff once it is on", async ({ browser }) => {
  const admin = await signedInPage(browser, WEBMASTER);
  const external = await signedInPage(browser, "amira.haddad@volunteers.example");
  const peopleLink = mainNav(external.page).getByRole("link", { name: "People" });

  await admin.page.goto("/people?q=marcus");
  const marcusPath = await admin.page.getByRole("link", { name: "Marcus Bell", exact: true }).getAttribute("href");
  expect(marcusPath).toMatch(/^\/people\/[0-9a-f-]{36}$/);

  // Off (the default): no link, the directory and the profile are 404, and neither the
  // HTML nor the RSC payload carries the person's name.
  await external.page.goto("/extranet");
  await expect(peopleLink).toHaveCount(0);
  expect((await external.page.goto("/people"))?.status()).toBe(404);
  const refused = await external.page.goto(marcusPath!);
  expect(refused?.status()).toBe(404);
  const html = await refused!.text();
  const unknown = await external.context.request.get("/people/00000000-0000-4000-8000-000000000000");
  expect(unknown.status()).toBe(404);
  const rsc = await external.context.request.get(`${marcusPath}?_rsc=1`, { headers: { RSC: "1" } });
  const payload = await rsc.text();
  for (const body of [html, payload]) {
    expect(body).not.toContain("Marcus");
    expect(body).not.toContain("marcus.bell");
  }
  // The same page as an unknown id, the per-response nonce aside.
  const withoutNonce = (text: string) => text.replace(/[A-Za-z0-9+/]{22}==/g, "NONCE");
  expect(withoutNonce(html).replaceAll(marcusPath!.slice(8), "ID")).toBe(withoutNonce(await unknown.text()).replaceAll("00000000-0000-4000-8000-000000000000", "ID"));
  // E2: one's own profile page always.
  await external.page.goto("/me/profile");
  await external.page.getByRole("link", { name: "See your profile as others see it" }).click();
  await expect(external.page.getByRole("heading", { level: 1, name: "Amira Haddad" })).toBeVisible();

  await setExternalSwitch(admin.page, "Users", true);
  await external.page.goto("/extranet");
  await peopleLink.click();
  await expect(external.page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  // Externals are not offered the audience filter.
  await expect(external.page.getByLabel("Show", { exact: true })).toHaveCount(0);
  await expectAccessible(external.page);
  await external.page.getByLabel("Search", { exact: true }).fill("marcus");
  await external.page.getByRole("main").getByRole("button", { name: "Search" }).click();
  await external.page.getByRole("link", { name: "Marcus Bell", exact: true }).click();
  await expect(external.page.getByRole("heading", { level: 1, name: "Marcus Bell" })).toBeVisible();
  // K4 E5: with the switch on, externals follow people too.
  await hydrated(external.page);
  await external.page.getByRole("button", { name: "Follow" }).click();
  await expect(external.page.getByRole("status").filter({ hasText: "You follow Marcus Bell." })).toBeVisible();

  await setExternalSwitch(admin.page, "Users", false);
  expect((await external.page.goto(marcusPath!))?.status()).toBe(404);
  expect((await external.page.goto("/people"))?.status()).toBe(404);
  await admin.context.close();
  await external.context.close();
});

test("Locations (P6 E5): the directory only with its switch, and the people there only with Users as well", async ({ browser }) => {
  const admin = await signedInPage(browser, WEBMASTER);
  const external = await signedInPage(browser, "amira.haddad@volunteers.example");
  const locationsLink = mainNav(external.page).getByRole("link", { name: "Locations" });
  await admin.page.goto("/locations");
  const hallPath = await admin.page.getByRole("link", { name: "County Hall, Northmoor" }).getAttribute("href");
  expect(hallPath).toMatch(/^\/locations\/\d+$/);

  await external.page.goto("/extranet");
  await expect(locationsLink).toHaveCount(0);
  expect((await external.page.goto("/locations"))?.status()).toBe(404);
  const refused = await external.page.goto(hallPath!);
  expect(refused?.status()).toBe(404);
  expect(await refused!.text()).not.toContain("Market Square");

  // Locations on, Users off: the places and their addresses, nobody at them.
  await setExternalSwitch(admin.page, "Locations", true);
  await external.page.goto("/extranet");
  await locationsLink.click();
  await expect(external.page.getByRole("heading", { level: 1, name: "Locations" })).toBeVisible();
  await external.page.getByRole("link", { name: "County Hall, Northmoor" }).click();
  await expect(external.page.getByRole("heading", { level: 1, name: "County Hall, Northmoor" })).toBeVisible();
  await expect(external.page.getByText("Market Square")).toBeVisible();
  await expect(external.page.getByRole("heading", { name: "People here" })).toHaveCount(0);
  expect(await (await external.context.request.get(hallPath!)).text()).not.toContain("Sam Mensah");
  await expectAccessible(external.page);

  // Users on too: the people there, linked to their profiles.
  await setExternalSwitch(admin.page, "Users", true);
  await external.page.goto(hallPath!);
  await expect(external.page.getByRole("link", { name: "Sam Mensah" })).toHaveAttribute("href", /^\/people\/[0-9a-f-]{36}$/);

  await setExternalSwitch(admin.page, "Users", false);
  await setExternalSwitch(admin.page, "Locations", false);
  await external.page.goto("/extranet");
  await expect(locationsLink).toHaveCount(0);
  expect((await external.page.goto(hallPath!))?.status()).toBe(404);
  await admin.context.close();
  await external.context.close();
});

test("Ideas (G4 E4 E5): without the switch an external person has no link and 404; with it, they submit and vote", async ({ browser }) => {
  const admin = await signedInPage(browser, WEBMASTER);
  const external = await signedInPage(browser, "erin.cole@riverside-care.example");
  const ideasLink = mainNav(external.page).getByRole("link", { name: "Ideas", exact: true });

  await external.page.goto("/extranet");
  await expect(ideasLink).toHaveCount(0);
  for (const path of ["/ideas", "/ideas/new"]) expect((await external.page.goto(path))?.status(), path).toBe(404);

  await setExternalSwitch(admin.page, "Ideas", true);
  await external.page.goto("/extranet");
  await expect(ideasLink).toBeVisible();
  await ideasLink.click();
  await external.page.waitForURL((url) => url.pathname === "/ideas", slow);
  await expectAccessible(external.page);
  const title = `A quiet room for volunteers ${Date.now()}`;
  await external.page.getByRole("link", { name: "Submit an idea" }).first().click();
  await external.page.waitForURL((url) => url.pathname === "/ideas/new", slow);
  await external.page.getByLabel("Title").fill(title);
  await external.page.getByRole("button", { name: "Submit idea" }).click();
  await external.page.waitForURL((url) => /^\/ideas\/[0-9a-f-]{36}$/.test(url.pathname), slow);
  await expect(external.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const ideaPath = new URL(external.page.url()).pathname;
  await external.page.getByRole("button", { name: "Vote for this idea" }).click();
  await expect(external.page.getByRole("status").filter({ hasText: "Your vote is counted." })).toBeVisible(slow);
  await expect(external.page.getByTestId("vote-count")).toHaveText("1");

  // Off again: the idea is absent for them, link and page.
  await setExternalSwitch(admin.page, "Ideas", false);
  await external.page.goto("/extranet");
  await expect(ideasLink).toHaveCount(0);
  expect((await external.page.goto(ideaPath))?.status()).toBe(404);
  await admin.context.close();
  await external.context.close();
});

test("Message Wall (G4 E4 E5): without the switch an external person gets 404 and no link; with it, they post", async ({ browser }) => {
  const admin = await signedInPage(browser, WEBMASTER);
  const joy = await signedInPage(browser, "joy.okeke@volunteers.example");
  const wallLink = mainNav(joy.page).getByRole("link", { name: "Wall" });

  await joy.page.goto("/extranet");
  await expect(wallLink).toHaveCount(0);
  expect((await joy.page.goto("/wall"))?.status()).toBe(404);

  await setExternalSwitch(admin.page, "Message Wall", true);
  await joy.page.goto("/extranet");
  await wallLink.click();
  await joy.page.waitForURL((url) => url.pathname === "/wall", slow);
  await joy.page.getByLabel("Your post").fill("Hello from the volunteers");
  await joy.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(joy.page.getByRole("status").filter({ hasText: "Your post is on the wall." })).toBeVisible(slow);
  await expect(joy.page.getByTestId("wall-post").filter({ hasText: "Hello from the volunteers" })).toBeVisible();
  await expectAccessible(joy.page);

  await setExternalSwitch(admin.page, "Message Wall", false);
  await joy.page.goto("/extranet");
  await expect(wallLink).toHaveCount(0);
  expect((await joy.page.goto("/wall"))?.status()).toBe(404);
  await admin.context.close();
  await joy.context.close();
});

test("Queries (G4 E4 E5): an external person without the switch finds no Queries (404, no link); with it, they ask a query", async ({ browser }) => {
  const admin = await signedInPage(browser, WEBMASTER);
  const outsiderContext = await browser.newContext({ baseURL: BASE_URL });
  const outsider = await outsiderContext.newPage();
  const person = { name: "Oona Outside", email: "oona.outside@queries-switch.example" };
  // fixtures' welcomedPerson adds an organisational person: this one is external.
  await createPerson(admin.page, { ...person, external: true });
  await welcome(admin.page, outsider, person);

  // A team that accepts queries (the webmaster manages every team). Roads South: none of its
  // members is someone whose notifications another spec counts (e2e/notifications.spec.ts).
  await admin.page.goto("/teams/roads-south");
  const block = admin.page.getByRole("region", { name: "Queries" });
  await block.getByRole("checkbox", { name: "Accepts queries" }).check();
  await block.getByRole("button", { name: "Save" }).click();
  await expect(admin.page.getByText("Roads South now accepts queries.")).toBeVisible();

  await signIn(outsider, person.email, PASSWORD);
  await outsider.waitForURL((url) => url.pathname !== "/login", slow);
  const queriesLink = mainNav(outsider).getByRole("link", { name: "Queries" });
  await outsider.goto("/extranet");
  await expect(queriesLink).toHaveCount(0);
  expect((await outsider.goto("/queries"))?.status()).toBe(404);
  expect((await outsider.goto("/queries/new"))?.status()).toBe(404);

  await setExternalSwitch(admin.page, "Queries", true);
  await outsider.goto("/extranet");
  await queriesLink.click();
  await expect(outsider.getByRole("heading", { level: 1, name: "Queries" })).toBeVisible();
  await outsider.goto("/queries/new");
  await outsider.getByLabel("Title").fill("Can partners use the depot?");
  await outsider.getByLabel("Your question").fill("We deliver on Tuesdays.");
  await outsider.getByLabel("Team").selectOption({ label: "Roads South" });
  await outsider.getByRole("button", { name: "Ask query" }).click();
  await expect(outsider.getByRole("heading", { level: 1, name: "Can partners use the depot?" })).toBeVisible(slow);
  await expectAccessible(outsider);

  // Off again: gone, the query's own page included.
  const queryPath = new URL(outsider.url()).pathname;
  await setExternalSwitch(admin.page, "Queries", false);
  expect((await outsider.goto(queryPath))?.status()).toBe(404);
  await admin.context.close();
  await outsiderContext.close();
});

test("an app turned off (G4): absent for everyone, webmasters included, its link and its pages; back when turned on", async ({ browser }) => {
  const admin = await signedInPage(browser, WEBMASTER);
  const staff = await signedInPage(browser, STAFF);
  const ideasLinkOf = (page: Page) => mainNav(page).getByRole("link", { name: "Ideas", exact: true });
  // One of the demo organisation's ideas.
  await staff.page.goto("/ideas");
  const ideaPath = await staff.page.locator("main a[href^='/ideas/']:not([href='/ideas/new'])").first().getAttribute("href");
  expect(ideaPath).toMatch(/^\/ideas\/[0-9a-f-]{36}$/);

  const setIdeasOn = async (on: boolean) => {
    await admin.page.goto("/admin/settings/apps");
    const box = admin.page.getByRole("checkbox", { name: "Ideas", exact: true });
    await (on ? box.check() : box.uncheck());
    await admin.page.getByRole("button", { name: "Save apps" }).click();
    await expect(admin.page.getByRole("status").filter({ hasText: on ? "Saved. Every app is on." : "Saved. Turned off for everyone: Ideas." })).toBeVisible(slow);
  };
  await setIdeasOn(false);
  await expectAccessible(admin.page);
  for (const who of [admin, staff]) {
    await who.page.goto("/");
    await expect(ideasLinkOf(who.page)).toHaveCount(0);
    for (const path of ["/ideas", "/ideas/new", ideaPath!]) expect((await who.page.goto(path))?.status(), path).toBe(404);
  }

  await setIdeasOn(true);
  await staff.page.goto("/");
  await expect(ideasLinkOf(staff.page)).toBeVisible();
  expect((await staff.page.goto(ideaPath!))?.status()).toBe(200);
  await admin.context.close();
  await staff.context.close();
});

/** The welcome steps of welcomedPerson for a person already created (an external one). */
async function welcome(admin: Page, page: Page, person: { name: string; email: string }) {
  await searchPeople(admin, person.email);
  await tick(admin, person.name);
  await admin.getByRole("button", { name: "Send welcome e-mail" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Send welcome e-mail" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Welcome e-mail queued for 1 person." })).toBeVisible(slow);
  await page.goto(await welcomeLinkFor(admin, person.email));
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("Confirm the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "Your password is set" })).toBeVisible(slow);
}
