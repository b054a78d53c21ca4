import type { Page, Response } from "@playwright/test";
import { anotherBrowser, expect, expectAccessible, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";
import { scenarioFor } from "./scenarios";

/**
 * G1 G5 S8 E5: creating a group, a request approved, an external person invited (with
 * S8's confirmation) who accepts, leaving, the last admin refused, deletion confirmed by
 * the group's name. Desktop and phone run at once on one database, so each has its own
 * group and people (demo data: lib/org-file/demo-org.json).
 */
const SCENARIOS = {
  desktop: {
    creator: { email: "grace.adeyemi@northmoor.example", name: "Grace Adeyemi" },
    requester: { email: "tomasz.nowak@northmoor.example", name: "Tomasz Nowak" },
    external: { email: "tom.fielding@volunteers.example", name: "Tom Fielding", search: "fielding" },
    group: { name: "Allotment Growers Desktop", slug: "allotment-growers-desktop" },
  },
  phone: {
    creator: { email: "joseph.mwangi@northmoor.example", name: "Joseph Mwangi" },
    requester: { email: "jonathan.reid@northmoor.example", name: "Jonathan Reid" },
    external: { email: "yusuf.demir@riverside-care.example", name: "Yusuf Demir", search: "demir" },
    group: { name: "Allotment Growers Phone", slug: "allotment-growers-phone" },
  },
} as const;

const scenario = (projectName: string) => scenarioFor(SCENARIOS, projectName);
const slow = { timeout: 30_000 }; // many pages on a shared two-core machine

async function signedIn(page: Page, email: string, home: string) {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === home, slow);
}

