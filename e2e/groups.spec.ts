import { type APIResponse, type Browser } from "@playwright/test";
import { expect, expectAccessible, followMainNav, signIn, test } from "./fixtures";
import { launchServer as launch, serverReady as ready, stopAllServers, stopServer as stop } from "./servers";

/**
 * The groups directory and a group's page (G1, G3, G6, E5, C5) on the demo organisation:
 *   Staff social club, Green champions (public); Digital transformation board, Hospital
 *   discharge taskforce (private); Restructure 2027 planning (secret: Priya Sharma, Fatima
 *   Hussain, George Whitfield, Sam Mensah). Owen Price is in the social club only.
 * Read-only on the main server; the Groups switch is changed on a server of its own.
 */
const MAIN_PORT = Number(process.env.E2E_PORT || 3100);
const WEBMASTER = "wendy.webb@northmoor.example";
const STAFF = "owen.price@northmoor.example";
const SECRET_MEMBER = "sam.mensah@northmoor.example";
const EXTERNAL = "erin.cole@riverside-care.example"; // in the Hospital discharge taskforce only

const SECRET_NAME = "Restructure 2027 planning";
const SECRET_ITEM = "Options appraisal for the directorate structure";
const SHARED_SECRET_ITEM = "Have your say on how our directorates are organised"; // homed in the secret group, shared into HR

async function signedIn(page: import("@playwright/test").Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname !== "/login");
}

const cards = (page: import("@playwright/test").Page) => page.getByRole("main").getByRole("listitem").getByRole("heading", { level: 2 });

test("G1 the directory: listed groups with their badges, search, filters and the next page; no secret group", { tag: "@smoke" }, async ({ page }) => {
  await signedIn(page, STAFF);
  await followMainNav(page, "Groups");
  await page.waitForURL("**/groups");
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await expect(cards(page)).toHaveText(["Digital transformation board", "Green champions", "Hospital discharge taskforce", "Staff social club"]);
  const club = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Staff social club" }) });
  await expect(club).toContainText("Public");
  await expect(club).toContainText("Member");
  await expect(club).toContainText("7 members");
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Digital transformation board" }) })).toContainText("Private");
  await expect(page.getByText(SECRET_NAME)).toHaveCount(0);
  await expectAccessible(page);

  // Search by name, case-insensitive; a secret group is not found (G1).
  await page.getByLabel("Search by name").fill("GREEN");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(cards(page)).toHaveText(["Green champions"]);
  await page.getByLabel("Search by name").fill("restructure");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No groups have “restructure” in their name.")).toBeVisible();
  await expectAccessible(page);

  // Filters: Private; My groups; Secret is offered to webmasters only.
  await page.getByLabel("Search by name").fill("");
  await page.getByLabel("Show").selectOption("private");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(cards(page)).toHaveText(["Digital transformation board", "Hospital discharge taskforce"]);
  await page.getByLabel("Show").selectOption("mine");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(cards(page)).toHaveText(["Staff social club"]);
  await expect(page.getByLabel("Show").locator("option")).toHaveText(["All groups", "My groups", "Public groups", "Private groups"]);

  // A bad search is refused with a message and changes nothing.
  await page.goto("/groups?q=club%07");
  await expect(page.getByRole("alert").filter({ hasText: "control characters" })).toBeVisible();
  await expect(cards(page)).toHaveCount(4);

  // The next page continues after a cursor (keyset; the demo has fewer groups than a page, so
  // the cursor is made here: after "Green champions"), with a way back to the first page.
  const after = Buffer.from(JSON.stringify(["Green champions", 2_147_483_647])).toString("base64url");
  await page.goto(`/groups?after=${after}`);
  await expect(cards(page)).toHaveText(["Hospital discharge taskforce", "Staff social club"]);
  await page.getByRole("link", { name: "← First page" }).click();
  await expect(cards(page)).toHaveCount(4);
});

