"use server";
/**
 * Sign-in security actions (M4; one's own password change; each audited, M8). Each is
 * built with defineAction: the viewer is re-read, the input parsed, the current password
 * re-checked under the sign-in limits (recheckPassword, lib/auth/recheck.ts), the
 * permission checked in the transaction, one audit row written (never a secret, a code or
 * a password).
 */
import { renderSVG } from "uqr";
import { z } from "zod";
import { ActionError, defineAction } from "@/lib/actions";
import { passwordProblem } from "@/lib/auth/password-strength";
import { otpauthUrl } from "@/lib/auth/totp";
import { authenticationSettingsFormSchema } from "@/lib/auth/schemas";
import * as mutations from "./mutations";
import { changePasswordSchema, confirmTwoFactorSchema, reauthenticateSchema } from "./schemas";

export const updateAuthenticationSettings = defineAction({
  name: "settings.authentication.update",
  input: authenticationSettingsFormSchema,
  authorize: "settings.authentication",
  run: ({ tx, input }) => mutations.saveAuthenticationSettings(tx, input),
  audit: (input) => ({ target: { type: "settings", id: "authentication" }, details: { ...input } }),
});

/** M4: a new authenticator secret, as a QR code and as text. Allowed to someone who must enrol. */
export const startTwoFactorEnrolment = defineAction({
  name: "auth.two-factor.start",
  input: z.object({}),
  beforeTwoFactor: true,
  authorize: "account.own",
  run: async ({ tx, viewer }) => {
    const secret = await mutations.startTotpEnrolment(tx, viewer.id);
    const url = otpauthUrl(secret, viewer.email);
    const svg = renderSVG(url, { border: 2 });
    return { secret, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
  },
  // Never the secret.
  audit: () => ({ details: {} }),
});

export const confirmTwoFactorEnrolment = defineAction({
  name: "auth.two-factor.enrol",
  input: confirmTwoFactorSchema,
  beforeTwoFactor: true,
  authorize: "account.own",
  recheckPassword: { field: "password" },
  run: async ({ tx, viewer, input }) => {
    return { recoveryCodes: await mutations.confirmTotpEnrolment(tx, viewer.id, input.code) };
  },
  audit: () => ({ target: null, details: {} }),
});

export const disableTwoFactor = defineAction({
  name: "auth.two-factor.disable",
  input: reauthenticateSchema,
  authorize: "account.own",
  recheckPassword: { field: "password" },
  run: async ({ tx, viewer }) => {
    if (!(await mutations.hasConfirmedTwoFactor(tx, viewer.id))) throw new mutations.NotEnrolled();
    await mutations.disableTwoFactor(tx, viewer.id);
  },
  audit: () => ({ target: null, details: {} }),
});

export const regenerateRecoveryCodes = defineAction({
  name: "auth.recovery-codes.replace",
  input: reauthenticateSchema,
  authorize: "account.own",
  recheckPassword: { field: "password" },
  run: async ({ tx, viewer }) => {
    if (!(await mutations.hasConfirmedTwoFactor(tx, viewer.id))) throw new mutations.NotEnrolled();
    return { recoveryCodes: await mutations.replaceRecoveryCodes(tx, viewer.id) };
  },
  audit: () => ({ target: null, details: {} }),
});

export const changePassword = defineAction({
  name: "auth.password.change",
  input: changePasswordSchema,
  authorize: "account.own",
  recheckPassword: { field: "currentPassword", messages: { empty: "Enter your current password", wrong: "Your current password is not right." } },
  run: async ({ tx, viewer, input }) => {
    // M4: not a common or easily guessed password, nor one built on the person's own name or address.
    const weak = await passwordProblem(input.newPassword, [viewer.name, viewer.email]);
    if (weak) throw new ActionError(weak, "newPassword");
    return mutations.changePassword(tx, { personId: viewer.id, newPassword: input.newPassword, keepSessionId: viewer.sessionId });
  },
  audit: (_input, result) => ({ details: { endedSessions: result.endedSessions } }),
});
