/**
 * docs/RULES.md is what engineers trust about the product rules: this keeps it true. The
 * repository does not need the spec, a planning document kept outside it (a clone does not
 * have it: docs/RULES.md says so); where PORTICO_SPEC_PATH names a copy of it, as CI does
 * (.ci/run), every rule id it defines must be listed too.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { brokenReferences, missingCitedTests, parseRulesDocument, ruleIdsInTitles, specRuleIds, titlesByFile, testTitles } from "./rules-check";

const root = fileURLToPath(new URL("..", import.meta.url));
const specPath = process.env.PORTICO_SPEC_PATH ?? "";
const rulesDocument = parseRulesDocument(readFileSync(new URL("RULES.md", import.meta.url), "utf8"));
const titles = titlesByFile(root);

describe("docs/RULES.md lists every product rule", () => {
  it("gives every rule a status: enforced, partly or not built yet", () => {
    expect(rulesDocument.problems).toEqual([]);
    expect(rulesDocument.rules.length).toBeGreaterThan(0);
  });

  it.runIf(specPath !== "" && existsSync(specPath))("lists every rule id of the spec (PORTICO_SPEC_PATH), and none it does not define", () => {
    const specIds = specRuleIds(readFileSync(specPath, "utf8"));
    const listed = rulesDocument.rules.map((r) => r.id);
    expect(specIds.filter((id) => !listed.includes(id)), "spec rules missing from docs/RULES.md").toEqual([]);
    expect(listed.filter((id) => !specIds.includes(id)), "ids in docs/RULES.md the spec does not define").toEqual([]);
  });
});

describe("docs/RULES.md against the code", () => {
  it("names, in some test title, every rule it marks enforced or partly enforced", () => {
    const named = ruleIdsInTitles(titles);
    const untested = rulesDocument.rules.filter((r) => r.status !== "not built yet" && !named.has(r.id)).map((r) => `${r.id} (${r.status})`);
    expect(untested, "rules marked enforced or partly that no vitest or Playwright test title names").toEqual([]);
  });

  it("points only at files and functions that exist (every broken reference listed at once)", () => {
    expect(rulesDocument.references.length).toBeGreaterThan(0);
    expect(brokenReferences(root, rulesDocument.references), "file#function references in docs/RULES.md").toEqual([]);
  });

  it("cites only tests that exist, by file and title (every missing one listed at once)", () => {
    expect(rulesDocument.citedTests.length).toBeGreaterThan(0);
    expect(missingCitedTests(titles, rulesDocument.citedTests), "tests cited in docs/RULES.md").toEqual([]);
  });
});

describe("the checks themselves can fail", () => {
  const sample = [
    "### P1 — one",
    "- **Status:** enforced.",
    "- **Enforced in:** `lib/access/viewer.ts#loadViewer`, `lib/access/viewer.ts#noSuchFunction`, `lib/nowhere.ts#anything`.",
    "- **Tests:** `lib/access/viewer.test.ts` › \"no such title\"",
    "### S9 — two",
    "- **Status:** partly. Some of it.",
    "### E9 — three",
    "- **Status:** not built yet.",
    "### C9 — four",
    "Nothing says how far it is built.",
  ].join("\n");
  const parsed = parseRulesDocument(sample);

  it("reads statuses and reports a rule without one", () => {
    expect(parsed.rules).toEqual([
      { id: "P1", status: "enforced" },
      { id: "S9", status: "partly" },
      { id: "E9", status: "not built yet" },
    ]);
    expect(parsed.problems).toEqual(['C9: no "- **Status:** enforced | partly | not built yet" line']);
  });

  it("reports a missing file and a name the file does not declare, together", () => {
    expect(brokenReferences(root, parsed.references)).toEqual([
      'lib/access/viewer.ts#noSuchFunction: lib/access/viewer.ts declares no "noSuchFunction"',
      "lib/nowhere.ts#anything: no file lib/nowhere.ts",
    ]);
  });

  it("reports a cited test title that does not exist", () => {
    expect(missingCitedTests(titles, parsed.citedTests)).toEqual(['lib/access/viewer.test.ts: no test titled "no such title"']);
  });

  it("finds rule ids in vitest and Playwright titles, never in comments or test bodies", () => {
    const source = [
      "// S1: a comment is not a title",
      'describe("E5 switches", () => {',
      "  it(`C2 ${kind}: drafts`, () => { expect(\"M1 in a body\").toBeTruthy(); });",
      '  describe.each(rows)("S7 %s", () => {});',
      "});",
      'test.describe("Q1 pages", () => { test("P3 blocked", async () => {}); });',
    ].join("\n");
    const found = new Map([["x.test.ts", testTitles("x.test.ts", source)]]);
    expect([...ruleIdsInTitles(found)].sort()).toEqual(["C2", "E5", "P3", "Q1", "S7"]);
  });

  it("reads the spec's rule ids from its bold list items only", () => {
    expect(specRuleIds("- **P1** Every account…\n  see **P2** below\n- **B6** Sync")).toEqual(["P1", "B6"]);
  });
});
