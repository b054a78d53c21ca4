import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { anotherBrowser, expectAccessible, expect as baseExpect, formError, pathOf, revealLinkOnMessagePage, signIn, test, welcomedPerson } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * P7 (M8): a forgotten password, as people do it. "Forgot your password?" on the sign-in
 * page; the page's answer is the same for an address with no account; the link (read
 * here from the outbox, as a webmaster would) sets a new password once, ends the
 * person's other sessions, and the old password stops working. Each project works on a
 * person it creates itself (through the webmaster's screens and a welcome link).
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const FIRST_PASSWORD = "the-first-password";
const NEW_PASSWORD = "a-new-password-after-forgetting";
const RESET_SUBJECT = "Set a new password for Portico";
const RESET_LINK = /\/reset-password\/[A-Za-z0-9_-]{43}/;

// Many pages, each checked with axe, on a shared two-core machine.
test.setTimeout(300_000);
const expect = baseExpect.configure({ timeout: 30_000 });

/** A person of this test's own, with FIRST_PASSWORD set through their welcome link (P3). */
const newPerson = (admin: Page, page: Page, tag: string) => welcomedPerson(admin, page, { name: `Fay ${tag}`, email: `fay.${tag}@northmoor.example` }, FIRST_PASSWORD);

/** The reset link mailed to `email`, read from the outbox; the mail is queued just after the page answers, so look again until it is there. */
async function resetLinkFor(admin: Page, email: string, count: number): Promise<string> {
  await expect(async () => {
    await admin.goto("/admin/outbox");
    await baseExpect(admin.getByRole("row").filter({ hasText: email }).filter({ hasText: RESET_SUBJECT })).toHaveCount(count, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await admin.getByRole("row").filter({ hasText: email }).getByRole("link", { name: RESET_SUBJECT }).first().click();
  await admin.waitForURL((url) => /^\/admin\/outbox\/\d+$/.test(url.pathname));
  const match = RESET_LINK.exec(await revealLinkOnMessagePage(admin));
  expect(match, "a reset link, revealed").not.toBeNull();
  return match![0];
}

/** Asks for a link on the "Forgot your password?" page; answers the confirmation's text with the address taken out. */
async function askForLink(page: Page, email: string): Promise<string> {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  const done = page.getByRole("heading", { level: 2, name: "Check your e-mail" });
  await expect(done).toBeVisible();
  return (await done.locator("..").innerText()).replace(email, "ADDRESS");
}

test("P7, M8: a person who forgot their password asks for a link, sets a new one with it, and is signed out everywhere else", async ({ page, browser }, testInfo) => {
  const tag = `t${randomUUID().slice(0, 8)}`;
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  const fayContext = await anotherBrowser(browser, testInfo);
  const laptopContext = await anotherBrowser(browser, testInfo);
  try {
    const fay = await fayContext.newPage();
    const person = await newPerson(page, fay, tag);
    // Signed in elsewhere (a laptop) before forgetting: that session ends with the reset.
    const laptop = await laptopContext.newPage();
    await signIn(laptop, person.email, FIRST_PASSWORD);
    await laptop.waitForURL((url) => url.pathname === "/");

    // From the sign-in page.
    await fay.goto("/login");
    await fay.getByRole("link", { name: "Forgot your password?" }).click();
    await fay.waitForURL((url) => url.pathname === "/forgot-password");
    await expect(fay.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
    await expectAccessible(fay);

    // A bad address is refused beside the field.
    await fay.getByLabel("Email").fill("not an address");
    await fay.getByRole("button", { name: "Send me a link" }).click();
    await expect(fieldError(fay, "Enter an email address in the correct format")).toBeVisible();
    await expectAccessible(fay);

    // The same answer whether or not the address has an account.
    const forNobody = await askForLink(fay, `nobody.${tag}@northmoor.example`);
    const forFay = await askForLink(fay, person.email);
    expect(forFay).toBe(forNobody);
    expect(forFay).toContain("If ADDRESS is the address of a Portico account, we have sent it an e-mail.");
    await expectAccessible(fay);

    // Two requests: the second link replaces the first.
    const replaced = await resetLinkFor(page, person.email, 1);
    await askForLink(fay, person.email);
    const link = await resetLinkFor(page, person.email, 2);
    expect(link).not.toBe(replaced);
    await fay.goto(replaced);
    await expect(fay.getByRole("heading", { level: 1, name: "This link has been replaced" })).toBeVisible();
    await expect(fay.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
    await expectAccessible(fay);

    // The link: the form, its rules, then the new password.
    await fay.goto(link);
    await expect(fay.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible();
    await expect(fay.getByText(person.email)).toBeVisible();
    await expectAccessible(fay);
    await fay.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await fay.getByLabel("Confirm the password").fill("something else entirely");
    await fay.getByRole("button", { name: "Set new password" }).click();
    await expect(fieldError(fay, "Enter the same password twice")).toBeVisible();
    await expectAccessible(fay);
    await fay.getByLabel("Confirm the password").fill(NEW_PASSWORD);
    await fay.getByRole("button", { name: "Set new password" }).click();
    await expect(fay.getByRole("heading", { level: 2, name: "Your new password is set" })).toBeVisible();
    await expectAccessible(fay);

    // Once only.
    await fay.goto(link);
    await expect(fay.getByRole("heading", { level: 1, name: "This link has been used" })).toBeVisible();
    await expectAccessible(fay);

    // The laptop's session has ended; the old password no longer works, the new one does.
    await laptop.goto("/feed");
    expect(pathOf(laptop)).toBe("/login");
    await signIn(fay, person.email, FIRST_PASSWORD);
    await expect(formError(fay)).toContainText("The email address or password is not right");
    await signIn(fay, person.email, NEW_PASSWORD);
    await fay.waitForURL((url) => url.pathname === "/");

    // M8: the requests and the reset are in the audit log, without the link.
    await page.goto(`/admin/audit?action=auth.password-reset`);
    for (const action of ["auth.password-reset.requested", "auth.password-reset.complete"]) {
      await expect(page.getByRole("row").filter({ hasText: action }).first()).toBeVisible();
    }
    await expect(page.getByText(link.split("/").pop()!)).toHaveCount(0);
  } finally {
    await fayContext.close();
    await laptopContext.close();
  }
});

test("P7: a link that is not one says so and offers a new one", async ({ page }) => {
  await page.goto(`/reset-password/${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "copied the whole address" })).toBeVisible();
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await page.waitForURL((url) => url.pathname === "/forgot-password");
  await expectAccessible(page);
});
