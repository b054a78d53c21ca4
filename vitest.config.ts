import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

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
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".cache/**"],
    globalSetup: ["db/testing/global-setup.ts"],
    // The shared mocks of next/headers, next/navigation, next/cache and the Auth.js session,
    // controlled by lib/testing/harness.ts (signInAs); reset after every test.
    setupFiles: ["lib/testing/setup.ts"],
    // Vitest's default is one worker fewer than the cores: one, on CI's two. Every file has its
    // own database, and on PostgreSQL a worker waits on the server much of the time: two
    // workers took the suite from about 14 to under 10 minutes there.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test", AUTH_SECRET: "vitest-secret-not-for-production-0123456789" },
  },
});
