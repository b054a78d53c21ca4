/**
 * The session cookie's token: Auth.js's own format (a JWE, `dir` with A256CBC-HS512, the
 * key derived from AUTH_SECRET by HKDF with the cookie's name as salt, its thumbprint as
 * `kid`), written and read by jose as Auth.js does, with two differences: the derived key
 * and its thumbprint are computed once per secret and cookie name, not on every request,
 * and a token already read is not decrypted again (below). Reading the session was the
 * largest single cost of every signed-in page (bench/README.md, session 9). Cookies
 * written by either read the same in both.
 *
 * Edge-safe (Web Crypto and jose only): middleware reads the cookie with it too.
 */
import { EncryptJWT, base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";

const ALG = "dir";
const ENC = "A256CBC-HS512";
/** Auth.js's default when no maxAge is given (the config always gives one). */
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

interface DerivedKey {
  key: Uint8Array;
  kid: string;
}

/** secret + salt → the derived key; a promise, so concurrent first requests derive it once. */
const derivedKeys = new Map<string, Promise<DerivedKey>>();
/** A few secrets (AUTH_SECRET, tests' own) × two cookie names: anything more is a misuse, not a cache. */
const MAX_CACHED_KEYS = 16;

async function derive(secret: string, salt: string): Promise<DerivedKey> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveBits"]);
  // HKDF-SHA-256, 64 bytes for A256CBC-HS512, with Auth.js's info string: the same key it derives.
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode(salt), info: encoder.encode(`Auth.js Generated Encryption Key (${salt})`) },
    material,
    64 * 8,
  );
  const key = new Uint8Array(bits);
  const kid = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha512");
  return { key, kid };
}

function derivedKey(secret: string, salt: string): Promise<DerivedKey> {
  const cacheKey = `${salt}\u0000${secret}`;
  let entry = derivedKeys.get(cacheKey);
  if (!entry) {
    if (derivedKeys.size >= MAX_CACHED_KEYS) derivedKeys.clear();
    entry = derive(secret, salt);
    // A failure is not kept: the next request derives again.
    entry.catch(() => derivedKeys.delete(cacheKey));
    derivedKeys.set(cacheKey, entry);
  }
  return entry;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);

/** Auth.js's `jwt.encode`: the token with issued-at, expiry and a fresh id, encrypted under the first secret. */
export async function encodeSessionToken(params: { token?: JWT; secret: string | string[]; salt: string; maxAge?: number }): Promise<string> {
  const [first] = secretsOf(params.secret);
  if (!first) throw new Error("No secret to encrypt the session with.");
  const { key, kid } = await derivedKey(first, params.salt);
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT({ ...params.token })
    .setProtectedHeader({ alg: ALG, enc: ENC, kid })
    .setIssuedAt(now)
    .setExpirationTime(now + (params.maxAge ?? DEFAULT_MAX_AGE_SECONDS))
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/**
 * Tokens already read, by secret, cookie name and the token itself: the same cookie comes
 * back with every request of its session, and decrypting it (Web Crypto: a key import, an
 * HMAC and an AES job each time) cost more than the rest of the session read. A token's
 * claims are a pure function of its bytes and the key, so this holds nothing a request
 * could not compute itself; it is per token, never shared between sessions, and the
 * expiry is checked again on every use. Kept on globalThis so that middleware and the
 * pages (separate bundles in one process) share it: one decryption per session, not per
 * request.
 */
interface ReadToken {
  claims: JWT;
  /** Seconds since the epoch. */
  exp: number;
}
const READ_TOKENS_KEY = Symbol.for("portico.sessionTokensRead");
const holder = globalThis as unknown as Record<symbol, Map<string, ReadToken> | undefined>;
const readTokens = (holder[READ_TOKENS_KEY] ??= new Map<string, ReadToken>());
/** Sessions active at once in one process, with room to spare; the oldest go first. */
const MAX_READ_TOKENS = 10_000;
const CLOCK_TOLERANCE_SECONDS = 15;

class ExpiredToken extends Error {
  constructor() {
    super("the session token has expired");
  }
}

/**
 * Auth.js's `jwt.decode`: the claims, or an error for a token that is malformed, forged,
 * encrypted under another secret or expired (15 s of clock tolerance, as Auth.js).
 */
export async function decodeSessionToken(params: { token?: string; secret: string | string[]; salt: string }): Promise<JWT | null> {
  if (!params.token) return null;
  const secrets = secretsOf(params.secret);
  const cacheKey = `${secrets.join("\u0000")}\u0001${params.salt}\u0001${params.token}`;
  const known = readTokens.get(cacheKey);
  if (known) {
    if (known.exp + CLOCK_TOLERANCE_SECONDS <= Date.now() / 1000) {
      readTokens.delete(cacheKey);
      throw new ExpiredToken();
    }
    // Most recently used last, so the oldest are the first to go; a copy, as callers change it (Auth.js's jwt callback).
    readTokens.delete(cacheKey);
    readTokens.set(cacheKey, known);
    return structuredClone(known.claims);
  }
  const { payload } = await jwtDecrypt(
    params.token,
    async ({ kid }) => {
      for (const secret of secrets) {
        const derived = await derivedKey(secret, params.salt);
        if (kid === undefined || kid === derived.kid) return derived.key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: CLOCK_TOLERANCE_SECONDS, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC] },
  );
  // Only tokens that expire are kept (Auth.js's always do): one without would be good for ever.
  if (typeof payload.exp === "number") {
    if (readTokens.size >= MAX_READ_TOKENS) readTokens.delete(readTokens.keys().next().value!);
    readTokens.set(cacheKey, { claims: structuredClone(payload) as JWT, exp: payload.exp });
  }
  return payload as JWT;
}

/** The session cookie's name, as Auth.js names it. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}authjs.session-token`;
}

/**
 * The token a request's cookies carry under `name`: the cookie itself, or Auth.js's chunks
 * (`name.0`, `name.1`, …) joined in order when it split a large token.
 */
export function sessionTokenFrom(cookies: { get(name: string): { value: string } | undefined }, name: string): string | undefined {
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  let joined = "";
  for (let i = 0; ; i++) {
    const chunk = cookies.get(`${name}.${i}`)?.value;
    if (chunk === undefined) return joined || undefined;
    joined += chunk;
  }
}
