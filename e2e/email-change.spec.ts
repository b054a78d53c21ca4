import { randomUUID } from "node:crypto";
import { type Page } from "@playwright/test";
import { anotherBrowser, expectAccessible, expect as baseExpect, formError, linkInMail, pathOf, signIn, test, welcomedPerson } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * Own e-mail change (M8): a person changes their own e-mail address on their Security
 * page — the current password again, a link to the NEW address (read here from the
 * outbox, as a webmaster would), and only following that link, signed in, changes it;
 * then the other sessions end and a notice goes to the OLD address. Each project works on
 * a person it creates itself (through the webmaster's screens and a welcome link).
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const PASSWORD = "eli-chose-this-one";
const CONFIRM_SUBJECT = "Confirm your new e-mail address for Portico";
const CONFIRM_LINK = /\/me\/security\/email\/[A-Za-z0-9_-]{43}/;

// Many pages, each checked with axe, on a shared two-core machine.
test.setTimeout(300_000);
const expect = baseExpect.configure({ timeout: 30_000 });

/** A person of this test's own, with PASSWORD set through their welcome link (P3). */
const newPerson = (admin: Page, page: Page, tag: string) => welcomedPerson(admin, page, { name: `Eli ${tag}`, email: `eli.${tag}@northmoor.example` }, PASSWORD);

async function ask(page: Page, newEmail: string, password = PASSWORD) {
  const form = page.getByRole("form", { name: "Change your e-mail address" });
  await form.getByLabel("New e-mail address").fill(newEmail);
  await form.getByLabel("Current password").fill(password);
  await form.getByRole("button", { name: "Send confirmation link" }).click();
  return form;
}

test("own e-mail change (M8): a person changes their own e-mail address through a link sent to the new one", async ({ page, browser }, testInfo) => {
  const tag = `t${randomUUID().slice(0, 8)}`;
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  const eliContext = await anotherBrowser(browser, testInfo);
  const confirmContext = await anotherBrowser(browser, testInfo);
  try {
    const eli = await eliContext.newPage();
    const person = await newPerson(page, eli, tag);
    await signIn(eli, person.email, PASSWORD);
    await eli.waitForURL((url) => url.pathname === "/");

    await eli.goto("/me/security");
    await expect(eli.getByRole("heading", { level: 2, name: "Change your e-mail address" })).toBeVisible();
    await expect(eli.getByText(`You sign in with ${person.email}`)).toBeVisible();
    await expectAccessible(eli);

    // Refusals, each beside its field; nothing is sent.
    let form = await ask(eli, `eli.new.${tag}@partners.example`, "not my password");
    await expect(fieldError(form, "Your current password is not right. Nothing was changed.")).toBeVisible();
    await expectAccessible(eli);
    form = await ask(eli, person.email.toUpperCase());
    await expect(fieldError(form, "This is already your e-mail address.")).toBeVisible();
    form = await ask(eli, WEBMASTER.toUpperCase());
    await expect(fieldError(form, "Someone else already uses this e-mail address")).toBeVisible();
    for (const bad of [`eli.new.${tag}@partners.example, someone@partners.example`, `"eli ${tag}"@partners.example`]) {
      form = await ask(eli, bad);
      await expect(fieldError(form, /Enter one e-mail address like name@example.org/)).toBeVisible();
    }
    await expectAccessible(eli);

    // Two requests: the second replaces the first.
    const first = `eli.first.${tag}@partners.example`;
    const wanted = `eli.new.${tag}@partners.example`;
    form = await ask(eli, first);
    await expect(eli.getByRole("status").filter({ hasText: `We sent a link to ${first}.` })).toBeVisible();
    form = await ask(eli, wanted);
    await expect(eli.getByRole("status").filter({ hasText: `We sent a link to ${wanted}.` })).toBeVisible();
    await expect(eli.getByText(`A link to confirm ${wanted} is waiting in that mailbox`)).toBeVisible();
    await expectAccessible(eli);

    const replaced = await linkInMail(page, first, CONFIRM_SUBJECT, CONFIRM_LINK);
    const link = await linkInMail(page, wanted, CONFIRM_SUBJECT, CONFIRM_LINK);
    // Nothing went to the old address yet.
    await page.goto("/admin/outbox");
    await expect(page.getByRole("row").filter({ hasText: person.email }).filter({ hasText: "e-mail address has been changed" })).toHaveCount(0);

    await eli.goto(replaced);
    await expect(eli.getByRole("heading", { level: 1, name: "This link has been replaced" })).toBeVisible();
    await expectAccessible(eli);

    // Opened in another browser, signed out: sign in first (with the current address), then back to the link.
    const other = await confirmContext.newPage();
    await other.goto(link);
    await other.waitForURL((url) => url.pathname === "/login");
    await other.getByLabel("Email").fill(person.email);
    await other.getByLabel("Password").fill(PASSWORD);
    await other.getByRole("button", { name: "Sign in", exact: true }).click();
    await other.waitForURL((url) => url.pathname.startsWith("/me/security/email/"));
    await expect(other.getByRole("heading", { level: 1, name: "Confirm your new e-mail address" })).toBeVisible();
    await expect(other.getByText(wanted)).toBeVisible();
    await expectAccessible(other);
    await other.getByRole("button", { name: "Use this e-mail address" }).click();
    await expect(other.getByRole("status").filter({ hasText: "Your e-mail address has been changed" })).toContainText("signed out everywhere else (1 other session)");
    await expectAccessible(other);

    // The other session has ended; this one stays, with the new address.
    await eli.goto("/me/security");
    expect(pathOf(eli)).toBe("/login");
    await other.goto("/me/security");
    await expect(other.getByText(`You sign in with ${wanted}`)).toBeVisible();
    await other.goto(link);
    await expect(other.getByRole("heading", { level: 1, name: "This link has been used" })).toBeVisible();

    // The notice went to the old address; the old address no longer signs in, the new one does.
    await page.goto("/admin/outbox");
    await expect(page.getByRole("row").filter({ hasText: person.email }).getByRole("link", { name: "Your Portico e-mail address has been changed" })).toBeVisible();
    await signIn(eli, person.email, PASSWORD);
    await expect(formError(eli)).toContainText("The email address or password is not right");
    await signIn(eli, wanted, PASSWORD);
    await eli.waitForURL((url) => url.pathname === "/");

    // M8: the request, the refused password and the change are in the audit log.
    await page.goto(`/admin/audit?action=auth.email-change&actor=${encodeURIComponent(person.email)}`);
    for (const action of ["auth.email-change.request", "auth.email-change.confirm"]) {
      await expect(page.getByRole("row").filter({ hasText: action }).first()).toBeVisible();
    }
    // A wrong current password is recorded as a failed re-check (M4, lib/auth/recheck.ts).
    await page.goto(`/admin/audit?action=auth.password-recheck&actor=${encodeURIComponent(person.email)}`);
    await expect(page.getByRole("row").filter({ hasText: "auth.password-recheck.failed" }).first()).toBeVisible();
  } finally {
    await eliContext.close();
    await confirmContext.close();
  }
});
