"use server";
/**
 * D5: a person's own API tokens, and webmasters revoking anyone's. Each a defineAction:
 * viewer re-read, input parsed, the catalogue's policy checked in the transaction, audited
 * (M8; the audit row names the token, never holds it).
 */
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { makeToken, revokeToken } from "./mutations";
import { createTokenInput, revokeTokenInput } from "./schemas";

export const createApiTokenAction = defineAction({
  name: "api-token.create",
  input: createTokenInput,
  authorize: "apiTokens.own",
  run: async ({ viewer, input, tx }) => {
    const made = await makeToken(tx, viewer.id, input);
    revalidatePath("/me/tokens");
    return made;
  },
  audit: (input, result) => ({
    target: { type: "api-token", id: result.id },
    details: { name: input.name, scope: input.scope, prefix: result.prefix, expiresAt: result.expiresAt.toISOString() },
  }),
});

export const revokeOwnApiTokenAction = defineAction({
  name: "api-token.revoke",
  input: revokeTokenInput,
  authorize: "apiTokens.own",
  run: async ({ viewer, input, tx }) => {
    const revoked = await revokeToken(tx, { tokenId: input.tokenId, ownerId: viewer.id, byId: viewer.id });
    revalidatePath("/me/tokens");
    return revoked;
  },
  audit: (input, result) => ({ target: { type: "api-token", id: input.tokenId }, details: { name: result.name, prefix: result.prefix } }),
});

export const revokeAnyApiTokenAction = defineAction({
  name: "api-token.revoke-any",
  input: revokeTokenInput,
  authorize: "apiTokens.manage",
  run: async ({ viewer, input, tx }) => {
    const revoked = await revokeToken(tx, { tokenId: input.tokenId, ownerId: null, byId: viewer.id });
    revalidatePath("/admin/tokens");
    revalidatePath("/me/tokens");
    return revoked;
  },
  audit: (input, result) => ({ target: { type: "api-token", id: input.tokenId }, details: { name: result.name, prefix: result.prefix, personId: result.personId } }),
});
