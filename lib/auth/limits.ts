/**
 * The sign-in limits (M4), shared by every step that guesses a secret: password sign-in,
 * second factors, password re-checks and password-reset requests. No imports: the start-up
 * check (instrumentation.ts) reads this file too.
 *
 * The per-address limit is configurable because one address can be a whole office behind
 * NAT, or a test run: PORTICO_SIGN_IN_ADDRESS_LIMIT, 30 by default. The per-account limit
 * is not: it is what stops a guesser, wherever the guesses come from.
 */
type Env = Record<string, string | undefined>;

export const DEFAULT_ADDRESS_LIMIT = 30;
const MAX_ADDRESS_LIMIT = 100_000;

function readAddressLimit(env: Env): { ok: true; value: number } | { ok: false; message: string } {
  const raw = env.PORTICO_SIGN_IN_ADDRESS_LIMIT?.trim();
  if (!raw) return { ok: true, value: DEFAULT_ADDRESS_LIMIT };
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_ADDRESS_LIMIT) {
    return { ok: false, message: `PORTICO_SIGN_IN_ADDRESS_LIMIT must be a whole number from 1 to ${MAX_ADDRESS_LIMIT}; it is ${JSON.stringify(env.PORTICO_SIGN_IN_ADDRESS_LIMIT)}.` };
  }
  return { ok: true, value: Number(raw) };
}

/** Why the server must not start with this setting (instrumentation.ts), or null. */
export function signInLimitsProblem(env: Env = process.env): string | null {
  const reading = readAddressLimit(env);
  return reading.ok ? null : reading.message;
}

/** The limits in force; an unreadable setting stops start-up, and were it read anyway the default applies. */
export function signInLimits(env: Env = process.env) {
  const address = readAddressLimit(env);
  return {
    windowMinutes: 15,
    perAccount: 5,
    perAddress: address.ok ? address.value : DEFAULT_ADDRESS_LIMIT,
  } as const;
}
