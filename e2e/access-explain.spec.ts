import { type Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * B1: the access explainer, as a webmaster asks it about anything at /access/explain and a
 * section manager asks it on their section's manage page; people who run nothing have none.
 * Read-only: it asks, it changes nothing (demo data: lib/org-file/demo-org.json).
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const MANAGER = "sam.mensah@northmoor.example"; // manages Adult Social Care and the sections below it
const STAFF = "owen.price@northmoor.example"; // holds no role anywhere
const slow = { timeout: 30_000 };

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), slow);
}

/** Types into a labelled combobox and picks the option whose text starts with `option`. */
async function choose(page: Page, label: RegExp, typed: string, option: RegExp) {
  const box = page.getByRole("combobox", { name: label });
  await box.fill(typed);
  const match = page.getByRole("option", { name: option });
  await expect(match).toBeVisible(slow);
  await match.click();
}

test("@smoke B1 a webmaster asks why an external person can see a partner section, and why not another", async ({ page }) => {
  test.setTimeout(120_000);
  await signedIn(page, WEBMASTER);
  await page.goto("/access/explain");
  await expect(page.getByRole("heading", { level: 1, name: "Access explainer" })).toBeVisible();
  // Asking with nothing chosen says what to do, and goes nowhere.
  await page.getByRole("button", { name: "Explain" }).click();
  await expect(fieldError(page, "Choose a section, item, group or file from the list.")).toBeVisible();
  await expect(fieldError(page, "Choose a person from the list.")).toBeVisible();
  await expectAccessible(page);

  await choose(page, /^Section, item, group or file/, "Referrals", /^Referrals/);
  await choose(page, /^Person/, "Erin", /^Erin Cole/);
  await page.getByRole("button", { name: "Explain" }).click();
  await page.waitForURL(/\/access\/explain\?target=section%3A\d+&person=/, slow);
  const answer = page.getByTestId("explanation");
  await expect(answer.getByRole("heading", { level: 2 })).toHaveText("Yes: Erin Cole can view Referrals.");
  // The path in words: her team, added to the partnership's section, whose membership cascades down.
  await expect(answer).toContainText("Erin Cole is a member of team Riverside Care Partnership staff, which was added to Partner hub › Riverside Care Partnership; access there cascades to Partner hub › Riverside Care Partnership › Referrals.");
  const chain = answer.getByRole("list", { name: "As a chain" }).first();
  await expect(chain.getByRole("listitem")).toHaveText(["Erin Cole", "→team Riverside Care Partnership staff", "→Partner hub › Riverside Care Partnership", "→Partner hub › Riverside Care Partnership › Referrals"]);
  await expectAccessible(page);

  // Another section, chosen again: a refusal says what stops it and what would change that.
  await choose(page, /^Section, item, group or file/, "Practice guid", /^Practice guidance/);
  await page.getByRole("button", { name: "Explain" }).click();
  await expect(answer.getByRole("heading", { level: 2 })).toHaveText("No: Erin Cole cannot view Practice guidance.", slow);
  await expect(answer.getByRole("heading", { name: "What stops it" })).toBeVisible();
  await expect(answer).toContainText("Erin Cole is an external person, and external people see only the sections they are members of");
  await expect(answer.getByRole("listitem").filter({ hasText: "Add Erin Cole to Adult Social Care › Practice guidance as a member." })).toBeVisible();
  await expectAccessible(page);
});

test("B1 a section manager asks on the manage page why a colleague cannot see a restricted section, and opens it in the explainer", async ({ page }) => {
  test.setTimeout(120_000);
  await signedIn(page, MANAGER);
  await page.goto("/sections/asc-practice/manage");
  await page.getByText("Why can someone see this, or not?").click();
  const panel = page.getByRole("region", { name: "Who can see Practice guidance, and why" });
  await choose(page, /^Person/, "Owen Pri", /^Owen Price/);
  await expect(panel.getByRole("heading", { level: 3 }).first()).toHaveText("No: Owen Price cannot view Practice guidance.", slow);
  await expect(panel).toContainText("Adult Social Care › Practice guidance is restricted, and no membership of Owen Price's reaches it.");
  await expect(panel.getByText("Add Owen Price to Adult Social Care › Practice guidance as a member.")).toBeVisible();
  await expectAccessible(page);

  await panel.getByRole("link", { name: "Open this in the access explainer" }).click();
  await page.waitForURL(/\/access\/explain\?/, slow);
  await expect(page.getByTestId("explanation").getByRole("heading", { level: 2 })).toHaveText("No: Owen Price cannot view Practice guidance.");
  // What the manager does not run is not offered, and an address for it explains nothing.
  const target = page.getByRole("combobox", { name: /^Section, item, group or file/ });
  await target.fill("Winter serv");
  await expect(page.getByText("Nothing found")).toBeVisible(slow);
  await page.goto("/access/explain?target=section%3A999999&person=00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("status").filter({ hasText: "There is nothing to explain for that choice" })).toBeVisible();
  await expectAccessible(page);
});

test("B1 people who run no section or group have no explainer (403)", async ({ page }) => {
  await signedIn(page, STAFF);
  const response = await page.goto("/access/explain");
  expect(response?.status()).toBe(403);
});
