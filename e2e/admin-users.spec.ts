import { randomUUID } from "node:crypto";
import { type Page } from "@playwright/test";
import { anotherBrowser, createPerson, expectAccessible, expect as baseExpect, pathOf, searchPeople, signIn, test, tick, welcomeLinkFor } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * People administration (M1–M3): /admin/users (M1), bulk welcome e-mails with
 * the M2 skipping, the welcome link (P3), creating and editing people (M3) with P2's
 * External toggle, and blocking ending an open session (P3). Each test works on people
 * it creates itself (names carry a tag unique to the run and project).
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const STAFF = "owen.price@northmoor.example";
const EXTERNAL = "erin.cole@riverside-care.example";

// These walk through several pages each, with axe on most: give them room on a busy machine.
test.setTimeout(300_000);
const expect = baseExpect.configure({ timeout: 30_000 });

const newTag = () => `t${randomUUID().slice(0, 8)}`;

async function signInAsWebmaster(page: Page) {
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
}

test("M1: anyone but a webmaster gets the access-denied page, with no one's details", async ({ page }) => {
  for (const who of [STAFF, EXTERNAL]) {
    await signIn(page, who);
    await page.waitForURL((url) => url.pathname !== "/login");
    for (const url of ["/admin/users", "/admin/users?filter=blocked", "/admin/users/new"]) {
      const response = await page.goto(url);
      // Staff get the 403 page; external people are sent to the extranet before any admin page (E1).
      if (who === EXTERNAL) expect(pathOf(page), url).toBe("/extranet");
      else expect(response?.status(), url).toBe(403);
      const html = await page.content();
      expect(html).not.toContain("blake.moss@northmoor.example");
      expect(html).not.toContain("Tick everyone");
    }
    await page.context().clearCookies();
  }
});

test("M1: the table lists, filters, searches and sorts people", async ({ page }) => {
  await signInAsWebmaster(page);
  await page.goto("/admin/users");
  const table = page.getByRole("table", { name: /People, All people/ });
  for (const column of ["Name", "E-mail", "Audience", "Roles", "Status", "Last access"]) {
    await expect(table.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  await expectAccessible(page);
  // Other specs add people at the same time: a person is found by a search, not by their place in the list.
  await page.getByLabel("Search by name or e-mail").fill("wendy.webb");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === "wendy.webb");
  await expect(table.getByRole("row").filter({ hasText: "wendy.webb@northmoor.example" })).toContainText("Organisational, Webmaster");
  await page.getByLabel("Search by name or e-mail").fill("");

  await page.getByLabel("Show").selectOption("blocked");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => url.searchParams.get("filter") === "blocked");
  const blocked = page.getByRole("table", { name: /Blocked users/ });
  await expect(blocked.getByRole("row").filter({ hasText: "blake.moss@northmoor.example" })).toContainText("Blocked");
  await expect(blocked.getByRole("row").filter({ hasText: "wendy.webb" })).toHaveCount(0);

  await page.getByLabel("Show").selectOption("external");
  await page.getByLabel("Search by name or e-mail").fill("ERIN.COLE");
  await page.getByLabel("Sort by").selectOption("email");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === "ERIN.COLE");
  const rows = page.getByRole("table", { name: /External users/ }).getByRole("row");
  await expect(rows).toHaveCount(2); // the header and Erin
  await expect(rows.nth(1)).toContainText("erin.cole@riverside-care.example");
  await expect(rows.nth(1)).toContainText("External");

  await page.goto("/admin/users?filter=organisational&q=nobody-is-called-this");
  await expect(page.getByText("No people match.")).toBeVisible();
  await expectAccessible(page);
});

test("M1: keyset pages — a malformed cursor is the first page, and Next page continues", async ({ page }) => {
  await signInAsWebmaster(page);
  // By e-mail: people's last access moves while other specs sign in, which would move them between pages.
  await page.goto("/admin/users?sort=email&after=garbage");
  await expect(page.getByRole("table", { name: /People/ })).toBeVisible();
  const next = page.getByRole("navigation", { name: "People pages" }).getByRole("link", { name: "Next page →" });
  if (await next.count()) {
    const firstNames = await page.getByRole("table").getByRole("row").allInnerTexts();
    await next.click();
    // The first page's address already has after=garbage: wait for a real cursor and the new page.
    await page.waitForURL((url) => (url.searchParams.get("after") ?? "garbage") !== "garbage");
    await expect(page.getByRole("link", { name: "← First page" })).toBeVisible();
    await expect.poll(async () => (await page.getByRole("table").getByRole("row").allInnerTexts())[1]).not.toBe(firstNames[1]);
    const secondNames = await page.getByRole("table").getByRole("row").allInnerTexts();
    expect(secondNames.slice(1).some((r) => firstNames.includes(r))).toBe(false);
  }
});

