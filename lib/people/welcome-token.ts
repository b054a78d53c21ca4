import "server-only";
/**
 * P3: welcome link tokens. 32 random bytes (256 bits) from the operating system's CSPRNG,
 * written as 43 base64url characters; only their SHA-256 is stored, so a copy of the
 * database cannot be turned into sign-in links. A link lasts WELCOME_LINK_DAYS (7 days).
 */
import { createHash, randomBytes } from "node:crypto";

export const WELCOME_LINK_DAYS = 7;
export const WELCOME_LINK_MS = WELCOME_LINK_DAYS * 24 * 60 * 60 * 1000;
export const WELCOME_PATH = "/welcome";

export function newWelcomeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashWelcomeToken(token) };
}

export function hashWelcomeToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
