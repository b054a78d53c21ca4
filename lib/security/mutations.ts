import "server-only";
/**
 * Sign-in security changes (M4, and one's own password): authentication settings,
 * enrolment in and removal of two-factor sign-in, recovery codes, password changes.
 * Called only from the actions in ./actions.ts, inside their transaction.
 */
import { randomInt } from "node:crypto";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people, recoveryCodes, sessions, settings, twoFactor } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import { decryptSecret, encryptSecret, hashCode } from "@/lib/auth/crypto";
import { hashPassword } from "@/lib/auth/password";
import type { AuthenticationSettings } from "@/lib/auth/schemas";
import { RECOVERY_PURPOSE, TOTP_SECRET_PURPOSE, normaliseRecoveryCode } from "@/lib/auth/second-factor";
import { AUTHENTICATION_SETTINGS_KEY } from "@/lib/auth/settings";
import { matchTotp, newTotpSecret } from "@/lib/auth/totp";

export async function saveAuthenticationSettings(tx: Db, value: AuthenticationSettings, now: Date = new Date()): Promise<void> {
  await tx
    .insert(settings)
    .values({ key: AUTHENTICATION_SETTINGS_KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}

/** M4: a new secret, waiting for its first code. An earlier unconfirmed one is replaced. */
export async function startTotpEnrolment(tx: Db, personId: string): Promise<string> {
  const [existing] = await tx.select({ confirmedAt: twoFactor.confirmedAt }).from(twoFactor).where(eq(twoFactor.personId, personId)).limit(1);
  if (existing?.confirmedAt) throw new ActionError("Two-factor sign-in is already set up. Turn it off first to set it up again.");
  const secret = newTotpSecret();
  const secretEncrypted = encryptSecret(secret, TOTP_SECRET_PURPOSE);
  await tx
    .insert(twoFactor)
    .values({ personId, secretEncrypted })
    .onConflictDoUpdate({ target: twoFactor.personId, set: { secretEncrypted, confirmedAt: null, lastUsedStep: null, createdAt: new Date() } });
  return secret;
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

/** Ten new recovery codes, replacing any earlier ones: shown once, stored hashed. */
export async function replaceRecoveryCodes(tx: Db, personId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ personId, codeHash: hashCode(normaliseRecoveryCode(code), RECOVERY_PURPOSE) })));
  return codes;
}

/** M4: the first code from the app turns two-factor on; returns the recovery codes. */
export async function confirmTotpEnrolment(tx: Db, personId: string, code: string, now: Date = new Date()): Promise<string[]> {
  const [factor] = await tx.select().from(twoFactor).where(eq(twoFactor.personId, personId)).limit(1);
  if (!factor) throw new ActionError("Start setting up two-factor sign-in again: no set-up is waiting.");
  if (factor.confirmedAt) throw new ActionError("Two-factor sign-in is already set up.");
  const step = matchTotp(decryptSecret(factor.secretEncrypted, TOTP_SECRET_PURPOSE), code, now, factor.lastUsedStep);
  if (step === null) throw new ActionError("That code is not right. Check the time on your phone is set automatically, and enter the code now shown.", "code");
  const updated = await tx
    .update(twoFactor)
    .set({ confirmedAt: now, lastUsedStep: step })
    .where(and(eq(twoFactor.personId, personId), isNull(twoFactor.confirmedAt)))
    .returning({ personId: twoFactor.personId });
  if (!updated.length) throw new ActionError("Two-factor sign-in is already set up.");
  return replaceRecoveryCodes(tx, personId);
}

export async function hasConfirmedTwoFactor(tx: Db, personId: string): Promise<boolean> {
  const [row] = await tx.select({ confirmedAt: twoFactor.confirmedAt }).from(twoFactor).where(eq(twoFactor.personId, personId)).limit(1);
  return !!row?.confirmedAt;
}

/** M4: removes the app's secret and every recovery code. */
export async function disableTwoFactor(tx: Db, personId: string): Promise<void> {
  await tx.delete(twoFactor).where(eq(twoFactor.personId, personId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
}

/**
 * One's own password change: a new password, and every other session of the person ended;
 * the current one stays. The current password was checked before (lib/auth/recheck.ts).
 */
export async function changePassword(
  tx: Db,
  input: { personId: string; newPassword: string; keepSessionId: string | null },
  now: Date = new Date(),
): Promise<{ endedSessions: number }> {
  await tx.update(people).set({ passwordHash: await hashPassword(input.newPassword), updatedAt: now }).where(eq(people.id, input.personId));
  return { endedSessions: await endOtherSessions(tx, input.personId, input.keepSessionId, now) };
}

/** Ends every session of the person but `keep` (the one making a change), answering how many. */
export async function endOtherSessions(tx: Db, personId: string, keep: string | null, now: Date = new Date()): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.personId, personId), isNull(sessions.endedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

export class NotEnrolled extends ActionError {
  constructor() {
    super("Two-factor sign-in is not set up for your account.");
  }
}
