import "server-only";
/**
 * The second step of sign-in (M4): after a right password (or an SSO sign-in, M5), a
 * person with a second factor gets a short-lived, single-use, signed challenge instead of
 * a session. The challenge is completed with a code from their authenticator app, a
 * recovery code, or a code sent to their mobile; only then is a session issued. Every
 * step is rate limited like passwords (lib/auth/sign-in.ts).
 */
import { randomInt } from "node:crypto";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { getDb } from "@/db/client";
import { recordAudit } from "@/lib/audit/mutations";
import { people, recoveryCodes, sessions, signInChallenges, twoFactor } from "@/db/schema";
import { addressBucket, clearFailures, releaseAttempt, reserveAttempt } from "./sign-in";
import { sendSms } from "@/lib/security/sms";
import { decryptSecret, hashCode, sign, verifySignature } from "./crypto";
import { getAuthenticationSettings } from "./settings";
import { matchTotp } from "./totp";

export const CHALLENGE_MINUTES = 10;
export const MOBILE_CODE_MINUTES = 5;
/** Wrong codes one challenge survives; the per-account limit applies across challenges. */
export const CHALLENGE_MAX_FAILURES = 5;
export const TOTP_SECRET_PURPOSE = "totp-secret";
export const RECOVERY_PURPOSE = "recovery-code";
const MOBILE_PURPOSE = "mobile-code";

export type SignedInPerson = { id: string; name: string; email: string; audience: "organisational" | "external"; roles: string[] };

export interface SecondFactorMethods {
  totp: boolean;
  /** The last digits of the mobile number codes can be sent to; null when mobile codes are off or there is no number. */
  mobileEnding: string | null;
}

/** Which second factors a person has; `null` when they sign in with one factor. */
export async function secondFactorMethods(db: Db, personId: string): Promise<SecondFactorMethods | null> {
  const [[row], settings] = await Promise.all([
    db
      .select({ mobile: people.mobile, totp: sql<boolean>`${twoFactor.confirmedAt} is not null` })
      .from(people)
      .leftJoin(twoFactor, eq(twoFactor.personId, people.id))
      .where(eq(people.id, personId))
      .limit(1),
    getAuthenticationSettings(db),
  ]);
  if (!row) return null;
  const mobile = settings.mobileCodes && row.mobile?.trim() ? row.mobile.trim() : null;
  const methods = { totp: row.totp === true, mobileEnding: mobile ? mobile.replace(/\D/g, "").slice(-2) : null };
  return methods.totp || methods.mobileEnding ? methods : null;
}

