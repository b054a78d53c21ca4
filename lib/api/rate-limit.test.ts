/** D2: an API token's rate limit, as a token bucket (lib/api/rate-limit.ts). */
import { describe, expect, it } from "vitest";
import { TokenRateLimiter, apiRateLimitProblem, rateLimitHeaders } from "./rate-limit";

describe("D2: the API's rate limit per token", () => {
  it("D2: a minute's allowance may be spent at once; then one request comes back every 60/limit seconds, with Retry-After saying when", () => {
    let now = 1_000_000;
    const limiter = new TokenRateLimiter(6, () => now);
    const verdicts = Array.from({ length: 7 }, () => limiter.take("a"));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, true, false]);
    expect(verdicts.map((v) => v.remaining)).toEqual([5, 4, 3, 2, 1, 0, 0]);
    const refused = verdicts[6]!;
    expect(refused.retryAfterSeconds).toBe(10);
    expect(rateLimitHeaders(refused)).toEqual({ "RateLimit-Limit": "6", "RateLimit-Remaining": "0", "RateLimit-Reset": "60", "Retry-After": "10" });
    // Another token's allowance is its own.
    expect(limiter.take("b").allowed).toBe(true);
    now += 9_000;
    expect(limiter.take("a").allowed).toBe(false);
    now += 1_000;
    expect(limiter.take("a")).toMatchObject({ allowed: true, remaining: 0 });
    // A minute later the whole allowance is back, and no more than it.
    now += 120_000;
    expect(limiter.take("a").remaining).toBe(5);
    expect(rateLimitHeaders(limiter.take("a"))).not.toHaveProperty("Retry-After");
  });

  it("D2: PORTICO_API_RATE_LIMIT must be a whole number from 1 to 1 000 000, or start-up stops with a message", () => {
    expect(apiRateLimitProblem({})).toBeNull();
    expect(apiRateLimitProblem({ PORTICO_API_RATE_LIMIT: "120" })).toBeNull();
    for (const bad of ["0", "-5", "fast", "1.5", "2000000"]) {
      expect(apiRateLimitProblem({ PORTICO_API_RATE_LIMIT: bad })).toContain("PORTICO_API_RATE_LIMIT must be a whole number from 1 to 1000000");
    }
  });
});
