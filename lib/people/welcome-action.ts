"use server";
/**
 * P3: the welcome link's form. The person is not signed in, so this is not a
 * defineAction (which needs a viewer) but follows it: the input parsed with the form's
 * schema, the password hashed (argon2id) before the transaction, the link checked and
 * used inside the transaction with its row locked, and one audit row (M8) written there
 * — never the token or the password.
 */
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { type ActionResult, fieldErrorsOf } from "@/lib/action-result";
import { clientAddress } from "@/lib/auth/auth";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-strength";
import { recordAudit } from "@/lib/audit/mutations";
import { safeErrorSummary } from "@/lib/errors";
import { WELCOME_LINK_MESSAGES, completeWelcome } from "./mutations";
import { completeWelcomeInput } from "./schemas";

export async function completeWelcomeAction(raw: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = completeWelcomeInput.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  // Before the link is used: a refused password leaves it valid for another try.
  const weak = await passwordProblem(parsed.data.password);
  if (weak) return { ok: false, fieldErrors: { password: weak } };
  const passwordHash = await hashPassword(parsed.data.password);
  let address: string | null = null;
  try {
    address = clientAddress(await headers());
  } catch {
    address = null;
  }
  const db = await getDb();
  try {
    const result = await db.transaction(async (tx) => {
      const outcome = await completeWelcome(tx, parsed.data.token, passwordHash);
      const target = outcome.personId ? { type: "person", id: outcome.personId } : null;
      const actor = outcome.ok ? { id: outcome.personId, email: outcome.email } : null;
      await recordAudit(tx, {
        actor,
        action: outcome.ok ? "people.welcome.complete" : "people.welcome.refused",
        target,
        address,
        details: outcome.ok ? {} : { state: outcome.state },
      });
      return outcome;
    });
    if (!result.ok) return { ok: false, formError: WELCOME_LINK_MESSAGES[result.state] };
    return { ok: true, data: { email: result.email } };
  } catch (error) {
    console.error(`action people.welcome.complete failed: ${safeErrorSummary(error)}`);
    return { ok: false, formError: "Something went wrong and nothing was changed. Please try again." };
  }
}
