import "server-only";
/**
 * M4: the one check of a signed-in person's current password, for every change that asks
 * for it again (two-factor off, new recovery codes, a new password, a new mobile number, a
 * new e-mail address). A stolen session must not be able to guess it without limit, so a
 * wrong answer is a failed sign-in: counted in the sign-in limits (per account and per
 * address, the same thresholds and lock, lib/auth/sign-in.ts) and written to the audit
 * log (M8). The failure that reaches the limit ends every session of the person, and the
 * browser is sent to the sign-in page, which says why.
 *
 * It runs before the action's transaction, in transactions of its own, so what it
 * records survives the action's refusal: the attempt is counted before the password is
 * checked (reserveAttempt), and taken back only when the password was right.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { people, sessions } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit/mutations";
import { verifyPassword } from "./password";
import { accountBucket, addressBucket, rateLimited, releaseAttempt, reserveAttempt } from "./sign-in";

/** The sign-in page's `reason` after the sessions were ended here (app/(auth)/login). */
export const TOO_MANY_PASSWORDS_REASON = "too-many-passwords";
export const TOO_MANY_PASSWORDS_PATH = `/login?reason=${TOO_MANY_PASSWORDS_REASON}`;

export const WRONG_PASSWORD_MESSAGE = "Your password is not right. Enter the password you sign in with.";
export const ENTER_PASSWORD_MESSAGE = "Enter your password.";
export const SIGNED_OUT_AFTER_WRONG_PASSWORDS_MESSAGE =
  "Your password was entered wrongly too many times, so you have been signed out everywhere. Nothing was changed.";

export function tooManyPasswordsMessage(retryAfterMinutes: number): string {
  const m = retryAfterMinutes;
  return `Too many wrong passwords. Wait ${m} minute${m === 1 ? "" : "s"}, then try again. Nothing was changed.`;
}

export type RecheckOutcome =
  /** checked: false for a person without a password (SSO, M5): their sign-in stands for it. */
  | { ok: true; checked: boolean }
  | { ok: false; reason: "empty" | "wrong" | "signed-out" }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number };

/**
 * Checks `password` against the person's own. `action` names the change in the audit
 * rows; `address` is the client's (M7, M8), for the per-address limit.
 */
export async function recheckPassword(
  db: Db,
  input: { personId: string; password: string; address: string | null; action: string },
  now: Date = new Date(),
): Promise<RecheckOutcome> {
  const [person] = await db.select({ email: people.email, hash: people.passwordHash }).from(people).where(eq(people.id, input.personId)).limit(1);
  if (!person) return { ok: false, reason: "signed-out" };
  if (!person.hash) return { ok: true, checked: false };
  // Nothing typed is no guess: not counted.
  if (input.password === "") return { ok: false, reason: "empty" };

  const actor = { id: input.personId, email: person.email };
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(db, { actor, action, address: input.address, target: { type: "person", id: input.personId }, details: { action: input.action, ...details } });
  const buckets = [accountBucket(person.email), addressBucket(input.address ?? "unknown")];
  const attempt = await reserveAttempt(db, buckets, now);
  if (!attempt.ok) {
    await audit("auth.password-recheck.refused", { reason: "rate-limited" });
    return attempt;
  }
  if (await verifyPassword(person.hash, input.password)) {
    await releaseAttempt(db, attempt.ids);
    return { ok: true, checked: true };
  }

  // A wrong password: the attempt stays counted.
  await audit("auth.password-recheck.failed", { reason: "wrong-password" });
  if (!(await rateLimited(db, buckets, now))) return { ok: false, reason: "wrong" };
  // That was the last guess allowed: whoever holds this session may not be its owner.
  const ended = await db
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.personId, input.personId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  await audit("auth.password-recheck.signed-out", { endedSessions: ended.length });
  return { ok: false, reason: "signed-out" };
}

/** How an action answers a failed re-check: beside the password field, or sent to sign in again. */
export function recheckRefusal(
  outcome: Extract<RecheckOutcome, { ok: false }>,
  field: string,
  messages: { empty?: string; wrong?: string } = {},
): Extract<ActionResult<never>, { ok: false }> {
  switch (outcome.reason) {
    case "empty":
      return { ok: false, fieldErrors: { [field]: messages.empty ?? ENTER_PASSWORD_MESSAGE } };
    case "wrong":
      return { ok: false, fieldErrors: { [field]: messages.wrong ?? WRONG_PASSWORD_MESSAGE } };
    case "rate-limited":
      return { ok: false, formError: tooManyPasswordsMessage(outcome.retryAfterMinutes) };
    case "signed-out":
      return { ok: false, formError: SIGNED_OUT_AFTER_WRONG_PASSWORDS_MESSAGE, redirectTo: TOO_MANY_PASSWORDS_PATH };
  }
}
