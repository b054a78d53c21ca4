import "server-only";
/**
 * D2: what a page's action answered (lib/action-result.ts), as the API's answer: the value,
 * or a problem document whose status says what kind of refusal it is. Bad input: 422 with
 * each field's message by the field's name (as the form shows them); a permission refused:
 * 403 (the action's words, which say nothing of what the item is); what the person can fix
 * (a stale version, a duplicate): 409 with the action's message; the server's own failure: 500.
 */
import { FAILED_MESSAGE, REFUSED_MESSAGE } from "@/lib/actions";
import type { ActionResult } from "@/lib/action-result";
import { problemResponse } from "./problem";

export function actionAnswer<T, V>(result: ActionResult<T>, present: (data: T) => V, success: { status?: 200 | 201; location?: (data: T) => string } = {}): Response | { ok: V; status?: 200 | 201; location?: string } {
  if (result.ok) return { ok: present(result.data), status: success.status, location: success.location?.(result.data) };
  return actionProblem(result);
}

/** A failed action's answer as a problem document (for handlers that answer success their own way). */
export function actionProblem(result: Extract<ActionResult<unknown>, { ok: false }>): Response {
  if (result.fieldErrors) {
    return problemResponse({ status: 422, title: "Unprocessable Content", detail: "Some fields are not right: see errors.", errors: result.fieldErrors });
  }
  const message = result.formError ?? FAILED_MESSAGE;
  if (message === REFUSED_MESSAGE) return problemResponse({ status: 403, title: "Forbidden", detail: message });
  if (message === FAILED_MESSAGE) return problemResponse({ status: 500, title: "Internal Server Error", detail: message });
  return problemResponse({ status: 409, title: "Conflict", detail: message });
}
