import { expect, signIn, test } from "./fixtures";

// CVE-2025-29927: a request carrying x-middleware-subrequest once skipped middleware.
// Whatever middleware does, the layouts and lib/access are the gate.
const BYPASS = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
const BYPASS_SRC = { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" };

test.describe("x-middleware-subrequest reaches nothing it should not", () => {
  for (const headers of [BYPASS, BYPASS_SRC]) {
    for (const path of ["/", "/feed", "/extranet"]) {
      test(`signed out: ${path} with ${headers["x-middleware-subrequest"].slice(0, 14)}…`, async ({ request }) => {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        expect([302, 303, 307, 308]).toContain(response.status());
        expect(response.headers()["location"]).toContain("/login");
        const body = await response.text();
        expect(body).not.toContain("Welcome,");
      });
    }
  }

  test("an external person cannot reach the intranet home through it (E1)", async ({ page }) => {
    await signIn(page, "erin.cole@riverside-care.example");
    await page.waitForURL((url) => url.pathname === "/extranet");
    const response = await page.request.get("/", { headers: BYPASS, maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(response.status());
    expect(response.headers()["location"]).toMatch(/\/extranet$/);
    expect(await response.text()).not.toContain("Intranet home");
  });
});
