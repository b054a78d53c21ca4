import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);
const chromium = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

/**
 * Specs that only read run first, on the demo organisation as loaded: some count or
 * compare everything a person can see (e2e/no-leaks.spec.ts). Specs that change data
 * (adding sections, members, content) run after them on the same server, each on
 * things it creates itself.
 */
const READ_ONLY = ["**/no-leaks.spec.ts", "**/pages.spec.ts", "**/every-page.spec.ts", "**/shell.spec.ts", "**/sign-in.spec.ts", "**/middleware-bypass.spec.ts", "**/account-changes.spec.ts", "**/random-orgs.spec.ts", "**/groups.spec.ts", "**/search.spec.ts", "**/access-explain.spec.ts", "**/view-as.spec.ts"];
/**
 * The smoke set (E2E_SMOKE=1, `npm run test:smoke`; CI's PGlite run): the tests tagged
 * @smoke — sign-in, every page once (e2e/every-page.spec.ts), one journey per area — on
 * the desktop only. Without it (`npm test`), every test runs on the desktop; on the phone,
 * the specs about layout (every page as each demo person, the pages' own checks, the shell and
 * its menu) and the journeys tagged @smoke or @phone. The phone's layout is the same
 * components at another width, and what a person may see is decided on the server whatever
 * the width: running every check twice doubled CI's time (past an hour on two cores) to find
 * layout faults that the pages and one journey per area find. Tag a journey @phone when it
 * has phone-only behaviour; list a read-only spec in PHONE_PAGES when it is about the layout.
 */
const PHONE_PAGES = ["**/every-page.spec.ts", "**/pages.spec.ts", "**/shell.spec.ts"]; // a subset of READ_ONLY
const SMOKE = process.env.E2E_SMOKE === "1";
const desktop = { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium };
const phone = { ...devices["Pixel 7"], launchOptions: chromium };

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: chromium,
    trace: "retain-on-failure",
  },
  projects: SMOKE
    ? [
        { name: "desktop", testMatch: READ_ONLY, grep: /@smoke/, use: desktop },
        { name: "desktop-changes", testIgnore: READ_ONLY, grep: /@smoke/, dependencies: ["desktop"], use: desktop },
      ]
    : [
        { name: "desktop", testMatch: READ_ONLY, use: desktop },
        { name: "phone", testMatch: PHONE_PAGES, use: phone },
        { name: "desktop-changes", testIgnore: READ_ONLY, dependencies: ["desktop", "phone"], use: desktop },
        { name: "phone-changes", testIgnore: READ_ONLY, grep: /@smoke|@phone/, dependencies: ["desktop", "phone"], use: phone },
      ],
  webServer: {
    command: "node_modules/.bin/tsx --conditions=react-server scripts/e2e-server.ts",
    url: `http://localhost:${port}/login`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
