import "server-only";
/**
 * D5: a token's text and what is stored of it. A token is "pt_" and 32 random bytes in
 * base64url (256 bits: unguessable, so a plain SHA-256 is all the storage needs; a slow
 * password hash would only slow every API call). The prefix shown in lists is its first
 * characters, which tell tokens apart without being usable.
 */
import { createHash, randomBytes } from "node:crypto";

const TOKEN_PREFIX = "pt_";
/** The whole token: the prefix and 43 base64url characters. */
const TOKEN_PATTERN = /^pt_[A-Za-z0-9_-]{43}$/;
const SHOWN_CHARACTERS = 10;

export interface NewToken {
  /** Shown once to its person, never stored. */
  token: string;
  tokenHash: string;
  prefix: string;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): NewToken {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_CHARACTERS) };
}

/** Whether `text` has a token's shape (anything else is refused without a database read). */
export function looksLikeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}