test("M3, P2: create and edit a person; ticking External un-ticks the others; duplicate e-mails refused", { tag: "@smoke" }, async ({ page }) => {
  const tag = newTag();
  await signInAsWebmaster(page);
  await page.goto("/admin/users/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add a person" })).toBeVisible();
  await expectAccessible(page);

  const organisational = page.getByRole("checkbox", { name: "Organisational" });
  const webmaster = page.getByRole("checkbox", { name: "Webmaster" });
  const external = page.getByRole("checkbox", { name: "External" });
  await expect(external).toBeChecked();
  await webmaster.check();
  await expect(organisational).toBeChecked();
  await expect(external).not.toBeChecked();
  await external.check();
  await expect(organisational).not.toBeChecked();
  await expect(webmaster).not.toBeChecked();

  // Errors beside their fields, nothing created.
  await page.getByLabel("E-mail address").fill("Someone <x@example.org>");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(fieldError(page, "Enter the person’s name")).toBeVisible();
  await expect(fieldError(page, /Enter one e-mail address like name@example.org/)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Name").fill(`Quinn ${tag}`);
  await page.getByLabel("E-mail address").fill("WENDY.WEBB@northmoor.example");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(fieldError(page, "Someone else already uses this e-mail address")).toBeVisible();

  await page.getByLabel("E-mail address").fill(`quinn.${tag}@partners.example`);
  await page.getByLabel("Mobile number", { exact: true }).fill("+44 7700 900123");
  await page.getByRole("button", { name: "Add person" }).click();
  await page.waitForURL((url) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(url.pathname));
  await expect(page.getByRole("heading", { level: 1, name: `Quinn ${tag}` })).toBeVisible();
  await expect(page.getByText("Unauthorised")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "External" })).toBeChecked();
  await expectAccessible(page);

  await page.getByLabel("Name").fill(`Quinn Renamed ${tag}`);
  await page.getByRole("checkbox", { name: "Organisational" }).check();
  await expect(page.getByRole("checkbox", { name: "External" })).not.toBeChecked();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Quinn Renamed ${tag}` })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Organisational" })).toBeChecked();

  await searchPeople(page, tag, "organisational");
  await expect(page.getByRole("row").filter({ hasText: `quinn.${tag}@partners.example` })).toContainText("Unauthorised");
});

test("M2, P3: bulk welcome skips the blocked; the link sets a password once, then sign in", async ({ page, browser }, testInfo) => {
  const tag = newTag();
  const ann = { name: `Ann ${tag}`, email: `ann.${tag}@partners.example`, external: true };
  const bob = { name: `Bob ${tag}`, email: `bob.${tag}@partners.example`, external: true };
  await signInAsWebmaster(page);
  await createPerson(page, ann);
  await createPerson(page, bob);

  // Block Bob (confirmed first).
  await searchPeople(page, tag);
  await tick(page, bob.name);
  await page.getByRole("button", { name: "Block", exact: true }).click();
  const blockDialog = page.getByRole("dialog", { name: "Block these people?" });
  await expect(blockDialog).toContainText("cannot sign in");
  await expectAccessible(page);
  await blockDialog.getByRole("button", { name: "Block" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 person blocked." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: bob.email })).toContainText("Blocked");

  // Both ticked: the review says one gets it and why the other is skipped (M2).
  await page.getByRole("checkbox", { name: "Tick everyone on this page" }).check();
  await page.getByRole("button", { name: "Send welcome e-mail" }).click();
  const dialog = page.getByRole("dialog", { name: "Send welcome e-mail?" });
  await expect(dialog).toContainText("1 person will get a welcome e-mail.");
  await expect(dialog).toContainText("1 blocked person is skipped: welcome e-mails never go to blocked people.");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Send welcome e-mail" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Welcome e-mail queued for 1 person." })).toBeVisible();

  const firstLink = await welcomeLinkFor(page, ann.email);
  // Sending again supersedes the first link.
  await searchPeople(page, tag);
  await tick(page, ann.name);
  await page.getByRole("button", { name: "Send welcome e-mail" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send welcome e-mail" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Welcome e-mail queued for 1 person." })).toBeVisible();
  const link = await welcomeLinkFor(page, ann.email);
  expect(link).not.toBe(firstLink);
  // P3: the links were shown masked and revealed explicitly (welcomeLinkFor); Ann's page says so.
  await searchPeople(page, ann.email);
  await page.getByRole("link", { name: ann.name }).click();
  await page.waitForURL((url) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(url.pathname));
  await expect(page.getByText("the account was reset (password cleared, sessions ended) until its link is used")).toBeVisible();
  await expect(page.getByText(/, by .+, from the outbox$/)).toBeVisible();
  await page.goto("/admin/outbox");
  await expect(page.getByRole("row").filter({ hasText: bob.email })).toHaveCount(0);

  // Ann, in her own browser, not signed in.
  const context = await anotherBrowser(browser, testInfo);
  const annPage = await context.newPage();
  try {
    await annPage.goto(firstLink);
    await expect(annPage.getByRole("heading", { level: 1, name: "This link has been replaced" })).toBeVisible();
    await expect(annPage.getByText("Use the link in the most recent welcome e-mail.")).toBeVisible();
    await expectAccessible(annPage);

    await annPage.goto(link);
    await expect(annPage.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
    await expect(annPage.getByText(ann.email)).toBeVisible();
    await expectAccessible(annPage);
    await annPage.getByLabel("New password").fill("short");
    await annPage.getByLabel("Confirm the password").fill("short");
    await annPage.getByRole("button", { name: "Set password" }).click();
    await expect(fieldError(annPage, "Enter a password of at least 12 characters")).toBeVisible();
    // P3: long enough, but one of the most common passwords: refused by the server.
    await annPage.getByLabel("New password").fill("password1234");
    await annPage.getByLabel("Confirm the password").fill("password1234");
    await annPage.getByRole("button", { name: "Set password" }).click();
    await expect(annPage.getByText("This password is too easy to guess").first()).toBeVisible();
    await annPage.getByLabel("New password").fill("ann-chose-this");
    await annPage.getByLabel("Confirm the password").fill("ann-chose-this");
    await annPage.getByRole("button", { name: "Set password" }).click();
    await expect(annPage.getByRole("heading", { name: "Your password is set" })).toBeVisible();
    await expectAccessible(annPage);
    await annPage.getByRole("link", { name: "Sign in" }).click();
    await annPage.waitForURL((url) => url.pathname === "/login");
    await annPage.getByLabel("Email").fill(ann.email);
    await annPage.getByLabel("Password").fill("ann-chose-this");
    await annPage.getByRole("button", { name: "Sign in" }).click();
    await annPage.waitForURL((url) => url.pathname === "/extranet");

    await annPage.goto(link);
    await expect(annPage.getByRole("heading", { level: 1, name: "This link has been used" })).toBeVisible();
    await annPage.goto("/welcome/not-a-real-link");
    await expect(annPage.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
  } finally {
    await context.close();
  }

  // Ann is authorised now; from the Authorised users filter she is the only one it would reach.
  await searchPeople(page, tag, "authorised");
  await expect(page.getByRole("row").filter({ hasText: ann.email })).toContainText("Authorised");
  await expect(page.getByRole("row").filter({ hasText: bob.email })).toHaveCount(0);
});

test("P3: blocking through the table ends the person's open session at their next request", async ({ page, browser }, testInfo) => {
  const tag = newTag();
  const cy = { name: `Cy ${tag}`, email: `cy.${tag}@northmoor.example` };
  await signInAsWebmaster(page);
  await createPerson(page, cy);
  await searchPeople(page, tag);
  await tick(page, cy.name);
  await page.getByRole("button", { name: "Send welcome e-mail" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send welcome e-mail" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Welcome e-mail queued for 1 person." })).toBeVisible();
  const link = await welcomeLinkFor(page, cy.email);

  const context = await anotherBrowser(browser, testInfo);
  const cyPage = await context.newPage();
  try {
    await cyPage.goto(link);
    await cyPage.getByLabel("New password").fill("cy-password-1");
    await cyPage.getByLabel("Confirm the password").fill("cy-password-1");
    await cyPage.getByRole("button", { name: "Set password" }).click();
    await expect(cyPage.getByRole("heading", { name: "Your password is set" })).toBeVisible();
    await signIn(cyPage, cy.email, "cy-password-1");
    await cyPage.waitForURL((url) => url.pathname === "/");

    await searchPeople(page, tag);
    await tick(page, cy.name);
    await page.getByRole("button", { name: "Block", exact: true }).click();
    await page.getByRole("dialog", { name: "Block these people?" }).getByRole("button", { name: "Block" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 person blocked." })).toBeVisible();

    await cyPage.goto("/feed");
    expect(pathOf(cyPage)).toBe("/login");
    // Nor can they sign in again.
    await cyPage.getByLabel("Email").fill(cy.email);
    await cyPage.getByLabel("Password").fill("cy-password-1");
    await cyPage.getByRole("button", { name: "Sign in" }).click();
    await expect(cyPage.getByRole("alert").filter({ hasText: /blocked/i })).toBeVisible();
    expect(pathOf(cyPage)).toBe("/login");
  } finally {
    await context.close();
  }
});
