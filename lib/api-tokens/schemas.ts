/**
 * D5: the token forms, shared by the forms (client) and the actions. Client-safe.
 */
import { z } from "zod";
import { plainText } from "@/lib/validation/text";

export const TOKEN_NAME_MAX = 100;
/** The lifetimes offered, in days: a year at most (D5). */
export const TOKEN_LIFETIMES = [7, 30, 90, 180, 365] as const;
export const TOKEN_SCOPES = ["read", "read-write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const createTokenInput = z.object({
  name: plainText(TOKEN_NAME_MAX, {
    required: "Name the token after what will use it, such as Reporting script.",
    tooLong: `A token's name may be at most ${TOKEN_NAME_MAX} characters long.`,
  }),
  days: z.coerce
    .number({ error: "Choose how long the token lasts: at most a year." })
    .refine((d) => (TOKEN_LIFETIMES as readonly number[]).includes(d), "Choose how long the token lasts: at most a year."),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose whether the token may only read, or read and write." }),
});
export type CreateTokenForm = z.input<typeof createTokenInput>;

export const revokeTokenInput = z.object({
  tokenId: z.uuid({ error: "This token could not be found: it may have been revoked already. Reload the page." }),
});
export type RevokeTokenForm = z.input<typeof revokeTokenInput>;
