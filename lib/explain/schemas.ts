/**
 * B1: the explainer's inputs, shared by the page's query string, the panels and the server
 * actions (client-safe). A target travels as one text, "<kind>:<id>": section:12, item:<uuid>,
 * group:3, file:<uuid>.
 */
import { z } from "zod";
import type { ExplainTarget } from "@/lib/access/explain/types";
import { INT_MAX, searchText } from "@/lib/validation/text";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT = /^[1-9][0-9]{0,9}$/;

export const TARGET_KIND_LABELS: Record<ExplainTarget["kind"], string> = {
  section: "Section",
  item: "Item",
  group: "Group",
  file: "Group file",
};

/** "<kind>:<id>" → the target, or null for anything else (never throws). */
export function parseTarget(text: string | null | undefined): ExplainTarget | null {
  const match = /^(section|item|group|file):(.+)$/.exec(text ?? "");
  if (!match) return null;
  const [, kind, id] = match as unknown as [string, ExplainTarget["kind"], string];
  if (kind === "section" || kind === "group") {
    if (!INT.test(id) || Number(id) > INT_MAX) return null;
    return { kind, id: Number(id) };
  }
  return UUID.test(id) ? { kind, id: id.toLowerCase() } : null;
}

export function targetText(target: ExplainTarget): string {
  return `${target.kind}:${target.id}`;
}

export const CHOOSE_PERSON = "Choose a person from the list.";
export const CHOOSE_TARGET = "Choose a section, item, group or file from the list.";

const targetField = z.string({ error: CHOOSE_TARGET }).transform((text, ctx) => {
  const target = parseTarget(text);
  if (!target) {
    ctx.addIssue({ code: "custom", message: CHOOSE_TARGET });
    return z.NEVER;
  }
  return target;
});

export const explainInput = z.object({
  personId: z.string({ error: CHOOSE_PERSON }).regex(UUID, CHOOSE_PERSON),
  target: targetField,
});

/** The pickers' searches: a person for a target, or a target (the explainer's own page). */
export const explainPeopleSearch = z.object({
  query: searchText(100, "Type at most 100 characters."),
  target: targetField,
});
export const explainTargetSearch = z.object({ query: searchText(100, "Type at most 100 characters.") });

/**
 * The explainer page's form (client): a target and a person chosen from the pickers. The
 * server action parses the pair again as explainInput.
 */
export const explainFormSchema = z
  .object({
    target: z.object({ target: z.string(), kind: z.enum(["section", "item", "group", "file"]), title: z.string(), place: z.string().nullable() }).nullable(),
    person: z.object({ id: z.string(), name: z.string(), email: z.string(), audience: z.enum(["organisational", "external"]) }).nullable(),
  })
  .superRefine((form, ctx) => {
    if (!form.target) ctx.addIssue({ code: "custom", path: ["target"], message: CHOOSE_TARGET });
    if (!form.person) ctx.addIssue({ code: "custom", path: ["person"], message: CHOOSE_PERSON });
  });
export type ExplainForm = z.infer<typeof explainFormSchema>;
