/**
 * Every server action answers to the policy catalogue (lib/access/policies.ts): each
 * defineAction and defineReadAction in the code base names a catalogue entry, or a
 * check function together with the catalogue entries it decides by. The action modules
 * are found by reading the source, so a new one is checked without being listed here.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it, vi } from "vitest";

// The action modules import what only a Next.js request has; none of it runs here.
vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(async () => null), clientAddress: () => null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => new Map() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/navigation", () => ({ redirect: vi.fn(), notFound: vi.fn(), forbidden: vi.fn() }));

const { POLICIES } = await import("@/lib/access/policies");
const { listDefinedActions } = await import("@/lib/actions");

const ROOT = join(import.meta.dirname, "..");
const DEFINITION = /\bdefine(?:Read)?Action\(\{/g;

/** Source files (not tests, not the wrapper itself) that define actions, with how many each defines. */
function actionModules(): { path: string; count: number }[] {
  const found: { path: string; count: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") && relative(ROOT, path) !== join("lib", "actions.ts")) {
        const count = readFileSync(path, "utf8").match(DEFINITION)?.length ?? 0;
        if (count > 0) found.push({ path: relative(ROOT, path), count });
      }
    }
  };
  for (const dir of ["lib", "app", "components"]) walk(join(ROOT, dir));
  return found;
}

describe("every action names the policy catalogue", () => {
  it("each defineAction and defineReadAction names a catalogue entry or a check with the entries it decides by", async () => {
    const modules = actionModules();
    expect(modules.length).toBeGreaterThan(0);
    for (const { path } of modules) await import(/* @vite-ignore */ join(ROOT, path));
    const defined = listDefinedActions();
    // Every definition in the source was loaded and recorded: none escapes the check below.
    expect(defined.length).toBe(modules.reduce((n, m) => n + m.count, 0));

    const catalogue = new Set(Object.keys(POLICIES));
    const problems: string[] = [];
    for (const action of defined) {
      const label = action.name ?? "(a read action)";
      if (typeof action.authorize === "string") {
        if (!catalogue.has(action.authorize)) problems.push(`${label}: "${action.authorize}" is not in the catalogue`);
      } else if (action.authorize.function.length === 0) {
        problems.push(`${label}: its check names no catalogue entry`);
      } else {
        for (const policy of action.authorize.function) if (!catalogue.has(policy)) problems.push(`${label}: "${policy}" is not in the catalogue`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("M8 each audited action has its own audit name", async () => {
    const names = listDefinedActions().flatMap((a) => (a.name ? [a.name] : []));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});
