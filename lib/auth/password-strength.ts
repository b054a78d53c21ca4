import "server-only";
/**
 * P3, P7, M4: a chosen password must not be easy to guess, on top of the length rules
 * (./password-rules.ts, which the forms share). Checked on the server only, with
 * zxcvbn-ts and its common language package: about 49 000 passwords most often found in
 * breaches and cracking lists, common words, keyboard patterns, sequences, repeats, dates
 * and l33t spellings. Refused: a password that is one of those (or a variant of one), or
 * that scores below 3 of 4 ("safely unguessable: moderate protection from offline
 * attacks"). The dictionaries (about 1 MB) are loaded on the first check, not at start-up
 * and never in a browser bundle. Nothing is sent anywhere: the lists ship with the package.
 */
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

export const WEAK_PASSWORD_MESSAGE =
  "This password is too easy to guess: it is a common password, or close to one. Choose another — a few unrelated words make a strong one.";
export const PERSONAL_PASSWORD_MESSAGE = "This password is too easy to guess: it contains your name or e-mail address. Choose another.";

/** The lowest zxcvbn score (0–4) accepted. */
export const MIN_PASSWORD_SCORE = 3;
/** zxcvbn's cost grows with length; past this many characters a password is long enough for the rest not to matter. */
const CHECKED_LENGTH = 100;

let checker: Promise<ZxcvbnFactory> | null = null;

function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]);
    return new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs, maxLength: CHECKED_LENGTH });
  })().catch((error: unknown) => {
    checker = null;
    throw error;
  });
  return checker;
}

/**
 * Why `password` may not be chosen, or null when it may. `personal` holds what an attacker
 * would try first for this person (their name, e-mail address): a password built on them
 * scores lower and is refused with its own message.
 */
export async function passwordProblem(password: string, personal: readonly string[] = []): Promise<string | null> {
  const zxcvbn = await loadChecker();
  const inputs = personal.flatMap((value) => [value, ...value.split(/[\s@.+_-]+/)]).filter((value) => value.length >= 3);
  const result = zxcvbn.check(password, inputs);
  const [only] = result.sequence;
  const common = result.sequence.length === 1 && only?.pattern === "dictionary";
  if (!common && result.score >= MIN_PASSWORD_SCORE) return null;
  const personalMatch = result.sequence.some((match) => match.pattern === "dictionary" && match.dictionaryName === "userInputs");
  return personalMatch ? PERSONAL_PASSWORD_MESSAGE : WEAK_PASSWORD_MESSAGE;
}
