import { DEMO_SIGN_INS } from "../lib/org-file/demo";
import { expect, expectAccessible, formError, openAccountMenu, pathOf, signIn, test } from "./fixtures";
import { fieldError, summaryLink } from "./form-errors";

const landing = DEMO_SIGN_INS.filter((d) => d.lands !== null);
const blocked = DEMO_SIGN_INS.find((d) => d.lands === null)!;

test("the sign-in page is accessible and labelled (Q1)", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  await expectAccessible(page);
});

test("signed out, every portal page sends you to sign in, and you come back after", async ({ page }) => {
  await page.goto("/feed");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ffeed$/);
  await page.getByLabel("Email").fill(landing[0]!.email);
  await page.getByLabel("Password").fill("portico-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/feed$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your feed" })).toBeVisible();
});

for (const person of landing) {
  test(`${person.role} signs in and lands on ${person.lands} (E1)`, { tag: "@smoke" }, async ({ page }) => {
    await signIn(page, person.email);
    await page.waitForURL((url) => url.pathname === person.lands);
    const heading = person.lands === "/extranet" ? "Extranet home" : "Intranet home";
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expectAccessible(page);

    await page.goto("/feed");
    await expect(page.getByRole("heading", { level: 1, name: "Your feed" })).toBeVisible();
    await expectAccessible(page);

    // E1: an external person asking for an intranet-only page lands on the extranet home.
    await page.goto("/");
    expect(pathOf(page)).toBe(person.lands);

    // The session cookie: HttpOnly and SameSite=Lax (not Secure on plain-http loopback).
    const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
  });
}

test("the blocked person is refused with a clear message (P3)", async ({ page }) => {
  await signIn(page, blocked.email);
  await expect(formError(page)).toContainText("blocked");
  expect(pathOf(page)).toBe("/login");
  await expectAccessible(page);
  await page.goto("/");
  expect(pathOf(page)).toBe("/login");
});

test("wrong credentials get one message, in the error summary, that does not reveal which accounts exist (Q1)", async ({ page }) => {
  await signIn(page, "owen.price@northmoor.example", "not-the-password");
  const alert = formError(page);
  await expect(alert).toBeFocused();
  // The summary's one entry links to the e-mail field; neither field is marked as the wrong one.
  const link = summaryLink(page, "The email address or password is not right. Check them and try again.");
  await expect(link).toBeVisible();
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).not.toHaveAttribute("aria-invalid", "true");
  const known = await alert.textContent();
  await expectAccessible(page);
  await link.click();
  await expect(page.getByLabel("Email")).toBeFocused();
  await signIn(page, "nobody-here@northmoor.example", "not-the-password");
  await expect(formError(page)).toBeFocused();
  expect(await formError(page).textContent()).toBe(known);
});

test("the form says what is missing beside each field and lists it in the error summary, which takes focus (Q1 Q3)", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formError(page)).toBeFocused();
  await expect(fieldError(page, "Enter your email address")).toBeVisible();
  await expect(fieldError(page, "Enter your password")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // Each error is a link to its field, in the order of the fields.
  await expect(formError(page).getByRole("listitem")).toHaveText(["Enter your email address", "Enter your password"]);
  await summaryLink(page, "Enter your password").click();
  await expect(page.getByLabel("Password")).toBeFocused();
});

test("callbackUrl only ever leads to this site", async ({ page }) => {
  await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2Fphish");
  await page.getByLabel("Email").fill("tara.adams@northmoor.example");
  await page.getByLabel("Password").fill("portico-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "sam.mensah@northmoor.example");
  await page.waitForURL((url) => url.pathname === "/");
  await openAccountMenu(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out-by-you/);
  await page.goto("/feed");
  expect(pathOf(page)).toBe("/login");
});
