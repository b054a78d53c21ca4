import { type Browser, type Page, type TestInfo } from "@playwright/test";
import { anotherBrowser, expect, expectAccessible, signIn, test, welcomedPerson } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * G4 G8 P5 K5: the Queries app end to end. Each device makes its own team (a child of a demo
 * team, by the webmaster's admin steps) and its own people: a team admin, a team member and
 * an asker. The admin turns "Accepts queries" on, the asker asks, the member answers, the
 * asker accepts; the query shows resolved and the answer form is gone.
 */
const PASSWORD = "Queries-e2e-password-1";
const WEBMASTER = "wendy.webb@northmoor.example";

async function browserOf(browser: Browser, testInfo: TestInfo): Promise<Page> {
  return (await anotherBrowser(browser, testInfo)).newPage();
}

async function signedIn(page: Page, email: string) {
  await signIn(page, email, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 30_000 });
}

async function addMember(admin: Page, teamName: string, person: { name: string; email: string }) {
  const picker = admin.getByRole("combobox", { name: "People to add" });
  await picker.fill(person.email);
  const option = admin.getByRole("option", { name: new RegExp(person.name) });
  await expect(option).toBeVisible({ timeout: 15_000 });
  await option.click();
  await admin.getByRole("button", { name: "Continue" }).click();
  await admin.getByRole("button", { name: /^Add/ }).last().click();
  await expect(admin.getByRole("status").filter({ hasText: `1 person added to ${teamName}.` })).toBeVisible();
}

