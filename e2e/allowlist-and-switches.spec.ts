import { type Browser } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";
import { launchServer as launch, serverExit, serverReady as ready, stopAllServers, stopServer as stop } from "./servers";

/**
 * On servers of their own (so that no other spec sees a changed switch or a refused address):
 *   M7  a server whose PORTICO_IP_ALLOWLIST excludes this machine refuses pages, API routes
 *       (single sign-on's start and callback among them) and a posted server action with 403 and no page content, whatever headers the client
 *       sends; an invalid value stops start-up with a clear message; a listed address is served.
 *   E5  the Teams switch opens and closes the Teams directory to external people: link and page.
 * Desktop project only: these are server behaviours (the phone project checks the pages' layout
 * and accessibility on the main server, in admin-audit.spec.ts).
 */
const MAIN_PORT = Number(process.env.E2E_PORT || 3100);
const WEBMASTER = "wendy.webb@northmoor.example";
const EXTERNAL = "erin.cole@riverside-care.example";

test.afterAll(stopAllServers);

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeEach(({ isMobile }) => {
  test.skip(isMobile, "server behaviour: checked once, by the desktop project");
});

test("M7: an address not on the allowlist gets 403 and nothing else, through any door", async ({ playwright }) => {
  const port = MAIN_PORT + 41;
  // SSO configured too (M5): its start and its callback are refused like everything else,
  // before the provider (which need not exist here) is ever asked.
  const server = launch(port, {
    PORTICO_IP_ALLOWLIST: "10.0.0.0/8, 2001:db8::/32",
    PORTICO_SSO_ISSUER: "http://127.0.0.1:9/unreachable",
    PORTICO_SSO_CLIENT_ID: "portico",
    PORTICO_SSO_CLIENT_SECRET: "not-a-real-secret",
  });
  try {
    await ready(server);
    const request = await playwright.request.newContext({ baseURL: `http://localhost:${port}` });
    const refusedBody = "Access from your network address is not allowed.";
    const attempts: { name: string; send: () => Promise<import("@playwright/test").APIResponse> }[] = [
      { name: "GET /login", send: () => request.get("/login", { maxRedirects: 0 }) },
      { name: "GET /", send: () => request.get("/", { maxRedirects: 0 }) },
      { name: "GET /api/auth/csrf", send: () => request.get("/api/auth/csrf") },
      { name: "GET /api/auth/signin/sso", send: () => request.get("/api/auth/signin/sso", { maxRedirects: 0 }) },
      { name: "POST /api/auth/signin/sso", send: () => request.post("/api/auth/signin/sso", { form: { csrfToken: "x", callbackUrl: "/" }, maxRedirects: 0 }) },
      { name: "GET /api/auth/callback/sso", send: () => request.get("/api/auth/callback/sso?code=abc&state=def", { maxRedirects: 0 }) },
      { name: "GET /api/session/refresh", send: () => request.get("/api/session/refresh", { maxRedirects: 0 }) },
      { name: "GET /admin/audit/export", send: () => request.get("/admin/audit/export", { maxRedirects: 0 }) },
      {
        name: "POST a server action",
        send: () => request.post("/login", { headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" }, data: "[]", maxRedirects: 0 }),
      },
      { name: "a forged X-Forwarded-For", send: () => request.get("/login", { headers: { "x-forwarded-for": "10.0.0.7" }, maxRedirects: 0 }) },
      { name: "a forged peer header", send: () => request.get("/login", { headers: { "x-portico-peer": "10.0.0.7" }, maxRedirects: 0 }) },
      {
        name: "the middleware-bypass header",
        send: () => request.get("/login", { headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }, maxRedirects: 0 }),
      },
    ];
    for (const attempt of attempts) {
      const response = await attempt.send();
      expect(response.status(), attempt.name).toBe(403);
      const body = await response.text();
      expect(body, attempt.name).toBe(refusedBody);
    }
    // The REST API (D2) is outside middleware: its own pipeline refuses, as a problem document.
    for (const path of ["/api/v1/me", "/api/v1/sections/news", "/api/v1/openapi.json"]) {
      const response = await request.get(path, { headers: { Authorization: `Bearer pt_${"a".repeat(43)}` } });
      expect(response.status(), path).toBe(403);
      expect(response.headers()["content-type"], path).toBe("application/problem+json");
      expect((await response.json()).detail, path).toContain("allowlist");
      expect(response.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    await request.dispose();
  } finally {
    await stop(server);
  }
});

test("M7: an invalid PORTICO_IP_ALLOWLIST stops start-up with a clear message", async () => {
  const server = launch(MAIN_PORT + 42, { PORTICO_IP_ALLOWLIST: "10.0.0.0/8, 10.0.0.300" });
  const code = await serverExit(server);
  expect(code).not.toBe(0);
  expect(server.output.join("")).toContain('PORTICO_IP_ALLOWLIST has an entry that is not an IPv4 or IPv6 address or CIDR range: "10.0.0.300"');
});

async function signedInPage(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname !== "/login");
  return { context, page };
}

test("E5 on an allowed address: the Teams switch opens and closes the Teams directory to external people", async ({ browser }) => {
  const port = MAIN_PORT + 40;
  // Listed: this machine, as IPv4 and IPv6, so M7's allowed path is exercised too.
  const server = launch(port, { PORTICO_IP_ALLOWLIST: "127.0.0.0/8, ::1" });
  try {
    await ready(server);
    const baseURL = `http://localhost:${port}`;
    const admin = await signedInPage(browser, baseURL, WEBMASTER);
    const external = await signedInPage(browser, baseURL, EXTERNAL);
    const teamsLink = external.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" });

    await expect(teamsLink).toHaveCount(0);
    expect((await external.page.goto("/teams"))?.status()).toBe(403);

    const setTeams = async (on: boolean) => {
      await admin.page.goto("/admin/settings/external-access");
      await expect(admin.page.getByRole("heading", { level: 1, name: "External user access" })).toBeVisible();
      const box = admin.page.getByRole("checkbox", { name: "Teams" });
      await (on ? box.check() : box.uncheck());
      // B4: what the switch gives or takes, before it is saved.
      await expect(admin.page.getByTestId("impact-summary")).toContainText(on ? /Gives \d+ external people the use of Teams\./ : /Takes the use of Teams from \d+ external people\./);
      await admin.page.getByRole("button", { name: "Save external access" }).click();
      await expect(admin.page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    };

    await setTeams(true);
    await expectAccessible(admin.page);
    await external.page.goto("/extranet");
    await expect(teamsLink).toBeVisible();
    expect((await external.page.goto("/teams"))?.status()).toBe(200);
    await expect(external.page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();

    await setTeams(false);
    await external.page.goto("/extranet");
    await expect(teamsLink).toHaveCount(0);
    expect((await external.page.goto("/teams"))?.status()).toBe(403);

    // Both changes are in the audit log, with before and after.
    await admin.page.goto("/admin/audit?action=settings.externalAccess");
    await expect(admin.page.getByRole("row").filter({ hasText: "settings.externalAccess.set" })).toHaveCount(2);
    await admin.context.close();
    await external.context.close();
  } finally {
    await stop(server);
  }
});
