import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { globSync } from "tinyglobby";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const include = ["**/*.test.ts"];
const exclude = ["node_modules/**", ".next/**", "e2e/**", ".cache/**"];

/**
 * Test files that replace a module of their own (vi.mock), set the data folder as they load
 * (which the process's object store is made from, once), or measure the process's memory (the
 * modules other files loaded would be counted) get a module registry of their own.
 * Every other file shares its worker's modules with the files before it: loading Next.js,
 * drizzle and the app's modules again for each of 130 files was a third of the suite's time
 * (PGlite, on a fresh clone: 10.5 → under 9 minutes). Each file still gets its own database,
 * the analytics set-up file forgets the page views and salts recording keeps in the process,
 * and the request mocks are reset after every test.
 */
const OWN_MODULES = /\bvi\.mock\(|^process\.env\.PORTICO_DATA_DIR =|\bprocess\.memoryUsage\b/m;
const ownModules = globSync(include, { cwd: root, ignore: exclude }).filter((file) => OWN_MODULES.test(readFileSync(new URL(file, import.meta.url), "utf8")));

export default defineConfig({
  // tsconfig keeps JSX for Next ("preserve"); tests compile it like React does (e-mail templates).
  oxc: { jsx: { runtime: "automatic" } },
  resolve: {
    alias: {
      "@/": root,
      // "server-only" throws outside React's server build; tests are server code.
      "server-only": fileURLToPath(new URL("./db/testing/server-only.ts", import.meta.url)),
    },
  },
  test: {
    globalSetup: ["db/testing/global-setup.ts"],
    // The shared mocks of next/headers, next/navigation, next/cache and the Auth.js session,
    // controlled by lib/testing/harness.ts (signInAs); reset after every test.
    // lib/analytics/testing/between-files.ts: what recording keeps in the process, forgotten before each file.
    setupFiles: ["lib/testing/setup.ts", "lib/analytics/testing/between-files.ts"],
    // Vitest's default is one worker fewer than the cores: one, on CI's two. Every file has its
    // own database, and on PostgreSQL a worker waits on the server much of the time: two
    // workers took the suite from about 14 to under 10 minutes there.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test", AUTH_SECRET: "vitest-secret-not-for-production-0123456789" },
    projects: [
      { extends: true, test: { name: "shared", isolate: false, include, exclude: [...exclude, ...ownModules] } },
      { extends: true, test: { name: "own-modules", include: ownModules, exclude } },
    ],
  },
});
