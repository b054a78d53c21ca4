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
