/**
 * M4: TOTP (RFC 6238, HMAC-SHA1, 6 digits, 30-second steps). The one-time-password
 * arithmetic (RFC 4226 truncation, constant-time comparison) and base32 (RFC 4648) come
 * from @oslojs/otp and @oslojs/encoding; what stays ours is the policy around them: the
 * time step, one step of clock drift, and the one-use rule, which needs the matched step.
 */
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { generateHOTP, verifyHOTP } from "@oslojs/otp";

export const TOTP_STEP_SECONDS = 30;
const DIGITS = 6;

/** Base32 without padding, as authenticator apps read it. */
export function base32Encode(bytes: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(bytes);
}

/** Reads base32 as people type it: any case, spaces, dashes and padding allowed. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, "").toUpperCase();
  try {
    return Buffer.from(decodeBase32IgnorePadding(clean));
  } catch {
    throw new Error("not base32");
  }
}

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), as base32. */
export function newTotpSecret(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(20)));
}

export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code for one time step. */
export function totpAt(secret: Uint8Array, step: number, digits = DIGITS): string {
  return generateHOTP(secret, BigInt(step), digits);
}

/**
 * The time step a code matches, allowing one step of clock drift either way, and only
 * steps after `lastUsedStep` (each code is usable once); null when it matches none.
 */
export function matchTotp(secretBase32: string, code: string, at: Date, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const secret = base32Decode(secretBase32);
  const now = timeStep(at);
  for (const step of [now - 1, now, now + 1]) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (verifyHOTP(secret, BigInt(step), DIGITS, code)) return step;
  }
  return null;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUrl(secretBase32: string, account: string, issuer = "Portico"): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret: secretBase32, issuer, algorithm: "SHA1", digits: String(DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params}`;
}