/** A new challenge for someone who gave their first factor: the token the browser holds. */
export async function createChallenge(db: Db, personId: string, via: "password" | "sso", now: Date = new Date()): Promise<string> {
  // Expired challenges are of no further use: trimmed here, as sign-in attempts are.
  await db.delete(signInChallenges).where(lt(signInChallenges.expiresAt, new Date(now.getTime() - 24 * 3600_000)));
  const [row] = await db
    .insert(signInChallenges)
    .values({ personId, via, createdAt: now, expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000) })
    .returning({ id: signInChallenges.id });
  return `${row!.id}.${sign(row!.id, "challenge")}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The live challenge a token names, or null (forged, used, expired, or failed too often). */
async function liveChallenge(db: Db, token: string, now: Date) {
  const [id, signature] = token.split(".");
  if (!id || !signature || !UUID.test(id) || !verifySignature(id, signature, "challenge")) return null;
  const [row] = await db.select().from(signInChallenges).where(eq(signInChallenges.id, id)).limit(1);
  if (!row || row.usedAt || row.expiresAt <= now || row.failures >= CHALLENGE_MAX_FAILURES) return null;
  return row;
}

export type MobileCodeResult = { ok: true; ending: string } | { ok: false; reason: "expired" | "unavailable" | "too-soon" };
/** A new code may be asked for this long after the last one. */
export const MOBILE_RESEND_SECONDS = 30;

/** Sends a new one-time code to the mobile of the challenge's person (M4, M6); replaces any earlier code. */
export async function sendMobileCode(db: Db, token: string, now: Date = new Date()): Promise<MobileCodeResult> {
  const challenge = await liveChallenge(db, token, now);
  if (!challenge) return { ok: false, reason: "expired" };
  const lastSentAt = challenge.mobileCodeExpiresAt ? challenge.mobileCodeExpiresAt.getTime() - MOBILE_CODE_MINUTES * 60_000 : null;
  if (lastSentAt !== null && now.getTime() - lastSentAt < MOBILE_RESEND_SECONDS * 1000) return { ok: false, reason: "too-soon" };
  const methods = await secondFactorMethods(db, challenge.personId);
  const [person] = await db.select({ mobile: people.mobile }).from(people).where(eq(people.id, challenge.personId)).limit(1);
  if (!methods?.mobileEnding || !person?.mobile) return { ok: false, reason: "unavailable" };
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db
    .update(signInChallenges)
    .set({ mobileCodeHash: hashCode(`${challenge.id}:${code}`, MOBILE_PURPOSE), mobileCodeExpiresAt: new Date(now.getTime() + MOBILE_CODE_MINUTES * 60_000) })
    .where(eq(signInChallenges.id, challenge.id));
  await sendSms(db, {
    recipientId: challenge.personId,
    to: person.mobile.trim(),
    body: `Your Portico sign-in code is ${code}. It expires in ${MOBILE_CODE_MINUTES} minutes. Never share it.`,
    secret: code,
  });
  return { ok: true, ending: methods.mobileEnding };
}

/** The login form's "send a code to my mobile": sends it and records that it was sent (M8). */
export async function requestMobileCode(token: string, address: string): Promise<MobileCodeResult> {
  const db = await getDb();
  const result = await sendMobileCode(db, token);
  if (result.ok) await recordAudit(db, { actor: null, action: "auth.mobile-code.sent", address, details: { ending: result.ending } });
  return result;
}

export type SecondFactorResult =
  | { ok: true; person: SignedInPerson; via: "password" | "sso"; method: "totp" | "recovery" | "mobile"; recoveryCodesLeft?: number }
  | { ok: false; reason: "invalid" | "expired" | "blocked"; personId?: string }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number; personId?: string };

/** Recovery codes are shown as "xxxxx-xxxxx"; typed with or without the dash, in any case. */
export function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/**
 * Completes a challenge with a code. Each code works once: the authenticator's time step
 * is remembered, a recovery code is marked used, a mobile code is cleared, and the
 * challenge itself is spent, each by a conditional update so two requests racing with
 * one code cannot both succeed.
 */
export async function completeChallenge(db: Db, input: { token: string; code: string; address: string }, now: Date = new Date()): Promise<SecondFactorResult> {
  const challenge = await liveChallenge(db, input.token, now);
  if (!challenge) return { ok: false, reason: "expired" };
  const buckets = [`second-factor:${challenge.personId}`, addressBucket(input.address)];
  // Counted before the code is checked, atomically with the limit (parallel guesses cannot all pass it).
  const attempt = await reserveAttempt(db, buckets, now);
  if (!attempt.ok) return { ...attempt, personId: challenge.personId };

  const code = input.code.trim();
  let method: "totp" | "recovery" | "mobile" | null = null;
  let recoveryCodesLeft: number | undefined;

  if (/^\d{6}$/.test(code)) {
    const [factor] = await db.select().from(twoFactor).where(eq(twoFactor.personId, challenge.personId)).limit(1);
    if (factor?.confirmedAt) {
      const step = matchTotp(decryptSecret(factor.secretEncrypted, TOTP_SECRET_PURPOSE), code, now, factor.lastUsedStep);
      if (step !== null) {
        const used = await db
          .update(twoFactor)
          .set({ lastUsedStep: step })
          .where(and(eq(twoFactor.personId, challenge.personId), or(isNull(twoFactor.lastUsedStep), lt(twoFactor.lastUsedStep, step))))
          .returning({ personId: twoFactor.personId });
        if (used.length) method = "totp";
      }
    }
    if (!method && challenge.mobileCodeHash && challenge.mobileCodeExpiresAt && challenge.mobileCodeExpiresAt > now) {
      const used = await db
        .update(signInChallenges)
        .set({ mobileCodeHash: null, mobileCodeExpiresAt: null })
        .where(and(eq(signInChallenges.id, challenge.id), eq(signInChallenges.mobileCodeHash, hashCode(`${challenge.id}:${code}`, MOBILE_PURPOSE)), gt(signInChallenges.mobileCodeExpiresAt, now)))
        .returning({ id: signInChallenges.id });
      if (used.length) method = "mobile";
    }
  } else if (/^[a-z0-9]{10}$/.test(normaliseRecoveryCode(code))) {
    const used = await db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.personId, challenge.personId), eq(recoveryCodes.codeHash, hashCode(normaliseRecoveryCode(code), RECOVERY_PURPOSE)), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    if (used.length) {
      method = "recovery";
      const [left] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.personId, challenge.personId), isNull(recoveryCodes.usedAt)));
      recoveryCodesLeft = left?.n ?? 0;
    }
  }

  if (!method) {
    await db.update(signInChallenges).set({ failures: sql`${signInChallenges.failures} + 1` }).where(eq(signInChallenges.id, challenge.id));
    return { ok: false, reason: "invalid", personId: challenge.personId };
  }
  const spent = await db
    .update(signInChallenges)
    .set({ usedAt: now })
    .where(and(eq(signInChallenges.id, challenge.id), isNull(signInChallenges.usedAt)))
    .returning({ id: signInChallenges.id });
  // A right code is no failure.
  await releaseAttempt(db, attempt.ids);
  if (!spent.length) return { ok: false, reason: "expired" };

  const [person] = await db
    .select({ id: people.id, name: people.name, email: people.email, audience: people.audience, roles: people.roles, blocked: people.blocked })
    .from(people)
    .where(eq(people.id, challenge.personId))
    .limit(1);
  if (!person) return { ok: false, reason: "expired" };
  if (person.blocked) return { ok: false, reason: "blocked", personId: person.id };
  await clearFailures(db, buckets[0]!);
  return {
    ok: true,
    person: { id: person.id, name: person.name, email: person.email, audience: person.audience, roles: person.roles },
    via: challenge.via === "sso" ? "sso" : "password",
    method,
    recoveryCodesLeft,
  };
}

/** A new session row: its id goes into the JWT, and loadViewer checks it on every request. */
export async function createSession(db: Db, personId: string, via: "password" | "sso", now: Date = new Date()): Promise<string> {
  const [row] = await db.insert(sessions).values({ personId, via, createdAt: now }).returning({ id: sessions.id });
  await db.update(people).set({ lastAccessAt: now }).where(eq(people.id, personId));
  return row!.id;
}
