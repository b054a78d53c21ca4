/**
 * What every server action answers, so every form shows errors the same way: each
 * field's message beside the field, anything else in the form's error summary.
 * Kept apart from lib/actions.ts so client components can import it.
 */
import type { z } from "zod";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  /** redirectTo: the session has ended (M4: too many wrong passwords); the browser goes there. */
  | { ok: false; formError?: string; fieldErrors?: Record<string, string>; redirectTo?: string };

/** The first message for each field of a failed zod parse. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** One line for a failed action: its form error, or its first field error (null when it succeeded). */
export function problemOf(result: ActionResult<unknown>): string | null {
  if (result.ok) return null;
  return result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "Something went wrong and nothing was changed.";
}
