import { randomUUID } from "node:crypto";
import { type Page, request as playwrightRequest } from "@playwright/test";
import { anotherBrowser, expectAccessible, expect as baseExpect, openAccountMenu, signIn, signInOverHttp, test, welcomeLinkFor } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * E3: everyone edits their own profile and uploads (and removes) a profile image; E4: the
 * image is refused to an external person who may not view the profile. The person is
 * created here by a webmaster (with an organisation only webmasters set, M3), welcomed,
 * and sets a password, so no other spec depends on them.
 */
const WEBMASTER = "wendy.webb@northmoor.example";
const OTHER_EXTERNAL = "erin.cole@riverside-care.example";

test.setTimeout(300_000);
const expect = baseExpect.configure({ timeout: 30_000 });

// A 2 × 2 PNG, and a text file dressed as one.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWOQLdghW7CDAUIBACEuBRViMkFAAAAAAElFTkSuQmCC", "base64");
const NOT_AN_IMAGE = Buffer.from("<html><script>alert(1)</script></html>");

/** A webmaster adds an external person with an organisation and sends the welcome e-mail; answers the link. */
async function newPartner(page: Page, p: { name: string; email: string; organisation: string }): Promise<string> {
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/admin/users/new");
  await page.getByLabel("Name").fill(p.name);
  await page.getByLabel("E-mail address").fill(p.email);
  await page.getByLabel("Department or organisation").fill(p.organisation);
  await page.getByRole("button", { name: "Add person" }).click();
  await page.waitForURL((url) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(url.pathname));
  await page.goto(`/admin/users?filter=all&q=${encodeURIComponent(p.email)}`);
  await page.getByRole("checkbox", { name: `Tick ${p.name}` }).check();
  await page.getByRole("button", { name: "Send welcome e-mail" }).click();
  await page.getByRole("dialog", { name: "Send welcome e-mail?" }).getByRole("button", { name: "Send welcome e-mail" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Welcome e-mail queued for 1 person." })).toBeVisible();
  return welcomeLinkFor(page, p.email);
}

test("E3, E4: a person edits their own profile, uploads and removes a profile image", { tag: "@smoke" }, async ({ page, browser }, testInfo) => {
  const tag = `p${randomUUID().slice(0, 8)}`;
  const partner = { name: `Priya ${tag}`, email: `priya.${tag}@partners.example`, organisation: "Riverside Care Agency" };
  const link = await newPartner(page, partner);

  const context = await anotherBrowser(browser, testInfo);
  const me = await context.newPage();
  try {
    await me.goto(link);
    await me.getByLabel("New password").fill("priya-chose-this");
    await me.getByLabel("Confirm the password").fill("priya-chose-this");
    await me.getByRole("button", { name: "Set password" }).click();
    await expect(me.getByRole("heading", { name: "Your password is set" })).toBeVisible();
    await signIn(me, partner.email, "priya-chose-this");
    await me.waitForURL((url) => url.pathname === "/extranet");

    await me.goto("/me/profile");
    await expect(me.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
    // The organisation is the webmaster's to set: shown, not editable.
    await expect(me.getByText(partner.organisation)).toBeVisible();
    await expect(me.getByLabel("Department or organisation")).toHaveCount(0);
    await expectAccessible(me);

    // Errors beside their fields, nothing saved.
    await me.getByLabel("Work phone").fill("ring reception");
    await me.getByLabel("About me").fill("x".repeat(1001));
    await me.getByRole("button", { name: "Save profile" }).click();
    await expect(fieldError(me, "Enter a work phone number using digits")).toBeVisible();
    await expect(fieldError(me, "About me may be at most 1000 characters long: this is 1001. Shorten it.")).toBeVisible();
    await expectAccessible(me);

    await me.getByLabel("Job title").fill("Care liaison");
    await me.getByLabel("Work phone").fill("+44 20 7946 0123");
    await me.getByLabel("About me").fill("I coordinate visits.\nAsk me about rotas.");
    // Changing the mobile asks for the password.
    await me.getByLabel("Mobile number", { exact: true }).fill("+44 7700 900456");
    await expect(me.getByLabel("Your password")).toBeVisible();
    await me.getByRole("button", { name: "Save profile" }).click();
    await expect(fieldError(me, "Enter your password: changing the mobile number")).toBeVisible();
    await me.getByLabel("Your password").fill("priya-chose-this");
    await me.getByRole("button", { name: "Save profile" }).click();
    await expect(me.getByRole("status").filter({ hasText: "Your profile has been saved." })).toBeVisible();
    await me.reload();
    await expect(me.getByLabel("Job title")).toHaveValue("Care liaison");
    await expect(me.getByLabel("About me")).toHaveValue("I coordinate visits.\nAsk me about rotas.");
    await expect(me.getByLabel("Mobile number", { exact: true })).toHaveValue("+447700900456");

    // A file that is not an image: refused beside the field, nothing changed.
    const file = me.getByLabel("Choose an image");
    await file.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: NOT_AN_IMAGE });
    await me.getByRole("button", { name: "Upload image" }).click();
    await expect(fieldError(me, "This file is not a PNG, JPEG, GIF or WebP image.")).toBeVisible();
    await expect(me.getByRole("img", { name: `No profile image: initials of ${partner.name}` })).toBeVisible();
    await expectAccessible(me);

    await file.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: PNG });
    await me.getByRole("button", { name: "Upload image" }).click();
    await expect(me.getByRole("status").filter({ hasText: "Your new profile image has been saved." })).toBeVisible();
    const picture = me.getByRole("img", { name: `Profile image of ${partner.name}` });
    await expect(picture).toBeVisible();
    await expect(picture).toHaveJSProperty("complete", true);
    expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    const src = (await picture.getAttribute("src"))!;
    expect(src).toMatch(/^\/api\/people\/[0-9a-f-]{36}\/image\?v=[0-9a-f]{8}$/);
    // The header's account menu shows it too.
    await expect(me.locator("header summary img")).toHaveAttribute("src", src);
    await openAccountMenu(me);
    await expectAccessible(me);
    // Closed again, as a person would: on a phone its drop-down covers the page below.
    await me.locator("header summary").click();
    const own = await me.request.get(src);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe("image/webp");

    // E4: another external person, without the Users switch, gets 404 and no image.
    const baseURL = testInfo.project.use.baseURL;
    const stranger = await playwrightRequest.newContext({ baseURL });
    try {
      expect((await signInOverHttp(stranger, OTHER_EXTERNAL)).ok).toBe(true);
      const refused = await stranger.get(src);
      expect(refused.status()).toBe(404);
      expect(await refused.text()).toBe("Not found");
    } finally {
      await stranger.dispose();
    }

    // Removing it, after a confirmation.
    await me.getByRole("button", { name: "Remove image" }).click();
    const dialog = me.getByRole("dialog", { name: "Remove your profile image?" });
    await expectAccessible(me);
    await dialog.getByRole("button", { name: "Remove image" }).click();
    await expect(me.getByRole("status").filter({ hasText: "The profile image has been removed." })).toBeVisible();
    await expect(me.getByRole("img", { name: `No profile image: initials of ${partner.name}` })).toBeVisible();
    await expect(me.locator("header summary img")).toHaveCount(0);
    expect((await me.request.get(src)).status()).toBe(404);
    await expectAccessible(me);
  } finally {
    await context.close();
  }
});
