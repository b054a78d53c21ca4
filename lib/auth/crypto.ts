import "server-only";
/**
 * Secrets kept at rest (M4): AES-256-GCM with a key derived from AUTH_SECRET by HKDF,
 * one key per purpose; and HMAC signatures for short-lived tokens (sign-in challenges).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set");
  return secret;
}

function keyFor(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "portico", purpose, 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url. */
export function encryptSecret(plain: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(stored: string, purpose: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("unreadable secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export function sign(value: string, purpose: string): string {
  return createHmac("sha256", keyFor(`sign:${purpose}`)).update(value).digest("base64url");
}

export function verifySignature(value: string, signature: string, purpose: string): boolean {
  const expected = Buffer.from(sign(value, purpose));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * For one-time codes that are random and high-entropy or short-lived and rate-limited
 * (recovery codes, mobile codes): a keyed hash, so a copy of the table alone is useless.
 */
export function hashCode(code: string, purpose: string): string {
  return createHash("sha256").update(keyFor(`code:${purpose}`)).update(code).digest("base64url");
}
