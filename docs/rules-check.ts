/**
 * Reads docs/RULES.md and the repository's test titles, for docs/rules.test.ts: the rule
 * list must name every spec rule, every rule it calls enforced or partly enforced must be
 * named by a test title, and every `file#function` it cites must exist.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** A rule id as the spec writes it: one capital letter and a number (P1, S5, C3, M6…). */
const RULE_ID = /\b([A-Z][0-9]{1,2})\b/g;

export type RuleStatus = "enforced" | "partly" | "not built yet";

export interface RuleEntry {
  id: string;
  status: RuleStatus;
}

export interface RulesDocument {
  rules: RuleEntry[];
  /** Rules whose status line is missing or unreadable, and ids listed twice. */
  problems: string[];
  /** Every `` `path#name` `` in the document: code it says enforces or maintains a rule. */
  references: string[];
  /** Every `` `test file` › "title" `` in the document. */
  citedTests: { file: string; title: string }[];
}

/** Rule ids the spec defines: every bold `**X9**` that opens a list item. */
export function specRuleIds(specText: string): string[] {
  return [...specText.matchAll(/^- \*\*([A-Z][0-9]{1,2})\*\*/gm)].map((m) => m[1]!);
}

const STATUSES = ["not built yet", "partly", "enforced"] as const;

/**
 * RULES.md's own list. Each rule is a `### X9 — title` heading followed by a
 * `- **Status:** …` line starting with one of the three statuses.
 */
export function parseRulesDocument(rulesText: string): RulesDocument {
  const rules: RuleEntry[] = [];
  const problems: string[] = [];
  for (const block of rulesText.split(/^### /m).slice(1)) {
    const id = /^([A-Z][0-9]{1,2}) /.exec(block)?.[1];
    if (!id) continue;
    const statusText = /^- \*\*Status:\*\*\s*(.*)$/m.exec(block)?.[1]?.trim().toLowerCase() ?? "";
    const status = STATUSES.find((s) => statusText.startsWith(s));
    if (!status) problems.push(`${id}: no "- **Status:** enforced | partly | not built yet" line`);
    else if (rules.some((r) => r.id === id)) problems.push(`${id}: listed twice`);
    else rules.push({ id, status });
  }
  const references = [...rulesText.matchAll(/`([\w./()[\]-]+\.(?:ts|tsx|sql|mjs|cjs))#([\w$]+)`/g)].map((m) => `${m[1]}#${m[2]}`);
  const citedTests = [...rulesText.matchAll(/`([\w./-]+\.(?:test|spec)\.ts)`\s+›\s+"([^"]+)"/g)].map((m) => ({ file: m[1]!, title: m[2]! }));
  return { rules, problems, references, citedTests };
}

const TEST_FUNCTIONS = new Set(["describe", "it", "test"]);

/** True for `describe`, `it.skip`, `test.describe.serial`, `describe.each(rows)` and the like. */
function isTestCallee(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return TEST_FUNCTIONS.has(expression.text);
  if (ts.isPropertyAccessExpression(expression)) return isTestCallee(expression.expression);
  if (ts.isCallExpression(expression)) return isTestCallee(expression.expression); // describe.each(rows)("title", …)
  return false;
}

/** The literal text of a title argument; a template's `${…}` parts count as nothing. */
function titleText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [titleText(node.left), titleText(node.right)].filter((t) => t !== undefined).join("");
  }
  return undefined;
}

/** Titles of the vitest and Playwright `describe`/`it`/`test` calls in one source text. */
export function testTitles(fileName: string, sourceText: string): string[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const titles: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && isTestCallee(node.expression) && node.arguments.length >= 2) {
      const first = node.arguments[0];
      const title = first ? titleText(first) : undefined;
      if (title !== undefined) titles.push(title);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return titles;
}

const SKIPPED_FOLDERS = new Set(["node_modules", ".next", ".git", ".cache", ".data", "test-results", "playwright-report"]);

/** The repository's test files: every `*.test.ts`, and `e2e/*.spec.ts`. */
export function testFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.name.endsWith(".test.ts")) {
        found.push(relative(root, join(dir, entry.name)));
      }
    }
  };
  walk(root);
  const e2e = join(root, "e2e");
  if (existsSync(e2e)) {
    for (const name of readdirSync(e2e)) if (name.endsWith(".spec.ts")) found.push(join("e2e", name));
  }
  return found.sort();
}

/** Spaces collapsed, ends trimmed: a template title's `${…}` parts leave gaps behind. */
function normaliseTitle(title: string): string {
  return title.replace(/\s+/g, " ").trim();
}

/** Every test file's titles, normalised. */
export function titlesByFile(root: string): Map<string, string[]> {
  return new Map(testFiles(root).map((file) => [file, testTitles(file, readFileSync(join(root, file), "utf8")).map(normaliseTitle)]));
}

/** The rule ids that some test title names. */
export function ruleIdsInTitles(titles: Map<string, string[]>): Set<string> {
  const named = new Set<string>();
  for (const list of titles.values()) for (const title of list) for (const match of title.matchAll(RULE_ID)) named.add(match[1]!);
  return named;
}

/** Each cited test whose file is not a test file or holds no test of that title. */
export function missingCitedTests(titles: Map<string, string[]>, cited: { file: string; title: string }[]): string[] {
  const missing = cited
    .filter(({ file, title }) => !titles.get(file)?.includes(normaliseTitle(title)))
    .map(({ file, title }) => (titles.has(file) ? `${file}: no test titled "${title}"` : `${file}: no such test file ("${title}")`));
  return [...new Set(missing)];
}

/** `name` declared in a source text: a function, class, variable, type, or an SQL function. */
function declares(sourceText: string, name: string): boolean {
  const escaped = name.replace(/\$/g, "\\$");
  return new RegExp(`\\b(?:function\\*?|const|let|var|class|interface|type|enum)\\s+${escaped}\\b`, "i").test(sourceText);
}

/** Every `path#name` reference whose file is missing or does not declare the name. */
export function brokenReferences(root: string, references: Iterable<string>): string[] {
  const broken: string[] = [];
  for (const reference of new Set(references)) {
    const [path, name] = reference.split("#") as [string, string];
    const file = join(root, path);
    if (!existsSync(file)) broken.push(`${reference}: no file ${path}`);
    else if (!declares(readFileSync(file, "utf8"), name)) broken.push(`${reference}: ${path} declares no "${name}"`);
  }
  return broken.sort();
}