test("a group is created, a request approved, an external person invited with S8 who accepts, a member leaves, the last admin cannot, the group turns secret, and is deleted by its name (G1 G5 S8)", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const s = scenario(testInfo.project.name);
  const manage = `/groups/${s.group.slug}/manage`;
  // The group page carries the membership controls (G1 G5).
  const membership = `/groups/${s.group.slug}`;

  // G5: an organisational person creates a private group and is its first admin.
  await signedIn(page, s.creator.email, "/");
  await page.goto("/groups/new");
  await expect(page.getByRole("heading", { level: 1, name: "New group" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Name").fill(s.group.name);
  await expect(page.getByText(`Its web address will be /groups/${s.group.slug}`)).toBeVisible();
  await page.getByLabel("Description").fill("Seeds, swaps and Saturday digs.");
  await page.getByRole("radio", { name: "Private" }).check();
  await page.getByRole("button", { name: "Create group" }).click();
  await page.waitForURL((url) => url.pathname === manage, slow);
  await expect(page.getByRole("heading", { level: 1, name: `Manage ${s.group.name}` })).toBeVisible();
  await expect(page.getByText("The group was created, and you are its admin.")).toBeVisible();
  await expect(page.getByRole("table", { name: `Admins of ${s.group.name}` })).toContainText(s.creator.name);
  await expectAccessible(page);

  // G1: another organisational person asks to join, with a message.
  const requesterContext = await anotherBrowser(browser, testInfo);
  const requester = await requesterContext.newPage();
  await signedIn(requester, s.requester.email, "/");
  await requester.goto(membership);
  await expect(requester.getByRole("heading", { level: 1, name: s.group.name })).toBeVisible();
  await requester.getByRole("button", { name: "Request to join" }).click();
  await requester.getByLabel("Message to the group's admins").fill("I have a spare plot of rhubarb.");
  await expectAccessible(requester);
  await requester.getByRole("button", { name: "Send request" }).click();
  await expect(requester.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible(slow);
  await expect(requester.getByRole("button", { name: "Cancel request" })).toBeVisible();

  // G5: the admin sees the request with its message and approves it.
  await page.reload();
  const requests = page.getByRole("region", { name: "Requests to join" });
  await expect(requests).toContainText(s.requester.name);
  await expect(requests).toContainText("I have a spare plot of rhubarb.");
  await requests.getByRole("button", { name: `Approve ${s.requester.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${s.requester.name}'s request was approved.` })).toBeVisible(slow);
  await expect(page.getByRole("table", { name: `Members of ${s.group.name}` })).toContainText(s.requester.name, slow);

  // G5 S8: inviting an external person needs the confirmation that names the consequence.
  const invitations = page.getByRole("region", { name: "Invitations" });
  await invitations.getByRole("button", { name: "+ Invite people" }).click();
  const picker = page.getByRole("combobox", { name: "People to invite" });
  await picker.fill(s.external.search);
  const option = page.getByRole("option", { name: new RegExp(s.external.name) });
  await expect(option).toBeVisible(slow);
  await option.click();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Check before inviting" })).toBeFocused();
  await expect(page.getByText(`${s.external.name} is an external user.`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByText("Tick the box to confirm that you are giving external users access").first()).toBeVisible();
  await page.getByRole("checkbox", { name: /you are giving the selected users access to view this group and its content/ }).check();
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invited 1 person to ${s.group.name}` })).toBeVisible(slow);
  await expect(invitations).toContainText(s.external.name);

  // G5: the external person finds the invitation in the site and accepts it.
  const externalContext = await anotherBrowser(browser, testInfo);
  const external = await externalContext.newPage();
  await signedIn(external, s.external.email, "/extranet");
  await external.goto("/groups/invitations");
  await expect(external.getByRole("heading", { level: 1, name: "Invitations and requests" })).toBeVisible();
  await expect(external.getByRole("link", { name: s.group.name })).toBeVisible();
  await expectAccessible(external);
  await external.getByRole("button", { name: "Accept invitation" }).click();
  await expect(external.getByRole("status").filter({ hasText: `You have joined ${s.group.name}.` })).toBeVisible(slow);
  await external.goto(membership);
  await expect(external.getByText(`You are a member of ${s.group.name}.`)).toBeVisible();
  await externalContext.close();

  // A member leaves.
  await requester.goto(membership);
  await expect(requester.getByText(`You are a member of ${s.group.name}.`)).toBeVisible();
  await requester.getByRole("button", { name: "Leave group" }).click();
  await requester.getByRole("dialog").getByRole("button", { name: "Leave", exact: true }).click();
  await expect(requester.getByRole("status").filter({ hasText: `You have left ${s.group.name}.` })).toBeVisible(slow);
  await requesterContext.close();

  // G5: the only admin cannot leave.
  await page.goto(membership);
  await expect(page.getByText("You are its only admin")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Leave group" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Leave", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText(/only admin, so you cannot leave it/, slow);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // G1: a change of visibility says what it hides, and is confirmed.
  await page.goto(manage);
  const settings = page.getByRole("region", { name: "Settings" });
  await settings.getByRole("radio", { name: "Secret" }).check();
  await expect(settings.getByText(/private → secret: .*disappears from the directory and search for non-members/)).toBeVisible();
  // B4: measured, not only said: no one gains or loses reading its content.
  await expect(settings.getByTestId("impact-summary")).toContainText("No one gains or loses reading the group's content");
  await settings.getByRole("button", { name: "Save visibility" }).click();
  await expect(fieldError(settings, "Tick the box to confirm the change of visibility")).toBeVisible();
  await settings.getByRole("checkbox", { name: "I understand what this change exposes or hides." }).check();
  await expectAccessible(page);
  await settings.getByRole("button", { name: "Save visibility" }).click();
  await expect(settings.getByRole("status").filter({ hasText: "Saved: the group is now secret." })).toBeVisible(slow);
  await expect(page.getByText(/^Secret group ·/)).toBeVisible(slow);

  // G5: deleting needs the group's name typed; then its pages are gone (404).
  const deletion = page.getByRole("region", { name: "Delete the group" });
  await deletion.getByLabel(/Type the group's name/).fill("Allotment");
  await deletion.getByRole("button", { name: "Delete the group" }).click();
  await expect(fieldError(deletion, /Type the group's name exactly as shown/)).toBeVisible(slow);
  await deletion.getByLabel(/Type the group's name/).fill(s.group.name);
  await deletion.getByRole("button", { name: "Delete the group" }).click();
  await page.waitForURL((url) => url.pathname === "/groups", slow);
  const gone = await page.goto(manage);
  expect(gone?.status()).toBe(404);
});

test("C5 E5 the manage page: 404 for a secret group's outsider exactly as for no group, 403 for a member, /groups/new 403 for external people", async ({ page, browser }, testInfo) => {
  // Demo data: restructure-2027 is secret (Priya Sharma admin); digital-transformation is private with Ravi Patel a member.
  await signedIn(page, "ravi.patel@northmoor.example", "/");
  // The same page, byte for byte, once the address typed and each response's own CSP nonce are set aside.
  const same = async (response: Response | null, slug: string) => {
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    return (await response!.text()).replaceAll(slug, "SLUG").replaceAll(nonce!, "NONCE");
  };
  const secret = await page.goto("/groups/restructure-2027/manage");
  expect(secret?.status()).toBe(404);
  const secretHtml = await same(secret, "restructure-2027");
  const missing = await page.goto("/groups/no-such-group-at-all/manage");
  expect(missing?.status()).toBe(404);
  expect(secretHtml).not.toContain("Restructure");
  expect(secretHtml).toEqual(await same(missing, "no-such-group-at-all"));
  const member = await page.goto("/groups/digital-transformation/manage");
  expect(member?.status()).toBe(403);
  await expectAccessible(page);

  const externalContext = await anotherBrowser(browser, testInfo);
  const external = await externalContext.newPage();
  await signedIn(external, "erin.cole@riverside-care.example", "/extranet");
  const create = await external.goto("/groups/new");
  expect(create?.status()).toBe(403);
  await externalContext.close();
});
