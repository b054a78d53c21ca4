import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { FlatCompat } from "@eslint/eslintrc";

const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });

/*
 * Layering (docs/ARCHITECTURE.md): app/ → components/ → lib/ → db/, nothing walks back up.
 * Each restriction is a group of patterns; a folder's rule lists every group that applies
 * to it, because a later no-restricted-imports setting replaces an earlier one for the
 * same file instead of adding to it.
 */
const NO_DB = { group: ["@/db", "@/db/*", "**/db/*"], message: "Go through lib/<domain> and lib/access, never db/ directly." };
const NO_APP = { group: ["@/app", "@/app/*", "**/app/*"], message: "app/ is the top layer: move what you need into lib/ (or components/) and import it from there." };
const NO_LIB = { group: ["@/lib", "@/lib/*", "**/lib/*"], message: "db/ is the bottom layer: it imports nothing from lib/ (the organisation file lives in lib/org-file/)." };
const NO_VIEWER = {
  group: ["@/lib/access/viewer", "./viewer"],
  message: "The access predicates take the subject as an argument: import its types from ./types, never the loader (viewer.ts imports the predicates).",
};
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  { ignores: ["node_modules/**", ".next/**", ".cache/**", ".data/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...compat.extends("next/core-web-vitals", "next/typescript"),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Runtime import cycles (type-only imports are erased, and the rule skips them).
    // Packages are never parsed: a cycle through node_modules is not ours to fix, and
    // parsing them (pglite's bundles among them) tripled the time lint takes.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "db/**/*.{ts,tsx}"],
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  // Pages and components reach data only through lib/ (DESIGN.md: nothing skips lib/access).
  { files: ["app/**/*.{ts,tsx}"], rules: restrict(NO_DB) },
  { files: ["components/**/*.{ts,tsx}"], rules: restrict(NO_DB, NO_APP) },
  // Tests may drive a route handler of app/ directly, as the browser would.
  { files: ["lib/**/*.{ts,tsx}"], ignores: ["**/*.test.ts"], rules: restrict(NO_APP) },
  {
    files: ["lib/access/*.ts"],
    ignores: ["**/*.test.ts", "lib/access/viewer.ts", "lib/access/external-guard.ts"],
    rules: restrict(NO_APP, NO_VIEWER),
  },
  { files: ["db/**/*.{ts,tsx}"], rules: restrict(NO_LIB, NO_APP) },
];
export default config;
