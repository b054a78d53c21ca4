import { z } from "zod";

/**
 * The rules for a password someone chooses (welcome link; the same as organisation
 * files, lib/org-file/schema.ts): 8 to 200 characters, not only spaces. Hashed with
 * argon2id (./password.ts) and never logged.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Enter a password of at most ${PASSWORD_MAX_LENGTH} characters`)
  .refine((value) => value.trim().length > 0, "Enter a password that is not only spaces");
