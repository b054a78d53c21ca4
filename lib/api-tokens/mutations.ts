import "server-only";
/**
 * D5: making and revoking tokens, in the caller's transaction (the actions have checked the
 * viewer and the policy in it). Only the token's SHA-256 is stored; the token itself is
 * returned once, for the person to copy.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import type { TokenScope } from "./schemas";
import { newToken } from "./token";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MadeToken {
  id: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  expiresAt: Date;
  /** The token itself: shown once, never stored. */
  token: string;
}

/** A new token of `personId`'s, lasting `days` from `now`. */
export async function makeToken(tx: Db, personId: string, input: { name: string; days: number; scope: TokenScope }, now = new Date()): Promise<MadeToken> {
  const { token, tokenHash, prefix } = newToken();
  const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
  const [row] = await tx
    .insert(apiTokens)
    .values({ personId, name: input.name, scope: input.scope, tokenHash, prefix, createdAt: now, expiresAt })
    .returning({ id: apiTokens.id });
  return { id: row!.id, name: input.name, scope: input.scope, prefix, expiresAt, token };
}

export interface RevokedToken {
  id: string;
  name: string;
  prefix: string;
  personId: string;
}

/**
 * Revokes a token that is not revoked yet: one of `ownerId`'s, or anyone's when `ownerId` is
 * null (a webmaster, M8). A token already revoked, or not the owner's, is refused with the
 * same message, so that nobody learns of another person's tokens.
 */
export async function revokeToken(tx: Db, input: { tokenId: string; ownerId: string | null; byId: string }, now = new Date()): Promise<RevokedToken> {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: now, revokedById: input.byId })
    .where(and(eq(apiTokens.id, input.tokenId), isNull(apiTokens.revokedAt), input.ownerId ? eq(apiTokens.personId, input.ownerId) : undefined))
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, personId: apiTokens.personId });
  if (!row) throw new ActionError("This token could not be found: it may have been revoked already. Reload the page.");
  return row;
}
