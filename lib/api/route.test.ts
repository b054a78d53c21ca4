/**
 * D2: the pipeline every /api/v1 handler goes through (lib/api/route.ts): the token before
 * anything, a path that does not parse names nothing (404), a bad query parameter is a 400
 * that names it and calls nothing, answers are built through the response schema and carry
 * an ETag that If-None-Match turns into a 304.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { apiRoute } = await import("./route");
const { defineEndpoint } = await import("./endpoint");
const { makeToken } = await import("@/lib/api-tokens/mutations");

const echo = defineEndpoint({
  operationId: "echo",
  method: "get",
  path: "/echo/{n}",
  summary: "Echo",
  description: "A test endpoint.",
  needs: "read",
  pathParams: z.object({ n: z.string().regex(/^\d+$/) }),
  query: z.object({ order: z.enum(["newest", "oldest"], "Order by newest or oldest.").optional(), size: z.coerce.number().int().min(1).max(50).optional() }),
  response: z.object({ n: z.string(), order: z.string(), size: z.number(), who: z.string() }),
  notFound: "No echo has this number.",
});

let h: Harness;
let token: string;
let calls = 0;
let answer = "first";
const GET = apiRoute(echo, async ({ viewer, path, query }) => {
  calls++;
  return { ok: { n: `${path.n}-${answer}`, order: query.order ?? "newest", size: query.size ?? 20, who: viewer.name } };
});
const call = (n: string, query = "", headers: Record<string, string> = {}) => {
  const request = apiRequest(`/echo/${n}${query}`, token);
  for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
  return GET(request, { params: Promise.resolve({ n }) });
};

beforeAll(async () => {
  h = await createHarness({ people: [{ email: "p@route.test", name: "Pia Route", audience: "organisational" }], sections: [] } satisfies Partial<OrgFile> & Record<string, unknown>);
  await authoriseEveryone(h.db);
  token = (await makeToken(h.db, h.person("p@route.test"), { name: "Test", days: 7, scope: "read" })).token;
});
afterAll(async () => h?.close());

describe("D2: the API's pipeline", () => {
  it("D2: parses the path and the query by the endpoint's schemas and answers through its response schema, as the token's person", async () => {
    const response = await call("7", "?order=oldest&size=5");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ n: "7-first", order: "oldest", size: 5, who: "Pia Route" });
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(response.headers.get("vary")).toBe("Authorization");
  });

  it("D2 C6: every answer, refusals included, carries the API's own security headers (/api/v1 is outside middleware)", async () => {
    const answers = [await call("7"), await call("seven"), await call("7", "?size=0"), await GET(apiRequest("/echo/7", null), { params: Promise.resolve({ n: "7" }) })];
    expect(answers.map((r) => r.status)).toEqual([200, 404, 400, 401]);
    for (const response of answers) {
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("D2: a bad query parameter is a 400 naming each one, and the handler is not called", async () => {
    const before = calls;
    const response = await call("7", "?order=sideways&size=500");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await response.json();
    expect(body.errors).toEqual({ order: "Order by newest or oldest.", size: expect.stringMatching(/50/) });
    expect(calls).toBe(before);
  });

  it("D2: a path that does not parse, or a malformed escape, is the endpoint's 404; no token is a 401 before either", async () => {
    for (const n of ["seven", "%E0%A4%A"]) {
      const response = await call(n);
      expect(response.status).toBe(404);
      expect((await response.json()).detail).toBe("No echo has this number.");
    }
    const anonymous = await GET(apiRequest("/echo/seven", null), { params: Promise.resolve({ n: "seven" }) });
    expect(anonymous.status).toBe(401);
  });

  it("D2: past the token's rate limit, 429 with Retry-After and nothing read; every answer says where the token stands", async () => {
    process.env.PORTICO_API_RATE_LIMIT = "3";
    try {
      const before = calls;
      const answers = [await call("1"), await call("2"), await call("3"), await call("4")];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((r) => r.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
      expect(calls).toBe(before + 3);
      const refused = answers[3]!;
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect((await refused.json()).detail).toMatch(/3 requests a minute/);
    } finally {
      delete process.env.PORTICO_API_RATE_LIMIT;
    }
  });

  it("D2: an answer's ETag sent back as If-None-Match is a 304 without a body until the answer changes", async () => {
    const first = await call("8");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const again = await call("8", "", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await call("8", "", { "If-None-Match": `"other", W/${etag}` })).status).toBe(304);
    answer = "changed";
    const changed = await call("8", "", { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    // A different question is a different answer.
    expect((await call("8", "?size=3", { "If-None-Match": changed.headers.get("etag")! })).status).toBe(200);
  });
});
