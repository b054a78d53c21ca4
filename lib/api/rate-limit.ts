/**
 * D2: each API token's rate limit: PORTICO_API_RATE_LIMIT requests a minute (600 by default),
 * as a token bucket, so a client may spend a minute's allowance in a burst and then gets one
 * request back every 60/limit seconds. Past it, 429 with Retry-After (lib/api/route.ts). Every
 * answer says where the caller stands (RateLimit-Limit, -Remaining, -Reset).
 *
 * Counted in each server process's memory: no database write on every call. Behind several
 * instances a token gets the limit from each instance it reaches (README, "Running several
 * instances"). Checked at start-up (instrumentation.ts), so this file imports only
 * lib/env-number.ts.
 */
import { readWholeNumber } from "@/lib/env-number";

type Env = Record<string, string | undefined>;

export const DEFAULT_API_RATE_LIMIT = 600;
const MAX_API_RATE_LIMIT = 1_000_000;
/** Beyond this many tokens remembered, those whose bucket has refilled are forgotten (a full bucket is the same as none). */
const REMEMBERED_TOKENS = 10_000;

const read = (env: Env) => readWholeNumber(env, "PORTICO_API_RATE_LIMIT", DEFAULT_API_RATE_LIMIT, MAX_API_RATE_LIMIT);

/** Why the server must not start with this setting (instrumentation.ts), or null. */
export function apiRateLimitProblem(env: Env = process.env): string | null {
  const reading = read(env);
  return reading.ok ? null : reading.message;
}

export interface RateVerdict {
  allowed: boolean;
  /** Requests a minute. */
  limit: number;
  /** Requests that may be made now. */
  remaining: number;
  /** Seconds until the allowance is whole again. */
  resetSeconds: number;
  /** When refused: seconds until one more request may be made. */
  retryAfterSeconds: number;
}

export class TokenRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one request of `key`'s allowance, if there is one. */
  take(key: string): RateVerdict {
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs) : this.perMinute;
    const allowed = tokens >= 1;
    const left = allowed ? tokens - 1 : tokens;
    if (this.buckets.size >= REMEMBERED_TOKENS && !bucket) this.forgetRefilled(now, perMs);
    this.buckets.set(key, { tokens: left, at: now });
    return {
      allowed,
      limit: this.perMinute,
      remaining: Math.floor(left),
      resetSeconds: Math.ceil((this.perMinute - left) / perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - left) / perMs / 1000)),
    };
  }

  private forgetRefilled(now: number, perMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= this.perMinute) this.buckets.delete(key);
    }
  }
}

let shared: TokenRateLimiter | null = null;

/** This process's limiter, at the configured limit (a changed setting takes effect with a new limiter). */
export function apiRateLimiter(env: Env = process.env): TokenRateLimiter {
  const reading = read(env);
  const perMinute = reading.ok ? reading.value : DEFAULT_API_RATE_LIMIT;
  if (shared?.perMinute !== perMinute) shared = new TokenRateLimiter(perMinute);
  return shared;
}

/** The IETF RateLimit header fields of a verdict, and Retry-After when it refuses. */
export function rateLimitHeaders(verdict: RateVerdict): Record<string, string> {
  return {
    "RateLimit-Limit": String(verdict.limit),
    "RateLimit-Remaining": String(verdict.remaining),
    "RateLimit-Reset": String(verdict.resetSeconds),
    ...(verdict.allowed ? {} : { "Retry-After": String(verdict.retryAfterSeconds) }),
  };
}
