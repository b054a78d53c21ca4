import "server-only";
/**
 * Password sign-in: the only place that reads a password hash. Rate limits are kept in
 * the database so that every app instance shares them; answers never tell whether an
 * account exists (a blocked account is named only to someone who knows its password).
 */
import { and, count, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { people, signInAttempts } from "@/db/schema";
import { signInLimits } from "./limits";
import { verifyAgainstDummy, verifyPassword } from "./password";

/** Read once, at start-up: lib/auth/limits.ts. */
export const SIGN_IN_LIMITS = signInLimits();

export type SignInResult =
  | { ok: true; person: { id: string; name: string; email: string; audience: "organisational" | "external"; roles: string[] } }
  | { ok: false; reason: "invalid" | "blocked" }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number };

// The first key of the advisory locks on attempt buckets (any constant other locks do not use).
const ATTEMPT_LOCK_CLASS = 7412;

export const accountBucket = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressBucket = (address: string) => `address:${address}`;

async function recentFailures(db: Db, bucket: string, since: Date) {
  const [row] = await db
    .select({ n: count(), oldest: sql<string | Date | null>`min(${signInAttempts.attemptedAt})` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.bucket, bucket), gt(signInAttempts.attemptedAt, since)));
  return { n: row?.n ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

/**
 * The rate limits of every sign-in step (password, second factor): `buckets[0]` is the
 * account's bucket, `buckets[1]` the address's. Null when neither is over its limit.
 */
export async function rateLimited(db: Db, buckets: [string, string] | string[], now: Date): Promise<{ ok: false; reason: "rate-limited"; retryAfterMinutes: number } | null> {
  const windowMs = SIGN_IN_LIMITS.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const [account, address] = await Promise.all(buckets.map((b) => recentFailures(db, b, since)));
  const limited = [
    account!.n >= SIGN_IN_LIMITS.perAccount ? account!.oldest : null,
    address!.n >= SIGN_IN_LIMITS.perAddress ? address!.oldest : null,
  ].filter((d): d is Date => d !== null);
  if (!limited.length) return null;
  const freeAt = Math.max(...limited.map((d) => d.getTime() + windowMs));
  return { ok: false, reason: "rate-limited", retryAfterMinutes: Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)) };
}

/** Counts a failed attempt against each bucket, and trims attempts too old to matter. */
export async function recordFailure(db: Db, buckets: string[], now: Date): Promise<void> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  await db.insert(signInAttempts).values(buckets.map((bucket) => ({ bucket, attemptedAt: now })));
  // Old attempts are of no further use; trimming here keeps the table small without a job.
  await db.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, since));
}

/**
 * Counts an attempt before its password is checked, atomically with the limit check: the
 * buckets are locked (a transaction-scoped advisory lock per bucket, in one order so two
 * attempts cannot deadlock), counted, and the attempt written, so that parallel guesses
 * cannot all pass the check before any is counted (M8: 6 parallel guesses with a limit of
 * 5 record 5 and refuse the 6th). The attempt stays counted as a failure unless
 * releaseAttempt takes it back (the password was right).
 */
export async function reserveAttempt(
  db: Db,
  buckets: string[],
  now: Date,
): Promise<{ ok: true; ids: number[] } | { ok: false; reason: "rate-limited"; retryAfterMinutes: number }> {
  return db.transaction(async (tx) => {
    for (const bucket of [...new Set(buckets)].sort()) {
      await tx.execute(sql`select pg_advisory_xact_lock(${ATTEMPT_LOCK_CLASS}, hashtext(${bucket}))`);
    }
    const limit = await rateLimited(tx as unknown as Db, buckets, now);
    if (limit) return limit;
    const rows = await tx
      .insert(signInAttempts)
      .values(buckets.map((bucket) => ({ bucket, attemptedAt: now })))
      .returning({ id: signInAttempts.id });
    await tx.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000)));
    return { ok: true as const, ids: rows.map((r) => r.id) };
  });
}

/** Takes back an attempt reserveAttempt counted: it turned out not to be a failure. */
export async function releaseAttempt(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(signInAttempts).where(inArray(signInAttempts.id, ids));
}

/** Forgets an account's failures after it got in. */
export async function clearFailures(db: Db, bucket: string): Promise<void> {
  await db.delete(signInAttempts).where(inArray(signInAttempts.bucket, [bucket]));
}


export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; address: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const buckets = [accountBucket(input.email), addressBucket(input.address)];
  // Counted before the (slow) password check, atomically with the limit check.
  const attempt = await reserveAttempt(db, buckets, now);
  if (!attempt.ok) return attempt;

  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      audience: people.audience,
      roles: people.roles,
      passwordHash: people.passwordHash,
      blocked: people.blocked,
    })
    .from(people)
    .where(sql`lower(${people.email}) = ${input.email.trim().toLowerCase()}`)
    .limit(1);

  const passwordMatches = person?.passwordHash
    ? await verifyPassword(person.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);

  // A wrong password stays counted; a right one is no failure.
  if (!person || !passwordMatches) return { ok: false, reason: "invalid" };
  await releaseAttempt(db, attempt.ids);
  if (person.blocked) return { ok: false, reason: "blocked" };

  await clearFailures(db, buckets[0]!);
  await db.update(people).set({ lastAccessAt: now }).where(eq(people.id, person.id));
  return {
    ok: true,
    person: { id: person.id, name: person.name, email: person.email, audience: person.audience, roles: person.roles },
  };
}

/** Fresh claims for re-issuing a session cookie after the account changed (audience, roles). */
export async function readSessionClaims(db: Db, personId: string) {
  const [person] = await db
    .select({ audience: people.audience, roles: people.roles, blocked: people.blocked })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  return person && !person.blocked ? { audience: person.audience, roles: person.roles as string[] } : null;
}
