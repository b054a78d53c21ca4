/**
 * Where a failed action's messages go, decided apart from React so it can be tested:
 * a field error beside its field when that field is one of the schema's and is shown
 * now, anything else (and the form error) in the error summary.
 */
import type { ActionResult } from "@/lib/action-result";

/** The summary's words when nothing more precise came back. */
export const GENERIC_PROBLEM = "Something went wrong and nothing was changed.";

export interface RoutedFailure {
  /** [field path, message] for the fields to mark, in the order the action gave them. */
  fields: [string, string][];
  /** The error summary's message, or null to leave it empty (the fields speak for themselves). */
  summary: string | null;
}

/**
 * @param isShown whether a top-level schema key has a field on screen now
 * @param invalidMessage the summary's words when only fields have errors (default: none)
 */
export function routeFailure(
  result: Extract<ActionResult<unknown>, { ok: false }>,
  isShown: (topKey: string) => boolean,
  invalidMessage?: string,
): RoutedFailure {
  const fields: [string, string][] = [];
  let other: string | undefined;
  for (const [key, message] of Object.entries(result.fieldErrors ?? {})) {
    if (isShown(key.split(".")[0]!)) fields.push([key, message]);
    else other ??= message;
  }
  const summary = result.formError ?? other ?? (fields.length ? (invalidMessage ?? null) : GENERIC_PROBLEM);
  return { fields, summary };
}

/**
 * After a failure that ended the session (M4: too many wrong passwords), the browser goes
 * where the action said, with a full page load: nothing of the signed-in page stays.
 */
export function leaveIfSignedOut(result: ActionResult<unknown>): void {
  if (!result.ok && result.redirectTo && result.redirectTo.startsWith("/") && !result.redirectTo.startsWith("//")) window.location.assign(result.redirectTo);
}

/**
 * Every message in react-hook-form's errors, as [field path, message] in the order found:
 * nested fields by their dotted path ("event.startsDate", "poll.options.0.label"), an
 * array's own message (`root`) by the array's path. For the error summary (Q1 Q3), which
 * lists each as a link to its field.
 */
export function listFieldErrors(errors: unknown, path = ""): [string, string][] {
  if (!errors || typeof errors !== "object") return [];
  const node = errors as Record<string, unknown>;
  // A field's error: { type, message, ref }; its own message is the entry.
  if (typeof node.message === "string" && "type" in node) return node.message ? [[path, node.message]] : [];
  const found: [string, string][] = [];
  for (const [key, child] of Object.entries(node)) {
    if (key === "ref") continue;
    found.push(...listFieldErrors(child, key === "root" ? path : path ? `${path}.${key}` : key));
  }
  return found;
}
