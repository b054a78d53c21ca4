import { z } from "zod";

/** The sign-in form: shared by the client form and the server. */
export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "Enter a shorter email address").email("Enter an email address in the correct format, like name@example.org"),
  password: z.string().min(1, "Enter your password").max(200, "Enter a shorter password"),
});

export type SignInInput = z.infer<typeof signInSchema>;

/**
 * A wrong e-mail address or password: one message for both, and for an address no account has,
 * so it never tells whether an account exists (the sign-in form lists it in its error summary
 * as a link to the e-mail field, naming neither field as the wrong one).
 */
export const WRONG_CREDENTIALS = "The email address or password is not right. Check them and try again.";

/** M4: a second-factor code that is wrong or already used (the form links it to the code field). */
export const WRONG_CODE = "That code is not right, or it has already been used. Check it and try again.";

/** The start of the message for a second step whose challenge is spent: the form offers to start again. */
export const CHALLENGE_EXPIRED = "This sign-in has expired or was already used.";

/** M4, M5: how to start again depends on how the first step was made. */
export function challengeExpiredMessage(ssoName?: string): string {
  return `${CHALLENGE_EXPIRED} ${ssoName ? `Start again, and sign in with ${ssoName} or your email address.` : "Sign in again with your email address and password."}`;
}

const authenticationFields = {
  /** Shown on every alert of the sign-in screens (M4); empty = no link. */
  itSupportUrl: z.union([
    z.literal(""),
    z
      .string()
      .trim()
      .max(500, "Enter a shorter web address")
      .pipe(z.url({ protocol: /^https?$/, message: "Enter a web address starting with https:// or http://" })),
  ]),
  /** Who must set up two-factor sign-in with an authenticator app (M4). */
  requireTwoFactor: z.enum(["nobody", "webmasters", "everyone"], "Choose who must use two-factor sign-in"),
  /** One-time codes sent to the person's mobile may be used as a second factor (M4, M6). */
  mobileCodes: z.boolean(),
};

/** The authentication settings form (M4, M6): every field given. */
export const authenticationSettingsFormSchema = z.object(authenticationFields);

/** The stored value (lib/auth/settings.ts): defaults for anything not set. */
export const authenticationSettingsSchema = z.object({
  itSupportUrl: authenticationFields.itSupportUrl.default(""),
  requireTwoFactor: authenticationFields.requireTwoFactor.default("nobody"),
  mobileCodes: authenticationFields.mobileCodes.default(false),
});
export type AuthenticationSettings = z.infer<typeof authenticationSettingsSchema>;

/** Step 2 of sign-in (M4): the challenge from step 1 and a code. */
export const secondFactorSchema = z.object({
  challenge: z.string().min(1).max(200),
  code: z.string().trim().min(1, "Enter the code").max(20, "Enter the code exactly as shown"),
});
export type SecondFactorInput = z.infer<typeof secondFactorSchema>;
