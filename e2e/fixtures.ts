import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, type BrowserContext, type Page, type TestInfo, test as base, expect } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/org-file/demo";

export { expect };

/** What every HTML page's Content-Security-Policy must hold (lib/security/headers.ts). */
const CSP_MUST_HOLD = [/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'(;|$)/, /object-src 'none'/, /base-uri 'none'/, /frame-ancestors 'none'/, /form-action 'self'/];

/** The CSP problems seen in each test's browsers, reported when the test ends. */
const cspProblems = new WeakMap<TestInfo, string[]>();

/**
 * Watches a browser context for the Content-Security-Policy: a violation the browser
 * reports (the `securitypolicyviolation` event, or Chromium's "Refused to …" console
 * message), and an HTML document served without the policy or without its nonce.
 */
async function guardCsp(context: BrowserContext, testInfo: TestInfo): Promise<void> {
  const found = cspProblemsOf(testInfo);
  await context.exposeBinding("__porticoCspViolation", ({ page }, text: string) => void found.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __porticoCspViolation?: (text: string) => void }).__porticoCspViolation;
      report?.(`violates ${e.violatedDirective}: ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const watchPage = (page: Page) => {
    page.on("console", (message) => {
      if (/^Refused to /.test(message.text())) found.push(`${page.url()}: console: ${message.text()}`);
    });
  };
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
  // Portico's own pages only: the sign-in provider of e2e/sso.spec.ts is another site.
  const site = new URL(testInfo.project.use.baseURL ?? "http://localhost").origin;
  context.on("response", (response) => {
    if (response.request().resourceType() !== "document" || new URL(response.url()).origin !== site) return;
    if (!/text\/html/.test(response.headers()["content-type"] ?? "")) return;
    const csp = response.headers()["content-security-policy"] ?? "";
    const missing = CSP_MUST_HOLD.filter((rule) => !rule.test(csp));
    if (missing.length) found.push(`${response.url()} (${response.status()}): Content-Security-Policy "${csp}" lacks ${missing.join(", ")}`);
  });
}

/** The CSP problems seen so far in this test, to read (e2e/security-headers.spec.ts) or clear. */
export function cspProblemsOf(testInfo: TestInfo): string[] {
  let problems = cspProblems.get(testInfo);
  if (!problems) cspProblems.set(testInfo, (problems = []));
  return problems;
}

/**
 * Every spec's `test` (C6 in depth): fails a test whose browser reports a CSP violation on
 * any page it visits, or meets an HTML page without the policy. A spec that tests
 * something else with the policy off (e2e/xss.spec.ts: the sanitiser alone) sets
 * `bypassCSP: true`; the header is still checked.
 */
export const test = base.extend({
  context: async ({ context }, provide, testInfo) => {
    await guardCsp(context, testInfo);
    await provide(context);
    expect(cspProblems.get(testInfo) ?? [], "Content-Security-Policy problems in the browser").toEqual([]);
  },
});

/**
 * Q1: axe's WCAG 2.1 A and AA checks on the page as it is now: no violation allowed. In
 * axe's single-run ("legacy") mode: the default opens a blank page for every check to merge
 * the frames' results, which is for cross-origin frames (Portico has none) and doubled the
 * check's time (650–1000 ms a page here, 300–490 in this mode; it runs hundreds of times in CI).
 */
export async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode(true).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Q2 (WCAG 1.4.10, reflow): nothing on the page scrolls sideways at the browser's width. */
export async function expectNoSidewaysScroll(page: Page, what = page.url()): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
}

/**
 * Q1 Q2, on every page a test visits: axe's checks, and on the phone also that nothing scrolls
 * sideways (reflow, which axe cannot see). The PGlite smoke run (E2E_SMOKE=1) checks reflow
 * alone: axe judges the markup, which is the same on either database, and CI's full run on
 * PostgreSQL checks it there.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (process.env.E2E_SMOKE === "1" || test.info().project.use.isMobile) await expectNoSidewaysScroll(page);
  if (process.env.E2E_SMOKE !== "1") await expectAxeClean(page);
}

/** Waits until React has hydrated the page (components/shell/hydration-mark.tsx): before typing into a form or pressing a script-only button. */
export async function hydrated(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 30_000 });
}

export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** The form's error summary (Next's route announcer is an alert too). */
export function formError(page: Page) {
  return page.getByRole("alert").filter({ hasText: "There is a problem" });
}

/**
 * Follows a link of the main navigation as a person would: on a phone the links sit behind
 * the Menu button (components/shell/main-nav.tsx), which needs script, so it is pressed once
 * the page has hydrated.
 */
export async function followMainNav(page: Page, name: string): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = nav.getByRole("button", { name: "Menu" });
  await hydrated(page);
  if (await menu.isVisible()) await menu.click();
  await nav.getByRole("link", { name, exact: true }).click();
}

export async function openAccountMenu(page: Page): Promise<void> {
  await page.locator("summary", { hasText: "Account menu for" }).click();
}

/**
 * Signs in over HTTP alone, as a script would: a CSRF token, then a POST to the credentials
 * callback. The request context keeps the session cookie for the requests that follow.
 * `ok` is whether a session for this person now exists; `code` is Auth.js's error code
 * when it does not ("blocked", "invalid", …).
 */
export async function signInOverHttp(
  request: APIRequestContext,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<{ ok: boolean; code: string | null }> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.status(), "GET /api/auth/csrf").toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  const location = new URL(answer.headers()["location"] ?? "/", "http://localhost");
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string | null } } | null;
  const ok = session?.user?.email?.toLowerCase() === email.toLowerCase();
  return { ok, code: ok ? null : (location.searchParams.get("code") ?? location.searchParams.get("error") ?? `HTTP ${answer.status()}`) };
}

/**
 * P3, P7: on an outbox message page, the one-time link the message holds. The page shows
 * it masked; without a mail service (as in e2e) a webmaster reveals it explicitly, after a
 * confirmation, and the reveal is audited. Answers the revealed link as the page shows it.
 */
export async function revealLinkOnMessagePage(page: Page): Promise<string> {
  await expect(page.locator("pre")).toContainText("/[hidden]");
  await page.getByRole("button", { name: "Reveal the link" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reveal the link" }).click();
  const revealed = page.getByTestId("revealed-link");
  await expect(revealed).toBeVisible();
  return revealed.innerText();
}

/** The link in the newest mail with `subject` queued for an address, revealed in the outbox as a webmaster would. */
export async function linkInMail(page: Page, email: string, subject: string, path: RegExp): Promise<string> {
  await page.goto("/admin/outbox");
  const row = page.getByRole("row").filter({ hasText: email }).first();
  await row.getByRole("link", { name: subject }).first().click();
  await page.waitForURL((url) => /^\/admin\/outbox\/\d+$/.test(url.pathname));
  const match = path.exec(await revealLinkOnMessagePage(page));
  expect(match, `a one-time link in "${subject}"`).not.toBeNull();
  return match![0];
}

/** The newest welcome link queued for an address. */
export function welcomeLinkFor(page: Page, email: string): Promise<string> {
  return linkInMail(page, email, "Welcome to Portico: set your password", /\/welcome\/[A-Za-z0-9_-]{43}/);
}

/** People administration (M3): creates a person through the form; answers their edit page's path. */
export async function createPerson(page: Page, p: { name: string; email: string; external?: boolean }) {
  await page.goto("/admin/users/new");
  await page.getByLabel("Name").fill(p.name);
  await page.getByLabel("E-mail address").fill(p.email);
  if (!p.external) await page.getByRole("checkbox", { name: "Organisational" }).check();
  await page.getByRole("button", { name: "Add person" }).click();
  await page.waitForURL((url) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(url.pathname));
  await expect(page.getByRole("status").filter({ hasText: "has been added" })).toBeVisible();
  return pathOf(page);
}

export async function searchPeople(page: Page, q: string, filter = "all") {
  await page.goto(`/admin/users?filter=${filter}&q=${encodeURIComponent(q)}`);
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
}

export async function tick(page: Page, name: string) {
  await page.getByRole("checkbox", { name: `Tick ${name}` }).check();
}

/**
 * P3: the webmaster (signed in on `admin`) adds a person and sends them the welcome
 * e-mail; the person sets `password` through its link on `page`. For specs that need a
 * person of their own whose sign-in they may change.
 */
export async function welcomedPerson(admin: Page, page: Page, person: { name: string; email: string }, password: string) {
  const slow = { timeout: 30_000 }; // many pages on a shared two-core machine
  await createPerson(admin, person);
  await searchPeople(admin, person.email);
  await tick(admin, person.name);
  await admin.getByRole("button", { name: "Send welcome e-mail" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Send welcome e-mail" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Welcome e-mail queued for 1 person." })).toBeVisible(slow);
  await page.goto(await welcomeLinkFor(admin, person.email));
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Confirm the password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "Your password is set" })).toBeVisible(slow);
  return person;
}

/** A second browser of the same device as the test's project (another person, signed out). */
export async function anotherBrowser(browser: Browser, testInfo: TestInfo) {
  const { viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, baseURL } = testInfo.project.use;
  const context = await browser.newContext({ viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, baseURL });
  await guardCsp(context, testInfo); // reported when the test's own context closes
  return context;
}
