import type { ActionResult } from "@/lib/action-result";

/** One line for a failed action: its form error, or its first field error. */
export function problemOf(result: ActionResult<unknown>): string | null {
  if (result.ok) return null;
  return result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "Something went wrong and nothing was changed.";
}
