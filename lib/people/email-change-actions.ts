"use server";
/**
 * Own e-mail change: a person changes their own e-mail address — asked for with the
 * current password (under the sign-in rate limits), confirmed by the link sent to the new
 * address, followed while signed in as that person. Both are defineActions; neither audit
 * row holds the password or the link's token.
 */
import { defineAction } from "@/lib/actions";
import { recordFailure } from "@/lib/auth/sign-in";
import { recordAudit } from "@/lib/audit/mutations";
import { WrongPasswordError, confirmOwnEmailChange, passwordCheckBuckets, requestOwnEmailChange } from "./mutations";
import { confirmEmailChangeInput, ownEmailChangeInput } from "./schemas";

export const requestEmailChangeAction = defineAction({
  name: "auth.email-change.request",
  input: ownEmailChangeInput,
  authorize: "account.own",
  run: async ({ viewer, input, tx, address }) => {
    const result = await requestOwnEmailChange(tx, viewer, input, address);
    return { personId: viewer.id, sentTo: result.sentTo, expiresAt: result.expiresAt.toISOString() };
  },
  audit: (_input, result) => ({ target: { type: "person", id: result.personId }, details: { newEmail: result.sentTo } }),
  // A wrong password counts as a failed sign-in (the refusal's transaction has rolled back).
  afterRefusal: async ({ viewer, db, address }, error) => {
    if (!(error instanceof WrongPasswordError)) return;
    await recordFailure(db, passwordCheckBuckets(viewer.email, address), new Date());
    await recordAudit(db, { actor: { id: viewer.id, email: viewer.email }, action: "auth.email-change.refused", address, details: { reason: "wrong-password" } });
  },
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
