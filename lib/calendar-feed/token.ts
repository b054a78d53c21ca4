import "server-only";
/**
 * C7: a calendar feed's token. "pc_" and an HMAC-SHA256 of the person's id and their feed's
 * random seed, under a key of its own derived from AUTH_SECRET (lib/auth/crypto.ts sign): 256
 * bits nobody can guess, that the person's page can make again to show the address (a feed
 * address is pasted into several calendars, unlike an API token shown once), while the
 * database keeps only the seed and the token's SHA-256 (lib/api-tokens/token.ts hashToken,
 * enough for a random 256-bit value): a copy of it opens no feed. A new seed is a new token.
 */
import { randomBytes } from "node:crypto";
import { sign } from "@/lib/auth/crypto";
import { hashToken } from "@/lib/api-tokens/token";

const TOKEN_PREFIX = "pc_";
/** The whole token: the prefix and 43 base64url characters (32 bytes). */
const TOKEN_PATTERN = /^pc_[A-Za-z0-9_-]{43}$/;
const PURPOSE = "calendar-feed";

/** A new random seed, for a new address. */
export function newFeedSeed(): string {
  return randomBytes(16).toString("base64url");
}

/** The token a person's seed makes (the same every time, until the seed changes). */
export function feedToken(personId: string, seed: string): string {
  return `${TOKEN_PREFIX}${sign(`${personId}.${seed}`, PURPOSE)}`;
}

/** What is stored to find a presented token: its SHA-256. */
export function feedTokenHash(token: string): string {
  return hashToken(token);
}

/** Whether `text` has a feed token's shape (anything else is refused without a database read). */
export function looksLikeFeedToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/** The feed's path for a token: the address calendars are given, after the site's origin. */
export function feedPath(token: string): string {
  return `/api/calendar/${token}`;
}
