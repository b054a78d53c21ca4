import { type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/org-file/demo";
import { base32Decode, timeStep, totpAt } from "../lib/auth/totp";
import { expect, expectAccessible, formError, pathOf, signIn, test } from "./fixtures";
import { type OidcProvider, startOidcProvider } from "./oidc-provider";
import { type ExtraServer, launchServer, serverReady, stopAllServers } from "./servers";

/**
 * Single sign-on against a real OpenID Connect provider (M5), and the sign-in settings that
 * change every sign-in on a server (M4): mobile codes, and two-factor required of everyone.
 *
 * One Portico server of its own (scripts/e2e-server.ts, demo organisation) configured for
 * SSO, and the provider (e2e/oidc-provider.ts) in this worker: the settings these tests turn
 * on would otherwise change sign-in for every spec running in parallel on the main server.
 * The tests run in order on that server (mobile codes on, then two-factor for everyone, last),
 * once, in the desktop project: they are about the server's behaviour, not the viewport.
 */
const MAIN_PORT = Number(process.env.E2E_PORT || 3100);
const PORT = MAIN_PORT + 30;
const PROVIDER_PORT = MAIN_PORT + 31;
const BASE_URL = `http://localhost:${PORT}`;
const SSO_NAME = "Northmoor ID";
const CLIENT = { clientId: "portico-e2e", clientSecret: "e2e-client-secret-not-for-production" };

const WEBMASTER = "wendy.webb@northmoor.example";
/** Login names on the provider's page, and the ID token each gets (M5). */
const accounts = {
  newcomer: { email: "nina.newcomer@northmoor.example", name: "Nina Newcomer From The Provider" },
  volunteer: { email: "vic.volunteer@volunteers.example", name: "Vic Volunteer", person_type: "member" },
  // The ID token has only `sub`: the e-mail and the rule's claim are in the userinfo answer alone.
  userinfo: { email: "uma.userinfo@volunteers.example", person_type: "member", onlyInUserinfo: true },
  // Has an organisational account already; the rule applies at first sign-in only.
  existing: { email: "Tara.Adams@northmoor.example", person_type: "member" },
  blocked: { email: "blake.moss@northmoor.example" },
  unverified: { email: "someone.unverified@northmoor.example", email_verified: false },
  // Has a mobile number: once mobile codes are on, SSO is followed by a code (M4).
  mobile: { email: "priya.sharma@northmoor.example" },
  // Sets up an authenticator app when it is required, then signs in through SSO.
  enrols: { email: "sophie.turner@northmoor.example" },
};
const MOBILE_PERSON = { email: "sam.mensah@northmoor.example", number: "+44 7700 900102", ending: "02" };

test.use({ baseURL: BASE_URL });
test.describe.configure({ mode: "serial" });

let provider: OidcProvider | undefined;
let server: ExtraServer | undefined;
/** The webmaster, signed in once, before any setting asks her for a second factor. */
let admin: { context: BrowserContext; page: Page };

test.beforeAll(async ({ browser }, testInfo) => {
  test.skip(testInfo.project.use.isMobile === true, "server behaviour: checked once, by the desktop project");
  test.setTimeout(150_000);
  const started = Date.now();
  provider = await startOidcProvider({ port: PROVIDER_PORT, ...CLIENT, redirectUri: `${BASE_URL}/api/auth/callback/sso`, accounts });
  server = launchServer(PORT, {
    PORTICO_SSO_ISSUER: provider.issuer,
    PORTICO_SSO_CLIENT_ID: CLIENT.clientId,
    PORTICO_SSO_CLIENT_SECRET: CLIENT.clientSecret,
    PORTICO_SSO_NAME: SSO_NAME,
    PORTICO_SSO_EXTERNAL_CLAIM: "person_type=member",
  });
  await serverReady(server);
  console.log(`sso: provider and Portico server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const context = await browser.newContext({ baseURL: BASE_URL });
  admin = { context, page: await context.newPage() };
  await signIn(admin.page, WEBMASTER);
  await admin.page.waitForURL((url) => url.pathname === "/");
});

test.afterAll(async () => {
  await admin?.context.close();
  await stopAllServers();
  await provider?.close();
});

/** The login page's SSO button, to the provider's own login page. */
async function startSso(page: Page, check = false, from = "/login") {
  await page.goto(from);
  const button = page.getByRole("button", { name: `Sign in with ${SSO_NAME}` });
  await expect(button).toBeVisible();
  if (check) await expectAccessible(page);
  await button.click();
  await page.waitForURL((url) => url.port === String(PROVIDER_PORT));
}

const backOnPortico = (page: Page) => page.waitForURL((url) => url.port === String(PORT) && !url.pathname.startsWith("/api/auth"));

/** SSO as one of the provider's `accounts`; back on Portico after. */
async function signInWithSso(page: Page, login: keyof typeof accounts, check = false, from = "/login") {
  await startSso(page, check, from);
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password: the provider's own business");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await backOnPortico(page);
}

/** Someone else, in a browser of their own (no Portico session, no provider session). */
async function asSomeoneElse(browser: Browser, run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ baseURL: BASE_URL });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

const sessionCookie = async (page: Page) => (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));

/** The newest code sent to `number`, read by the webmaster in the text message outbox. */
async function latestCodeFor(number: string, check = false): Promise<string> {
  await admin.page.goto("/admin/sms-outbox");
  await expect(admin.page.getByRole("heading", { level: 1, name: "Text message outbox" })).toBeVisible();
  const row = admin.page.getByRole("row").filter({ hasText: number }).first();
  const body = await row.textContent();
  const code = /sign-in code is (\d{6})/.exec(body ?? "")?.[1];
  expect(code, `a code to ${number} in the outbox: ${body}`).toBeDefined();
  if (check) await expectAccessible(admin.page);
  return code!;
}

/** A six-digit code that is not `code`. */
const otherThan = (code: string) => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

test("M5: someone without an account signs in through SSO and gets one with only their e-mail; they land on the intranet", async ({ page }) => {
  await signInWithSso(page, "newcomer", true);
  expect(pathOf(page)).toBe("/");
  await expect(page.getByRole("heading", { level: 1, name: "Intranet home" })).toBeVisible();

  await page.goto("/me/profile");
  const email = accounts.newcomer.email;
  const profile = page.locator("dl");
  // The name is the e-mail until someone adds more: nothing else is taken from the provider.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(email);
  for (const field of ["Job title", "Work phone", "Mobile", "About me"]) await expect(page.getByLabel(field, { exact: false }).first()).toHaveValue("");
  await expect(profile).toContainText(`Email${email}`);
  await expect(profile).toContainText("Organisational (intranet)");
  await expect(profile).toContainText("Department or organisationNot set");
  await expect(profile).toContainText("LocationNot set");
  await expect(page.getByLabel("Mobile number", { exact: true })).toHaveValue("");
  await expect(profile).toContainText("TeamsNone");
  await expect(page.getByText(accounts.newcomer.name)).toHaveCount(0);
  await expectAccessible(page);

  // M8: the account's creation and the sign-in are in the audit log, with where from.
  await admin.page.goto(`/admin/audit?actor=${encodeURIComponent(email)}`);
  for (const action of ["person.provision.sso", "auth.sign-in"]) {
    await expect(admin.page.getByRole("row").filter({ hasText: action }).first()).toContainText(/127\.0\.0\.1|::1/);
  }
});

test("M5, E1: the claim rule makes a first-time person external, so they land on the extranet (also when the claims are only in userinfo); it never changes an existing account", async ({ page, browser }) => {
  await signInWithSso(page, "volunteer");
  expect(pathOf(page)).toBe("/extranet");
  await expect(page.getByRole("heading", { level: 1, name: "Extranet home" })).toBeVisible();
  await page.goto("/me/profile");
  await expect(page.locator("dl")).toContainText("External (extranet)");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(accounts.volunteer.email);

  // A provider that gives the e-mail and the claim only from userinfo: Portico asks for them.
  await asSomeoneElse(browser, async (uma) => {
    await signInWithSso(uma, "userinfo");
    expect(pathOf(uma)).toBe("/extranet");
    await uma.goto("/me/profile");
    await expect(uma.locator("dl")).toContainText(`Email${accounts.userinfo.email}`);
  });

  // Tara has an organisational account; her token says member, and she stays organisational
  // (her e-mail in another case is still her account).
  await asSomeoneElse(browser, async (tara) => {
    await signInWithSso(tara, "existing");
    expect(pathOf(tara)).toBe("/");
    await tara.goto("/me/profile");
    await expect(tara.locator("dl")).toContainText("Organisational (intranet)");
    await expect(tara.getByLabel("Name", { exact: true })).toHaveValue("Tara Adams");
  });
});

test("M5: a blocked person, a provider that gives no verified e-mail, or a sign-in cancelled at the provider: a clear message and no session", async ({ page, browser }) => {
  await signInWithSso(page, "blocked");
  expect(pathOf(page)).toBe("/login");
  await expect(formError(page)).toContainText("This account has been blocked, so it cannot sign in.");
  await expectAccessible(page);
  expect(await sessionCookie(page)).toBeUndefined();
  await page.goto("/");
  expect(pathOf(page)).toBe("/login");

  await asSomeoneElse(browser, async (other) => {
    await signInWithSso(other, "unverified");
    expect(pathOf(other)).toBe("/login");
    await expect(formError(other)).toContainText("did not give a verified email address");
    expect(await sessionCookie(other)).toBeUndefined();
  });

  // Cancelled at the provider: it answers the callback with an error.
  await asSomeoneElse(browser, async (other) => {
    await startSso(other);
    await other.getByRole("link", { name: "[ Cancel ]" }).click();
    await backOnPortico(other);
    expect(pathOf(other)).toBe("/login");
    await expect(formError(other)).toContainText("Single sign-on did not complete. Try again.");
    expect(await sessionCookie(other)).toBeUndefined();
  });
});

test("M4: a webmaster turns on mobile codes; a code from the text message outbox signs in, a wrong one is refused", async ({ page }) => {
  await admin.page.goto("/admin/settings/authentication");
  await admin.page.getByRole("checkbox", { name: "Mobile codes" }).check();
  await admin.page.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.page.getByText("Authentication settings saved.")).toBeVisible();
  await expectAccessible(admin.page);

  await signIn(page, MOBILE_PERSON.email);
  await expect(page.getByRole("heading", { name: "Check it is you" })).toBeVisible();
  await expect(page.getByText(`sent by text message to your mobile number ending ${MOBILE_PERSON.ending}`)).toBeVisible();
  await page.getByRole("button", { name: `Send a code to my mobile ending ${MOBILE_PERSON.ending}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "We sent a code" })).toContainText(`ending ${MOBILE_PERSON.ending}`);
  await expectAccessible(page);

  const code = await latestCodeFor(MOBILE_PERSON.number, true);
  await page.getByLabel("Code sent to your mobile").fill(otherThan(code));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(formError(page)).toContainText("That code is not right");
  expect(await sessionCookie(page)).toBeUndefined();
  await expectAccessible(page);

  await page.getByLabel("Code sent to your mobile").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: "Intranet home" })).toBeVisible();
});