test("G1 the webmaster sees every group, Secret among the filters, and may manage any group (G5)", async ({ page }) => {
  await signedIn(page, WEBMASTER);
  await page.goto("/groups?filter=secret");
  await expect(cards(page)).toHaveText([SECRET_NAME]);
  await page.getByRole("link", { name: SECRET_NAME }).click();
  await expect(page.getByRole("heading", { level: 1, name: SECRET_NAME })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(SECRET_NAME));
  await expect(page.getByRole("link", { name: "Manage group" })).toHaveAttribute("href", "/groups/restructure-2027/manage");
  await expect(page.getByRole("link", { name: SECRET_ITEM })).toBeVisible();
  await expectAccessible(page);
});

test("G1 G6 a public group's page to a non-member: members (admins first) and content, no Manage link", async ({ page }) => {
  await signedIn(page, STAFF);
  await page.goto("/groups/green-champions");
  await expect(page.getByRole("heading", { level: 1, name: "Green champions" })).toBeVisible();
  await expect(page).toHaveTitle(/Green champions/);
  await expect(page.getByRole("link", { name: "Litter pick at Northmoor Country Park" })).toBeVisible();
  const members = page.getByRole("region", { name: "Members" }).getByRole("listitem");
  await expect(members).toHaveCount(6);
  await expect(members.first()).toContainText("Ravi Patel");
  await expect(members.first()).toContainText("Admin");
  await expect(page.getByRole("link", { name: "Manage group" })).toHaveCount(0);
  await expectAccessible(page);
});

test("G1 a private group to a non-member: name, description and size, Members only; no content, no members", async ({ page }) => {
  await signedIn(page, STAFF);
  await page.goto("/groups/digital-transformation");
  await expect(page.getByRole("heading", { level: 1, name: "Digital transformation board" })).toBeVisible();
  await expect(page.getByText("Planning and prioritising the council's digital projects.")).toBeVisible();
  await expect(page.getByText("6 members")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Members only" })).toBeVisible();
  const html = await (await page.request.get("/groups/digital-transformation")).text();
  for (const hidden of ["Top priority for the 2027 digital roadmap", "Mei Chen", "Rhys Morgan"]) expect(html).not.toContain(hidden);
  await expectAccessible(page);
});

/**
 * The body with what differs between any two requests taken out: the CSP nonce, Next's
 * random per-request id (the keys of its metadata and viewport boundaries, "<id>m" and
 * "<id>v", in RSC payloads) and the slug asked for.
 */
async function normalised(response: APIResponse, slug: string): Promise<string> {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  let body = await response.text();
  if (nonce) body = body.split(nonce).join("NONCE");
  for (const id of new Set([...body.matchAll(/\\?"\$1\\?",\\?"([A-Za-z0-9_-]{21})[mv]\\?"/g)].map((m) => m[1]!))) body = body.split(id).join("REQUEST");
  return body.split(slug).join("SLUG");
}

test("C5 G1 a secret group to a non-member answers byte for byte as a group that does not exist (HTML and RSC)", async ({ page }) => {
  await signedIn(page, STAFF);
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const secret = await page.request.get("/groups/restructure-2027", { headers });
    const missing = await page.request.get("/groups/no-such-group", { headers });
    // The same status (404 for the page; Next's answer to an RSC request, whatever it is, the same for both).
    expect(secret.status(), JSON.stringify(headers)).toBe(missing.status());
    if (!("RSC" in headers)) expect(secret.status()).toBe(404);
    const body = await normalised(secret, "restructure-2027");
    expect(body).toBe(await normalised(missing, "no-such-group"));
    for (const hidden of [SECRET_NAME, "Confidential planning", SECRET_ITEM, "Priya Sharma"]) expect(body).not.toContain(hidden);
  }
  await page.goto("/groups/restructure-2027");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle(/Page not found/);
});

