import { randomUUID } from "node:crypto";
import { anotherBrowser, expect as baseExpect, signIn, test, welcomedPerson } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * M4: a wrong current password, where a change asks for it again, is a failed sign-in.
 * The one that reaches the limit signs the person out everywhere, and the browser goes to
 * the sign-in page, which says why. A person of the test's own (the account stays locked
 * for the window, and every session of it ends).
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const PASSWORD = "rita-chose-this-one";
const LIMIT = 5; // lib/auth/sign-in.ts SIGN_IN_LIMITS.perAccount

test.setTimeout(300_000);
const expect = baseExpect.configure({ timeout: 30_000 });

test("M4: too many wrong current passwords sign the person out everywhere, and the sign-in page says why", async ({ page, browser }, testInfo) => {
  const tag = `t${randomUUID().slice(0, 8)}`;
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  const ritaContext = await anotherBrowser(browser, testInfo);
  try {
    const rita = await ritaContext.newPage();
    const person = await welcomedPerson(page, rita, { name: `Rita ${tag}`, email: `rita.${tag}@northmoor.example` }, PASSWORD);
    await signIn(rita, person.email, PASSWORD);
    await rita.waitForURL((url) => url.pathname === "/");
    await rita.goto("/me/security");

    const form = rita.getByRole("form", { name: "Change your password" });
    const attempt = async (n: number) => {
      await form.getByLabel("Current password").fill(`not my password ${n}`);
      await form.getByLabel("New password", { exact: true }).fill("a whole new passphrase");
      await form.getByLabel("New password again").fill("a whole new passphrase");
      await Promise.all([
        rita.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/me/security"),
        form.getByRole("button", { name: "Change password" }).click(),
      ]);
    };
    for (let n = 1; n < LIMIT; n++) {
      await attempt(n);
      await expect(fieldError(form, "Your current password is not right.")).toBeVisible();
    }
    await attempt(LIMIT);
    await rita.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("reason") === "too-many-passwords");
    await expect(rita.getByText("You have been signed out everywhere because your password was entered wrongly too many times.")).toBeVisible();

    // The session is over: the Security page now asks to sign in.
    await rita.goto("/me/security");
    await rita.waitForURL((url) => url.pathname === "/login");
  } finally {
    await ritaContext.close();
  }
});
