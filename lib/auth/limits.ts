/**
 * The sign-in limits (M4), shared by every step that guesses a secret: password sign-in,
 * second factors, password re-checks and password-reset requests. The start-up
 * check (instrumentation.ts) reads this file too, so it imports only lib/env-number.ts.
 *
 * The per-address limit is configurable because one address can be a whole office behind
 * NAT, or a test run: PORTICO_SIGN_IN_ADDRESS_LIMIT, 30 by default. The per-account limit
 * is not: it is what stops a guesser, wherever the guesses come from.
 */
import { readWholeNumber } from "@/lib/env-number";

type Env = Record<string, string | undefined>;

export const DEFAULT_ADDRESS_LIMIT = 30;
const MAX_ADDRESS_LIMIT = 100_000;

const readAddressLimit = (env: Env) => readWholeNumber(env, "PORTICO_SIGN_IN_ADDRESS_LIMIT", DEFAULT_ADDRESS_LIMIT, MAX_ADDRESS_LIMIT);

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
