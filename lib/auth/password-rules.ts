import { z } from "zod";

/**
 * The rules for every password someone chooses or is given (P3 welcome link, P7 reset
 * link, M4 changing one's own, and organisation files, lib/org-file/schema.ts): one
 * minimum of 12 characters everywhere, at most 200, not only spaces. Length is what
 * makes a password hard to guess offline, and one rule means no screen is the weak way
 * in. The forms share this schema; the server also refuses common and easily guessed
 * passwords (./password-strength.ts, server only). Hashed with argon2id (./password.ts)
 * and never logged.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Enter a password of at most ${PASSWORD_MAX_LENGTH} characters`)
  .refine((value) => value.trim().length > 0, "Enter a password that is not only spaces");
