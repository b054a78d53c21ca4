"use server";
/**
 * P7: the two forms of a forgotten password. The person is signed out, so these are not
 * defineActions (which need a viewer) but follow them, as the welcome link's does
 * (lib/people/welcome-action.ts): the address allowlist (M7), the input parsed with the
 * form's schema, the work in one transaction, and an audit row (M8) with no token and
 * no password in it.
 */
import { headers } from "next/headers";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { recordFailure, rateLimited } from "@/lib/auth/sign-in";
import { type ActionResult, fieldErrorsOf } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit/mutations";
import { requestAllowed } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST } from "@/lib/security/ip";
import { clientAddress } from "./auth";
import { hashPassword } from "./password";
import { passwordProblem } from "./password-strength";
import { PASSWORD_RESET_LINK_MESSAGES, completePasswordReset, passwordResetBuckets, requestPasswordReset } from "./password-reset";
import { forgotPasswordInput, resetPasswordInput } from "./password-reset-schemas";

const FAILED = "Something went wrong and nothing was changed. Please try again.";

/** What went wrong, without the failed query's text: its parameters hold addresses and password hashes. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error && !("query" in error) ? error.message : "a query failed";
}

async function requestAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null; // outside a request
  }
}

/**
 * P7: "Forgot your password?". The answer is the same whether or not the address has an
 * account, and comes as quickly: everything before it (the rate limits, counting this
 * request) is the same for every address, and looking the account up, queuing its mail
 * and auditing happen after the response has gone (next/server `after`). Requests are
 * limited per address typed and per client address, with the sign-in limits' machinery.
 */
export async function forgotPasswordAction(raw: unknown): Promise<ActionResult<{ email: string }>> {
  if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
  const parsed = forgotPasswordInput.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { email } = parsed.data;
  const address = await requestAddress();
  const now = new Date();
  const db = await getDb();
  const buckets = passwordResetBuckets(email, address);
  try {
    const limit = await rateLimited(db, buckets, now);
    if (limit) {
      await recordAudit(db, { actor: null, action: "auth.password-reset.rate-limited", address, details: { email } });
      const m = limit.retryAfterMinutes;
      return { ok: false, formError: `Too many requests for a new password. Wait ${m} minute${m === 1 ? "" : "s"}, then try again.` };
    }
    // Every request counts toward the limits, whatever the address.
    await recordFailure(db, buckets, now);
  } catch (error) {
    console.error(`action auth.password-reset.request failed: ${reasonOf(error)}`);
    return { ok: false, formError: FAILED };
  }
  after(async () => {
    try {
      await db.transaction(async (tx) => {
        const { outcome, personId } = await requestPasswordReset(tx, email, now);
        await recordAudit(tx, {
          actor: null,
          action: "auth.password-reset.requested",
          target: personId ? { type: "person", id: personId } : null,
          address,
          details: { email, outcome },
        });
      });
    } catch (error) {
      console.error(`action auth.password-reset.request failed after its answer: ${reasonOf(error)}`);
    }
  });
  return { ok: true, data: { email } };
}

/**
 * P7: the reset link's form. The password is hashed (argon2id) before the transaction;
 * the link is checked and used inside it, its row locked. The person then signs in on
 * the sign-in page, with their second factor if they have one (M4).
 */
export async function resetPasswordAction(raw: unknown): Promise<ActionResult<{ email: string }>> {
  if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
  const parsed = resetPasswordInput.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  // Before the link is used: a refused password leaves it valid for another try.
  const weak = await passwordProblem(parsed.data.password);
  if (weak) return { ok: false, fieldErrors: { password: weak } };
  const passwordHash = await hashPassword(parsed.data.password);
  const address = await requestAddress();
  const db = await getDb();
  try {
    const result = await db.transaction(async (tx) => {
      const outcome = await completePasswordReset(tx, parsed.data.token, passwordHash);
      await recordAudit(tx, {
        actor: outcome.ok ? { id: outcome.personId, email: outcome.email } : null,
        action: outcome.ok ? "auth.password-reset.complete" : "auth.password-reset.refused",
        target: outcome.personId ? { type: "person", id: outcome.personId } : null,
        address,
        details: outcome.ok ? { endedSessions: outcome.endedSessions } : { state: outcome.state },
      });
      return outcome;
    });
    if (!result.ok) return { ok: false, formError: PASSWORD_RESET_LINK_MESSAGES[result.state] };
    return { ok: true, data: { email: result.email } };
  } catch (error) {
    console.error(`action auth.password-reset.complete failed: ${reasonOf(error)}`);
    return { ok: false, formError: FAILED };
  }
}