test("M4, M5: after SSO, a person with a second factor must still give it before any session; where they were going is kept, only ever on this site", async ({ page, browser }) => {
  await signInWithSso(page, "mobile", false, `/login?callbackUrl=${encodeURIComponent("/feed")}`);
  expect(pathOf(page)).toBe("/login");
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/feed");
  await expect(page.getByRole("heading", { name: "Check it is you" })).toBeVisible();
  await expect(page.getByText(`You have signed in with ${SSO_NAME}. To finish signing in, enter a second code.`)).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();
  await expectAccessible(page);
  const challengeUrl = page.url();
  await page.getByRole("button", { name: "Send a code to my mobile ending 04" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We sent a code" })).toBeVisible();
  const code = await latestCodeFor("+44 7700 900104");
  await page.getByLabel("Code sent to your mobile").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/feed");
  expect(new URL(page.url()).port).toBe(String(PORT));

  // The spent challenge says to start again as one signed in with SSO, and starting again offers both ways.
  await asSomeoneElse(browser, async (other) => {
    await other.goto(challengeUrl);
    await other.getByLabel("Code sent to your mobile").fill(otherThan(code));
    await other.getByRole("button", { name: "Continue" }).click();
    await expect(formError(other)).toContainText(`This sign-in has expired or was already used. Start again, and sign in with ${SSO_NAME} or your email address.`);
    await expect(formError(other)).not.toContainText("password");
    await expectAccessible(other);
    await other.getByRole("button", { name: "Start again", exact: true }).click();
    await expect(other.getByLabel("Email")).toBeVisible();
    await expect(other.getByRole("button", { name: `Sign in with ${SSO_NAME}` })).toBeVisible();
    const address = new URL(other.url());
    expect(address.searchParams.get("challenge")).toBeNull();
    expect(address.searchParams.get("callbackUrl")).toBe("/feed");
    await expectAccessible(other);
  });

  // A callbackUrl changed to another site between the steps leads home, never off the site.
  await asSomeoneElse(browser, async (other) => {
    await signInWithSso(other, "mobile");
    const tampered = new URL(other.url());
    expect(tampered.searchParams.get("challenge")).toBeTruthy();
    tampered.searchParams.set("callbackUrl", "//evil.example/phish");
    await other.goto(tampered.toString());
    await other.getByRole("button", { name: "Send a code to my mobile ending 04" }).click();
    await expect(other.getByRole("status").filter({ hasText: "We sent a code" })).toBeVisible();
    await other.getByLabel("Code sent to your mobile").fill(await latestCodeFor("+44 7700 900104"));
    await other.getByRole("button", { name: "Continue" }).click();
    await other.waitForURL((url) => url.port === String(PORT) && url.pathname === "/");
    await expect(other.getByRole("heading", { level: 1, name: "Intranet home" })).toBeVisible();
  });
});

// Last: from here on everyone must have an authenticator app.
test("M4: when two-factor is required of everyone, a person without it sets it up before any page; then SSO asks for its code", async ({ page, browser }) => {
  await admin.page.goto("/admin/settings/authentication");
  await admin.page.getByRole("radio", { name: "Everyone" }).check();
  await admin.page.getByRole("button", { name: "Save settings" }).click();
  // Saved: the webmaster has no authenticator app either, so the page's refresh sends her to set one up.
  await admin.page.waitForURL((url) => url.pathname === "/security/two-factor");
  await expect(admin.page.getByText("Your organisation requires two-factor sign-in for your account.")).toBeVisible();

  const email = accounts.enrols.email;
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/security/two-factor");
  await expect(page.getByRole("heading", { level: 1, name: "Set up two-factor sign-in" })).toBeVisible();
  await expect(page.getByText("Your organisation requires two-factor sign-in for your account.")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/feed");
  expect(pathOf(page)).toBe("/security/two-factor");

  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  await expectAccessible(page);
  await page.getByLabel("Code from your app").fill(totpAt(base32Decode(secret), timeStep(new Date())));
  await page.getByLabel("Your password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toBeVisible();
  await page.getByRole("link", { name: "I have saved my codes: continue" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/feed");
  expect(pathOf(page)).toBe("/feed");

  // The same person through SSO: the app's code (the next one: each code works once) first.
  await asSomeoneElse(browser, async (sso) => {
    await signInWithSso(sso, "enrols");
    await expect(sso.getByRole("heading", { name: "Check it is you" })).toBeVisible();
    expect(await sessionCookie(sso)).toBeUndefined();
    await sso.getByLabel("Code from your authenticator app").fill(totpAt(base32Decode(secret), timeStep(new Date(Date.now() + 30_000))));
    await sso.getByRole("button", { name: "Continue" }).click();
    await sso.waitForURL((url) => url.pathname === "/");
    await expect(sso.getByRole("heading", { level: 1, name: "Intranet home" })).toBeVisible();
  });

  // Someone whom SSO signed up (no password) is sent there too, and sets it up without one.
  await asSomeoneElse(browser, async (sso) => {
    await signInWithSso(sso, "newcomer");
    await sso.waitForURL((url) => url.pathname === "/security/two-factor");
    await sso.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const own = (await sso.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    await expect(sso.getByLabel("Your password", { exact: true })).toHaveCount(0);
    await expectAccessible(sso);
    await sso.getByLabel("Code from your app").fill(totpAt(base32Decode(own), timeStep(new Date())));
    await sso.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(sso.getByRole("list", { name: "Recovery codes" })).toBeVisible();
    await sso.getByRole("link", { name: "I have saved my codes: continue" }).click();
    await sso.waitForURL((url) => url.pathname === "/");
  });
});
