import { cspProblemsOf, expect, signIn, test } from "./fixtures";

/**
 * The security headers in a real browser and over HTTP (lib/security/headers.ts): every
 * page carries a Content-Security-Policy with a nonce of its own, Next's scripts carry
 * that nonce, and a server action posted from another site is refused with a 403. Every
 * spec's fixture (e2e/fixtures.ts) also fails on any CSP violation; the last test shows
 * that it sees one.
 */

test("every page has a Content-Security-Policy with a new nonce that Next's scripts carry, and the other security headers once each (C6)", { tag: "@smoke" }, async ({ page }) => {
  const first = await page.goto("/login");
  const headers = first!.headers();
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Served over plain http here: no HSTS (it would pin a name that has no certificate).
  expect(headers["strict-transport-security"]).toBeUndefined();
  const nonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));

  const second = await page.goto("/login");
  expect(/'nonce-([^']+)'/.exec(second!.headers()["content-security-policy"] ?? "")?.[1]).not.toBe(nonce);

  await signIn(page, "sam.mensah@northmoor.example");
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a server action posted with Origin: null or from another site gets a plain 403, not a 500 (C6)", async ({ request }) => {
  for (const origin of ["null", "https://attacker.example"]) {
    const response = await request.post("/login", {
      headers: { "Next-Action": "0".repeat(40), Origin: origin, "Content-Type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(response.status(), `Origin: ${origin}`).toBe(403);
    expect(await response.text()).toMatch(/did not come from a page of this site/);
  }
});

test("the fixture sees a CSP violation the browser reports, and an inline event handler does not run", async ({ page }, testInfo) => {
  await page.goto("/login");
  // What an injected attribute would try (<img onerror>, <div onclick>): refused by script-src.
  const ran = await page.evaluate(() => {
    const div = document.createElement("div");
    div.setAttribute("onclick", "window.__inline = 1");
    document.body.append(div);
    div.click();
    return (window as unknown as { __inline?: number }).__inline;
  });
  expect(ran).toBeUndefined();
  const problems = cspProblemsOf(testInfo);
  await expect.poll(() => problems.join("\n")).toMatch(/violates script-src|Refused to execute inline event handler/);
  problems.length = 0; // seen: this test passes
});
