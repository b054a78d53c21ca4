import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";

const currentPassword = z.string().max(200, "Enter a shorter password");

/** M4: confirming enrolment: a code from the app, and the password again. */
export const confirmTwoFactorSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code your authenticator app shows"),
  password: currentPassword,
});
export type ConfirmTwoFactorInput = z.infer<typeof confirmTwoFactorSchema>;

/** Turning two-factor off, or new recovery codes: the password again (M4). */
export const reauthenticateSchema = z.object({ password: currentPassword });
export type ReauthenticateInput = z.infer<typeof reauthenticateSchema>;

/** The one minimum for every chosen password (lib/auth/password-rules.ts). */
export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;

/** Changing one's own password ends the person's other sessions. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200, "Enter a shorter password"),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Enter a new password of at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(PASSWORD_MAX_LENGTH, `Enter a new password of at most ${PASSWORD_MAX_LENGTH} characters`),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "Enter the same new password twice" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password different from your current one" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