test("G8 P5: a team admin turns Accepts queries on, someone asks, a member answers, the asker accepts and the query is resolved", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const tag = `${testInfo.project.name.startsWith("phone") ? "p" : "d"}${Date.now().toString(36)}`;
  const teamName = `Queries desk ${tag}`;
  const people = {
    admin: { name: `Ada Desk-Admin ${tag}`, email: `ada.${tag}@queries-e2e.example` },
    member: { name: `Mel Desk-Member ${tag}`, email: `mel.${tag}@queries-e2e.example` },
    asker: { name: `Abe Asker ${tag}`, email: `abe.${tag}@queries-e2e.example` },
  };

  // Admin steps (the webmaster): three people, a team of their own with Ada as its admin and Mel a member.
  const web = page;
  await signIn(web, WEBMASTER);
  await web.waitForURL((url) => url.pathname === "/");
  const adaPage = await browserOf(browser, testInfo);
  const melPage = await browserOf(browser, testInfo);
  const abePage = await browserOf(browser, testInfo);
  await welcomedPerson(web, adaPage, people.admin, PASSWORD);
  await welcomedPerson(web, melPage, people.member, PASSWORD);
  await welcomedPerson(web, abePage, people.asker, PASSWORD);
  await web.goto("/teams/highways");
  await web.getByLabel("Name of the new team").fill(teamName);
  await web.getByRole("button", { name: "Create team" }).click();
  await expect(web.getByRole("heading", { level: 1, name: teamName })).toBeVisible({ timeout: 30_000 });
  const teamPath = new URL(web.url()).pathname;
  await addMember(web, teamName, people.admin);
  await addMember(web, teamName, people.member);
  const members = web.getByRole("table", { name: `Members of ${teamName}` });
  await members.getByRole("row").filter({ hasText: people.admin.name }).getByRole("button", { name: /Make admin/ }).click();
  await expect(web.getByRole("status").filter({ hasText: `${people.admin.name} is now an` })).toBeVisible();

  // Nobody may ask this team yet: the ask form does not offer it.
  await signedIn(abePage, people.asker.email);
  await abePage.goto("/queries/new");
  await expect(abePage.getByRole("heading", { level: 1, name: "Ask a query" })).toBeVisible();
  await expect(abePage.getByRole("option", { name: teamName })).toHaveCount(0);

  // The team admin turns it on from the team's page.
  await signedIn(adaPage, people.admin.email);
  await adaPage.goto(teamPath);
  const section = adaPage.getByRole("region", { name: "Queries" });
  await section.getByRole("checkbox", { name: "Accepts queries" }).check();
  await section.getByRole("button", { name: "Save" }).click();
  await expect(adaPage.getByText(`${teamName} now accepts queries.`)).toBeVisible();
  await expectAccessible(adaPage);

  // The asker asks: empty fields first (messages, nothing sent), then the query.
  await abePage.goto("/queries/new");
  await expect(abePage.getByText("Everyone who uses Queries can read your query and its answers")).toBeVisible();
  await abePage.getByRole("button", { name: "Ask query" }).click();
  await expect(fieldError(abePage, "Enter a title for your query")).toBeVisible();
  await expect(fieldError(abePage, "Write your question")).toBeVisible();
  await expectAccessible(abePage);
  const title = `Where do I park the van? ${tag}`;
  await abePage.getByLabel("Title").fill(title);
  await abePage.getByLabel("Your question").fill("The depot car park is closed this week.\nWhere should the van go?");
  await abePage.getByLabel("Team").selectOption({ label: teamName });
  await abePage.getByRole("button", { name: "Ask query" }).click();
  await expect(abePage.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 30_000 });
  const queryPath = new URL(abePage.url()).pathname;
  expect(queryPath).toMatch(/^\/queries\/[0-9a-f-]{36}$/);
  await expect(abePage.getByText("No answers yet.")).toBeVisible();
  await expect(abePage.getByRole("heading", { name: "Answer this query" })).toHaveCount(0);
  await expectAccessible(abePage);

  // The member finds it in their team's queue and answers.
  await signedIn(melPage, people.member.email);
  await melPage.goto("/queries?scope=queue");
  await expect(melPage.getByRole("heading", { level: 1, name: "Queries" })).toBeVisible();
  const row = melPage.getByRole("listitem").filter({ hasText: title });
  await expect(row).toContainText(`To ${teamName}`);
  await expect(row).toContainText(`asked by ${people.asker.name}`);
  await expect(row).toContainText("0 answers");
  await expect(row).toContainText("Open");
  await expectAccessible(melPage);
  await row.getByRole("link", { name: title }).click();
  await expect(melPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await melPage.getByLabel("Your answer").fill("Use the council yard on Mill Lane until Friday.");
  await melPage.getByRole("button", { name: "Post answer" }).click();
  await expect(melPage.getByText("Your answer is posted.")).toBeVisible();
  await expect(melPage.getByRole("listitem").filter({ hasText: "Use the council yard on Mill Lane" })).toContainText(people.member.name);
  await expectAccessible(melPage);

  // The asker accepts it: the query is resolved, the answer marked and first, no answer form.
  await abePage.goto(queryPath);
  const answer = abePage.getByRole("listitem").filter({ hasText: "Use the council yard on Mill Lane" });
  await answer.getByRole("button", { name: /Accept this answer/ }).click();
  const dialog = abePage.getByRole("dialog", { name: "Accept this answer?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(abePage);
  await dialog.getByRole("button", { name: "Accept and resolve" }).click();
  await expect(abePage.getByText(/This query was resolved on .*: an answer was accepted/)).toBeVisible();
  await expect(answer).toContainText("Accepted answer");
  await expect(abePage.getByRole("button", { name: /Accept this answer/ })).toHaveCount(0);
  await expectAccessible(abePage);

  // The member's page: resolved, and the answer form is gone.
  await melPage.reload();
  await expect(melPage.getByText(/This query was resolved/)).toBeVisible();
  await expect(melPage.getByRole("heading", { name: "Answer this query" })).toHaveCount(0);
  await expect(melPage.getByLabel("Your answer")).toHaveCount(0);
  await melPage.goto("/queries?status=resolved&scope=queue");
  await expect(melPage.getByRole("listitem").filter({ hasText: title })).toContainText("Resolved");
});
