import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Page } from "@playwright/test";
import { expect, expectAccessible, followMainNav, pathOf, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * P5 team administrators, E4/E5 who sees teams, S2 access through teams.
 * The desktop and phone projects run at the same time on one database, so each changes
 * its own team with its own people (demo data: lib/org-file/demo-org.json).
 */
const SCENARIOS = {
  desktop: {
    admin: "tara.adams@northmoor.example",
    team: { key: "highways", name: "Highways" },
    external: { search: "joy", name: "Joy Okeke" },
    grants: "Winter service",
    child: "Gritting Reserve Desktop",
  },
  phone: {
    admin: "lucy.hart@northmoor.example",
    team: { key: "volunteers", name: "Volunteers" },
    external: { search: "ashw", name: "Ben Ashworth" },
    grants: "Volunteers",
    child: "Volunteer Drivers Phone",
  },
} as const;

function scenario(projectName: string) {
  return SCENARIOS[projectName as keyof typeof SCENARIOS] ?? SCENARIOS.desktop;
}

async function signedIn(page: Page, email: string, home = "/") {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === home);
}

test("a team admin adds an external person with the picker after a review that names the consequence, removes a member with confirmation, and creates a child team (P5, S8)", { tag: "@smoke" }, async ({
  page,
}, testInfo) => {
  const s = scenario(testInfo.project.name.replace("-changes", ""));
  await signedIn(page, s.admin);

  // The Teams link and the tree with member counts.
  await followMainNav(page, "Teams");
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await expect(page).toHaveTitle(/^Teams/);
  await expect(page.getByRole("link", { name: s.team.name, exact: true })).toBeVisible();
  await expect(page.getByText(/\(\d+ members?\)/).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: s.team.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: s.team.name })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${s.team.name}`));
  const members = page.getByRole("table", { name: `Members of ${s.team.name}` });
  await expect(members).toBeVisible();
  await expectAccessible(page);

  // Pick an external person with the keyboard.
  const picker = page.getByRole("combobox", { name: "People to add" });
  await picker.fill(s.external.search);
  await expect(page.getByRole("status").filter({ hasText: /found/ })).toHaveText(/\d+ (people|person) found/);
  const option = page.getByRole("option", { name: new RegExp(s.external.name) });
  await expect(option).toBeVisible();
  await expect(option).toContainText("External");
  await expectAccessible(page);
  await option.click();
  await expect(page.getByRole("button", { name: `Remove ${s.external.name}`, exact: true })).toBeVisible();
  await expect(picker).toHaveValue("");
  // Already-picked people are not offered again.
  await picker.fill(s.external.search);
  await expect(page.getByRole("status").filter({ hasText: /found/ })).toBeVisible();
  await expect(page.getByRole("option", { name: new RegExp(s.external.name) })).toHaveCount(0);
  await picker.fill("");

  await page.getByRole("button", { name: "Continue" }).click();
  const review = page.getByRole("heading", { name: new RegExp(`Check before adding 1 person to ${s.team.name}`) });
  await expect(review).toBeFocused();
  await expect(page.getByText(`${s.external.name} is an external person.`)).toBeVisible();
  await expect(page.getByText(new RegExp(`access to view every section ${s.team.name} is a member of`))).toBeVisible();
  await expect(page.getByRole("form", { name: `Add members to ${s.team.name}` }).getByRole("link", { name: s.grants, exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add and give access" }).click();
  await expect(page.getByRole("status").filter({ hasText: `1 person added to ${s.team.name}.` })).toBeVisible();
  const row = members.getByRole("row").filter({ hasText: s.external.name });
  await expect(row).toBeVisible();
  await expect(row).toContainText("External");

  // Remove them again, with confirmation; Cancel first changes nothing.
  await row.getByRole("button", { name: `Remove ${s.external.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${s.external.name} from ${s.team.name}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Remove ${s.external.name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove from team" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${s.external.name} was removed from ${s.team.name}.` })).toBeVisible();
  await expect(members.getByRole("row").filter({ hasText: s.external.name })).toHaveCount(0);

  // Bad input gets a message beside the field (Q3), then a child team is created.
  const childName = page.getByLabel("Name of the new team");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(fieldError(page, "Enter a name for the team")).toBeVisible();
  await childName.fill(s.child);
  await page.getByRole("button", { name: "Create team" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/teams/") && !url.pathname.endsWith(`/${s.team.key}`));
  await expect(page.getByRole("heading", { level: 1, name: s.child })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${s.child}`));
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: s.team.name })).toBeVisible();
  // The parent's admin manages the new team (admins of a team above manage it, P5).
  await expect(page.getByRole("heading", { name: "Add members" })).toBeVisible();
  await expect(page.getByText("This team has no members yet.")).toBeVisible();
  await expectAccessible(page);
});

/** The id Next gave a server action, from the build's manifest (to call it as a browser would). */
function actionId(name: string): string {
  const file = path.resolve(".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === name && v.filename?.includes("lib/teams/actions"));
  if (!entry) throw new Error(`no server action ${name} in the build`);
  return entry[0];
}

test("someone who is not a team admin sees the team but no controls, and a direct action call is refused (P5)", async ({ page }, testInfo) => {
  test.skip(!existsSync(".next/server/server-reference-manifest.json"), "needs the production build");
  await signedIn(page, "owen.price@northmoor.example");
  await page.goto("/teams/roads-north");
  await expect(page.getByRole("heading", { level: 1, name: "Roads North" })).toBeVisible();
  const members = page.getByRole("table", { name: "Members of Roads North" });
  await expect(members.getByRole("row").filter({ hasText: "Grace Adeyemi" })).toContainText("Admin");
  await expect(page.getByRole("heading", { name: "Add members" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Edit team" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove|Make admin/ })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("combobox")).toHaveCount(0); // the header's search box is one
  await expectAccessible(page);
  if (testInfo.project.use.isMobile) return; // the refusal does not depend on the viewport

  // Owen calls "remove member" on his own team directly, as a hand-made request would.
  const rsc = await (await page.request.get("/teams/roads-north", { headers: { RSC: "1" } })).text();
  const teamId = Number(rsc.match(/"teamId":(\d+)/)?.[1]);
  const grace = rsc.match(/"id":"([0-9a-f-]{36})","name":"Grace Adeyemi"/)?.[1];
  expect(teamId).toBeGreaterThan(0);
  expect(grace).toBeTruthy();
  const response = await page.request.post("/teams/roads-north", {
    headers: { "Next-Action": actionId("removeTeamMemberAction"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify([{ teamId, personId: grace }]),
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("You do not have permission to do this.");
  await page.reload();
  await expect(members.getByRole("row").filter({ hasText: "Grace Adeyemi" })).toBeVisible();
});

test("external people have no Teams directory unless they administer a team (E4, E5)", async ({ page }) => {
  await signedIn(page, "erin.cole@riverside-care.example", "/extranet");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" })).toHaveCount(0);
  const response = await page.goto("/teams");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
  const team = await page.goto("/teams/riverside-partnership");
  expect(team?.status()).toBe(403);
  expect(await page.content()).not.toContain("Marta Silva");
  expect(pathOf(page)).toBe("/teams/riverside-partnership");
});

test("an external team admin opens the team she administers, and only that (P5, E5)", async ({ page }) => {
  await signedIn(page, "margaret.hughes@volunteers.example", "/extranet");
  await followMainNav(page, "Teams");
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await expect(page).toHaveTitle(/^Teams/);
  // Her team (and any child team another test is creating under it right now), nothing else.
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Volunteers", exact: true })).toBeVisible();
  for (const other of ["Highways", "Human Resources", "Adult Social Care", "Riverside Care Partnership staff", "Digital & IT"]) {
    await expect(main.getByRole("link", { name: other })).toHaveCount(0);
  }
  await expectAccessible(page);
  await page.getByRole("main").getByRole("link", { name: "Volunteers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Volunteers" })).toBeVisible();
  await expect(page).toHaveTitle(/^Volunteers/);
  await expect(page.getByRole("heading", { name: "Add members" })).toBeVisible();
  // Without the Users switch (E4) she cannot browse people by name, only add a known e-mail.
  const picker = page.getByRole("combobox", { name: "People to add" });
  await picker.fill("owen");
  await expect(page.getByRole("status").filter({ hasText: /found/ })).toHaveText("No one found");
  await picker.fill("owen.price@northmoor.example");
  await expect(page.getByRole("option", { name: /Owen Price/ })).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto("/teams/highways"))?.status()).toBe(403);
});
