"use server";
/**
 * Own e-mail change: a person changes their own e-mail address — asked for with the
 * current password (under the sign-in rate limits), confirmed by the link sent to the new
 * address, followed while signed in as that person. Both are defineActions; neither audit
 * row holds the password or the link's token.
 */
import { defineAction } from "@/lib/actions";
import { EMAIL_CHANGE_WRONG_PASSWORD_MESSAGE, confirmOwnEmailChange, requestOwnEmailChange } from "./mutations";
import { confirmEmailChangeInput, ownEmailChangeInput } from "./schemas";

export const requestEmailChangeAction = defineAction({
  name: "auth.email-change.request",
  input: ownEmailChangeInput,
  authorize: "account.own",
  // M4: a wrong password counts as a failed sign-in, and too many end the person's sessions.
  recheckPassword: { field: "currentPassword", messages: { wrong: EMAIL_CHANGE_WRONG_PASSWORD_MESSAGE } },
  run: async ({ viewer, input, tx }) => {
    const result = await requestOwnEmailChange(tx, viewer, input);
    return { personId: viewer.id, sentTo: result.sentTo, expiresAt: result.expiresAt.toISOString() };
  },
  audit: (_input, result) => ({ target: { type: "person", id: result.personId }, details: { newEmail: result.sentTo } }),
});

export const confirmEmailChangeAction = defineAction({
  name: "auth.email-change.confirm",
  input: confirmEmailChangeInput,
  authorize: "account.own",
  run: async ({ viewer, input, tx }) => {
    const result = await confirmOwnEmailChange(tx, viewer, input.token);
    return { personId: viewer.id, ...result };
  },
  // Never the token.
  audit: (_input, result) => ({ target: { type: "person", id: result.personId }, details: { from: result.oldEmail, to: result.newEmail, endedSessions: result.endedSessions } }),
});
