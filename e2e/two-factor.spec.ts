import { type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/org-file/demo";
import { base32Decode, timeStep, totpAt } from "../lib/auth/totp";
import { expect, expectAccessible, formError, openAccountMenu, pathOf, signIn, test } from "./fixtures";
import { errorSummary, fieldError, summaryLink } from "./form-errors";

/**
 * M4 two-factor sign-in and one's own password change ending the other sessions, end to
 * end. Each project signs in as its own people, whom no other spec uses, since these
 * change their accounts.
 */
const people = (isMobile: boolean) =>
  isMobile
    ? { enrols: "daniel.kowalski@northmoor.example", changesPassword: "mei.chen@northmoor.example" }
    : { enrols: "aisha.rahman@northmoor.example", changesPassword: "chloe.evans@northmoor.example" };

// Many steps, each checked with axe, on a shared two-core machine.
test.slow();

const codeFor = (secret: string, at: Date) => totpAt(base32Decode(secret), timeStep(at));

async function signOut(page: Page) {
  await openAccountMenu(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
}

test("M4: enrol with an app, sign in with a code, a used code is refused, a recovery code works once", { tag: "@smoke" }, async ({ page }, testInfo) => {
  const email = people(testInfo.project.use.isMobile === true).enrols;
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/");

  await page.goto("/me/security");
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page);

  // A wrong code and a wrong password are each told beside their field; nothing changes.
  await page.getByLabel("Code from your app").fill("000000");
  await page.getByLabel("Your password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(fieldError(page, "Your password is not right")).toBeVisible();
  await expectAccessible(page);

  const enrolledAt = new Date();
  await page.getByLabel("Code from your app").fill(codeFor(secret, enrolledAt));
  await page.getByLabel("Your password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list).toBeVisible();
  const recovery = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(recovery).toHaveLength(10);
  await expectAccessible(page);
  await signOut(page);

  // Password, then the app's code: the code used to enrol is refused (each code once).
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Check it is you" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Code from your authenticator app").fill(codeFor(secret, enrolledAt));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(formError(page)).toContainText("already been used");
  expect(pathOf(page)).toBe("/login");
  // No session was issued by the password alone.
  expect((await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"))).toBeUndefined();
  await expectAccessible(page);

  // The next time step's code is accepted (one step of drift allowed).
  const next = codeFor(secret, new Date(Date.now() + 30_000));
  await page.getByLabel("Code from your authenticator app").fill(next);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await signOut(page);

  // A recovery code signs in once.
  await signIn(page, email);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(recovery[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/me/security");
  await expect(page.getByText("You have 9 unused recovery codes")).toBeVisible();
  await signOut(page);

  await signIn(page, email);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(recovery[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(formError(page)).toContainText("already been used");

  // Turning it off asks for the password again.
  await page.getByLabel("Recovery code").fill(recovery[1]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/me/security");
  await page.getByRole("button", { name: "Turn off two-factor sign-in…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Your password", { exact: true }).fill("wrong password");
  await dialog.getByRole("button", { name: "Turn it off" }).click();
  // The form layer tells a wrong password beside its field and in the error summary, which
  // takes focus and links to the field (Q1 Q3).
  const dialogPassword = dialog.getByLabel("Your password", { exact: true });
  await expect(fieldError(dialog, "Your password is not right")).toBeVisible();
  await expect(dialogPassword).toHaveAttribute("aria-invalid", "true");
  await expect(errorSummary(dialog)).toBeFocused();
  await summaryLink(dialog, "Your password is not right").click();
  await expect(dialogPassword).toBeFocused();
  await expectAccessible(page);
  await dialogPassword.fill(DEMO_PASSWORD);
  await dialog.getByRole("button", { name: "Turn it off" }).click();
  await expect(page.getByRole("button", { name: "Set up two-factor sign-in" })).toBeVisible();
});

test("own password change: changing the password ends the other sessions and keeps this one", async ({ browser }, testInfo) => {
  const email = people(testInfo.project.use.isMobile === true).changesPassword;
  const here = await browser.newContext();
  const elsewhere = await browser.newContext();
  try {
    const page = await here.newPage();
    const other = await elsewhere.newPage();
    await signIn(page, email);
    await page.waitForURL((url) => url.pathname === "/");
    await signIn(other, email);
    await other.waitForURL((url) => url.pathname === "/");

    await page.goto("/me/security");
    // The page also has the e-mail change form, which asks for the current password too.
    const form = page.getByRole("form", { name: "Change your password" });
    await form.getByLabel("Current password").fill(DEMO_PASSWORD);
    await form.getByLabel("New password", { exact: true }).fill("short");
    await form.getByLabel("New password again").fill("short");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(fieldError(page, "Enter a new password of at least 12 characters")).toBeVisible();
    await expectAccessible(page);

    const newPassword = `a new passphrase for ${testInfo.project.name}`;
    await form.getByLabel("New password", { exact: true }).fill(newPassword);
    await form.getByLabel("New password again").fill(newPassword);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "password has been changed" })).toContainText("1 other session");

    // This session stays; the other one is signed out at its next request.
    await page.goto("/feed");
    expect(pathOf(page)).toBe("/feed");
    await other.goto("/feed");
    expect(pathOf(other)).toBe("/login");

    // The new password signs in, the old one no longer does.
    await signIn(other, email);
    await expect(formError(other)).toBeVisible();
    await signIn(other, email, newPassword);
    await other.waitForURL((url) => url.pathname === "/");
  } finally {
    await here.close();
    await elsewhere.close();
  }
});

test("M4: the authentication settings screen, for webmasters only; the IT support link shows on sign-in alerts", async ({ page }) => {
  await signIn(page, "owen.price@northmoor.example");
  await page.waitForURL((url) => url.pathname === "/");
  const refused = await page.goto("/admin/settings/authentication");
  expect(refused?.status()).toBe(403);
  await page.goto("/");
  await signOut(page);

  await signIn(page, "wendy.webb@northmoor.example");
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/admin/settings/authentication");
  await expect(page.getByRole("heading", { level: 1, name: "Authentication settings" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Nobody" })).toBeChecked();
  await expectAccessible(page);

  await page.getByLabel("IT support link").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(fieldError(page, "Enter a web address starting with https://")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("IT support link").fill("https://help.northmoor.example/sign-in");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Authentication settings saved.")).toBeVisible();
  await signOut(page);

  await signIn(page, "nobody-here@northmoor.example", "not-the-password");
  const alert = formError(page);
  await expect(alert).toContainText("email address or password is not right");
  await expect(alert.getByRole("link", { name: /Contact IT support/ })).toHaveAttribute("href", "https://help.northmoor.example/sign-in");
  await expectAccessible(page);
});
