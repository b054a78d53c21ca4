import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { expect, pathOf, signIn, test } from "./fixtures";

/**
 * P3, E1: the account is re-read on every request, whatever the session cookie says.
 * These change accounts underneath the running server, so they need its database from
 * outside: PostgreSQL runs only (PGlite is open in the server's process alone). They use
 * people no other test signs in as.
 */
const port = Number(process.env.E2E_PORT || 3100);
const file = path.resolve(".cache", `e2e-database-url-${port}`);
test.skip(!existsSync(file), "needs the e2e server on PostgreSQL (DATABASE_URL)");
test.skip(({ isMobile }) => isMobile, "not about the viewport");

function database() {
  return postgres(readFileSync(file, "utf8"), { max: 1, onnotice: () => {} });
}

test("blocking ends a signed-in session at its next request (P3)", async ({ page }) => {
  const email = "liam.oconnor@northmoor.example";
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/");
  const sql = database();
  try {
    await sql`update people set blocked = true where email = ${email}`;
    await page.goto("/feed");
    expect(pathOf(page)).toBe("/login");
    await expect(page.getByRole("status")).toContainText("signed out");
  } finally {
    await sql`update people set blocked = false where email = ${email}`;
    await sql.end();
  }
});

test("an audience changed by an administrator applies at the next request (E1)", async ({ page }) => {
  const email = "olivia.grant@riverside-care.example";
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/extranet");
  const sql = database();
  try {
    await sql`update people set audience = 'organisational' where email = ${email}`;
    // The cookie still says external; the server re-issues it from the account.
    await page.goto("/extranet");
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1, name: "Intranet home" })).toBeVisible();

    await sql`update people set audience = 'external' where email = ${email}`;
    await page.goto("/");
    await page.waitForURL((url) => url.pathname === "/extranet");
    await expect(page.getByRole("heading", { level: 1, name: "Extranet home" })).toBeVisible();
  } finally {
    await sql`update people set audience = 'external' where email = ${email}`;
    await sql.end();
  }
});