test("G6 the feed, a section and the item page link a group item to its group, and name a secret group to its members only", async ({ page }) => {
  await signedIn(page, STAFF);
  await page.goto("/feed");
  // The secret group's shared item, near the top: its section, no group (G1).
  const shared = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: SHARED_SECRET_ITEM }) });
  await expect(shared.getByRole("link", { name: "Human Resources" })).toBeVisible();
  await expect(shared).not.toContainText("in the group");
  const litter = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Litter pick at Northmoor Country Park" }) });
  for (let older = 0; older < 3 && !(await litter.count()); older++) await page.goto((await page.getByRole("link", { name: "Older →" }).getAttribute("href"))!);
  await expect(litter.getByRole("link", { name: "Green champions" })).toHaveAttribute("href", "/groups/green-champions");
  await litter.getByRole("link", { name: "Litter pick at Northmoor Country Park" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Litter pick at Northmoor Country Park" })).toBeVisible();
  await page.getByRole("link", { name: "Green champions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Green champions" })).toBeVisible();

  // Homed in the secret group, shared into HR: Owen reads it, but learns nothing of the group.
  await page.goto("/sections/hr");
  await page.getByRole("link", { name: SHARED_SECRET_ITEM }).click();
  await expect(page.getByRole("heading", { level: 1, name: SHARED_SECRET_ITEM })).toBeVisible();
  await expect(page.getByText("in the group")).toHaveCount(0);
  const itemUrl = page.url();
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const body = await (await page.request.get(itemUrl, { headers })).text();
    expect(body).not.toContain(SECRET_NAME);
    expect(body).not.toContain("restructure-2027");
  }
  await expectAccessible(page);

  // A member of the group sees where it lives.
  await page.context().clearCookies();
  await signedIn(page, SECRET_MEMBER);
  await page.goto(itemUrl);
  await expect(page.getByRole("link", { name: SECRET_NAME })).toHaveAttribute("href", "/groups/restructure-2027");
});

async function signedInPage(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname !== "/login");
  return { context, page };
}

test.describe("E5 G3 external people and the Groups switch", () => {
  test.describe.configure({ timeout: 240_000 });
  test.afterAll(stopAllServers);

  test("without the switch an external person sees only their own groups; with it, they browse like staff (never secret groups)", async ({ browser, isMobile }) => {
    test.skip(isMobile, "a server of its own: checked once, by the desktop project");
    const server = launch(MAIN_PORT + 35, {});
    try {
      await ready(server);
      const admin = await signedInPage(browser, server.baseURL, WEBMASTER);
      const external = await signedInPage(browser, server.baseURL, EXTERNAL);
      const page = external.page;

      await followMainNav(page, "Groups");
      await page.waitForURL("**/groups");
      await expect(cards(page)).toHaveText(["Hospital discharge taskforce"]);
      await expect(page.getByText("The groups you are a member of.")).toBeVisible();
      await expectAccessible(page);
      expect((await page.goto("/groups/hospital-discharge"))?.status()).toBe(200);
      await expect(page.getByRole("link", { name: "Discharge delays down by a third since October" })).toBeVisible();
      for (const slug of ["green-champions", "digital-transformation", "restructure-2027"]) expect((await page.goto(`/groups/${slug}`))?.status(), slug).toBe(404);

      const setGroups = async (on: boolean) => {
        await admin.page.goto("/admin/settings/external-access");
        const box = admin.page.getByRole("checkbox", { name: "Groups" });
        await (on ? box.check() : box.uncheck());
        // B4: what the switch gives or takes, before it is saved: the public groups' content, for external people.
        await expect(admin.page.getByTestId("impact-summary")).toContainText(
          on ? /Gives \d+ people \(\d+ external\) access to \d+ groups and \d+ published items\./ : /Removes access for \d+ people \(\d+ external\) to \d+ groups/,
        );
        await admin.page.getByRole("button", { name: "Save external access" }).click();
        await expect(admin.page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
      };

      await setGroups(true);
      await page.goto("/groups");
      await expect(cards(page)).toHaveText(["Digital transformation board", "Green champions", "Hospital discharge taskforce", "Staff social club"]);
      expect((await page.goto("/groups/green-champions"))?.status()).toBe(200);
      await expect(page.getByRole("link", { name: "Litter pick at Northmoor Country Park" })).toBeVisible();
      expect((await page.goto("/groups/digital-transformation"))?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "Members only" })).toBeVisible();
      expect((await page.goto("/groups/restructure-2027"))?.status()).toBe(404);

      await setGroups(false);
      expect((await page.goto("/groups/green-champions"))?.status()).toBe(404);
      await admin.context.close();
      await external.context.close();
    } finally {
      await stop(server);
    }
  });
});
