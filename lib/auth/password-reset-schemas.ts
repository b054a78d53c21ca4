import { z } from "zod";
import { completeWelcomeInput } from "@/lib/people/schemas";
import { signInSchema } from "./schemas";

/** P7: "Forgot your password?" asks only for the address, read as the sign-in form reads it. */
export const forgotPasswordInput = z.object({ email: signInSchema.shape.email });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInput>;

/** P7: the reset link's form has the welcome link's fields and rules (P3: lib/auth/password-rules.ts). */
export const resetPasswordInput = completeWelcomeInput;
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;
