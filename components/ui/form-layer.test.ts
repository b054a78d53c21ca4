/**
 * Every form that sends something goes through the one client form layer (action-form.tsx
 * with the fields of fields.tsx): the same error summary, field errors beside their
 * fields, busy state and redirects after the sign-in limit (M4) everywhere. These checks
 * read the source, so a hand-rolled form is found before a person meets it.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".tsx") ? [path] : [];
  });
}

const files = [...sources("components"), ...sources("app")].map((path) => ({ path: relative(root, join(root, path)), text: readFileSync(join(root, path), "utf8") }));
const inLayer = (path: string) => path.startsWith("components/ui/");
/**
 * The editor's link and image dialogs are forms of the editor, not of an action: they
 * change the document being edited, which the item's own form (on the layer) sends.
 */
const editorOnly = (path: string) => path.startsWith("components/editor/");

describe("the client form layer is the only way to build a form", () => {
  it("has no hand-rolled <form onSubmit> outside the layer: ActionForm renders every form (Q3)", () => {
    const offenders = files.filter((f) => !inLayer(f.path) && !editorOnly(f.path) && /<form\b[^>]*\bonSubmit=/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("has no error summary of a form's own outside the layer: ActionForm shows it and focuses it (Q1, Q3)", () => {
    const offenders = files.filter((f) => !inLayer(f.path) && /\bFormErrorSummary\b/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("finds the forms it reads (the scan itself works)", () => {
    expect(files.some((f) => f.path === "components/content/poll-vote.tsx" && f.text.includes("useActionForm"))).toBe(true);
    expect(files.filter((f) => f.text.includes("useActionForm(")).length).toBeGreaterThan(20);
  });
});
