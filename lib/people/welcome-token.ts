import "server-only";
/**
 * Link tokens of the e-mails that prove someone holds a mailbox: welcome links (P3) and
 * own e-mail change confirmations. 32 random bytes (256 bits) from the
 * operating system's CSPRNG, written as 43 base64url characters; only their SHA-256 is
 * stored, so a copy of the database cannot be turned into working links.
 */
import { createHash, randomBytes } from "node:crypto";

export const WELCOME_LINK_DAYS = 7;
export const WELCOME_LINK_MS = WELCOME_LINK_DAYS * 24 * 60 * 60 * 1000;
export const WELCOME_PATH = "/welcome";

/** An own e-mail change's confirmation link, opened signed in as the person. */
export const EMAIL_CHANGE_LINK_HOURS = 24;
export const EMAIL_CHANGE_LINK_MS = EMAIL_CHANGE_LINK_HOURS * 60 * 60 * 1000;
export const EMAIL_CHANGE_PATH = "/me/security/email";

export function newWelcomeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashWelcomeToken(token) };
}

export function hashWelcomeToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The same tokens, named for what else uses them. */
export const newLinkToken = newWelcomeToken;
export const hashLinkToken = hashWelcomeToken;
