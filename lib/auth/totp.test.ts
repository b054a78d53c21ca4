import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUrl, timeStep, totpAt } from "./totp";

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits.
const SEED = Buffer.from("12345678901234567890");
const VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (M4, RFC 6238)", () => {
  it("matches the RFC 6238 test vectors", () => {
    for (const [seconds, code] of VECTORS) expect(totpAt(SEED, timeStep(new Date(seconds * 1000)), 8)).toBe(code);
  });

  it("round-trips base32 as authenticator apps read it", () => {
    expect(base32Encode(SEED)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").equals(SEED)).toBe(true);
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it("M4: accepts the current code (and one step of drift), and each code only once", () => {
    const secret = newTotpSecret();
    const at = new Date("2026-11-25T12:00:10Z");
    const step = timeStep(at);
    const code = totpAt(base32Decode(secret), step);
    expect(matchTotp(secret, code, at, null)).toBe(step);
    // Used once: the same step, or any earlier one, is refused.
    expect(matchTotp(secret, code, at, step)).toBeNull();
    expect(matchTotp(secret, totpAt(base32Decode(secret), step - 1), at, step)).toBeNull();
    // Drift of one step either way is accepted, two steps are not.
    expect(matchTotp(secret, totpAt(base32Decode(secret), step + 1), at, null)).toBe(step + 1);
    expect(matchTotp(secret, totpAt(base32Decode(secret), step - 2), at, null)).toBeNull();
    expect(matchTotp(secret, "12345", at, null)).toBeNull();
    expect(matchTotp(secret, "abcdef", at, null)).toBeNull();
  });

  it("builds the otpauth address with the account and issuer", () => {
    expect(otpauthUrl("ABC", "a@b.org")).toBe("otpauth://totp/Portico:a%40b.org?secret=ABC&issuer=Portico&algorithm=SHA1&digits=6&period=30");
  });
});
