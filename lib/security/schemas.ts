import { z } from "zod";

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

export const MIN_PASSWORD_LENGTH = 12;

/** Changing one's own password ends the person's other sessions. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200, "Enter a shorter password"),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Enter a new password of at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(200, "Enter a new password of at most 200 characters"),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "Enter the same new password twice" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password different from your current one" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
