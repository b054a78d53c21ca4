/**
 * The security headers of middleware (C6 in depth, M7): a nonce-based
 * Content-Security-Policy on every response, HSTS over https, the nonce handed to the
 * app, and server actions posted from another site (Origin: null included) refused with
 * a plain 403 instead of reaching Next's own check (a 500).
 */
import { NextRequest, NextResponse } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import middleware from "@/middleware";
import { CROSS_ORIGIN_ACTION_MESSAGE, HSTS_VALUE, contentSecurityPolicy, isCrossOriginAction, securityHeaders, withSecurityHeaders } from "./headers";

const HTTP = { NODE_ENV: "production", PORTICO_PUBLIC_URL: "http://localhost:3000" };
const HTTPS = { NODE_ENV: "production", PORTICO_PUBLIC_URL: "https://portal.example.org" };

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(new URL(path, "http://localhost:3000"), { method: init.method ?? "GET", headers: { host: "localhost:3000", ...init.headers } });
}

function action(origin: string | null, path = "/login") {
  return request(path, { method: "POST", headers: { "next-action": "0123abcd", ...(origin === null ? {} : { origin }) } });
}

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("the Content-Security-Policy", () => {
  it("allows scripts by nonce and what they load, and nothing from elsewhere", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false });
    const directives = Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
    expect(directives).toMatchObject({
      "default-src": "'self'",
      "script-src": "'self' 'nonce-abc123' 'strict-dynamic'",
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data: blob:",
      "object-src": "'none'",
      "base-uri": "'none'",
      "frame-ancestors": "'none'",
      "form-action": "'self'",
    });
    expect(csp).not.toContain("unsafe-eval");
  });

  it("allows eval only under `next dev`", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true })).toContain("'strict-dynamic' 'unsafe-eval'");
  });

  it("adds Strict-Transport-Security only when the site is served over https", () => {
    expect(securityHeaders({ nonce: "n", dev: false, https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ nonce: "n", dev: false, https: true })).toMatchObject({
      "Strict-Transport-Security": HSTS_VALUE,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });
});

describe("withSecurityHeaders", () => {
  it("sets the headers on every response with a new nonce each time, and hands the nonce to the app", async () => {
    const handler = withSecurityHeaders(() => NextResponse.next(), HTTP);
    const first = await handler(request("/"));
    const second = await handler(request("/"));
    const csp = first.headers.get("content-security-policy");
    expect(nonceOf(csp)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonceOf(csp));
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("strict-transport-security")).toBeNull();
    // What the app receives as request headers (Next reads the nonce from the CSP there).
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonceOf(csp));
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-host")).toBe("localhost:3000");
    expect(first.headers.get("x-middleware-override-headers")!.split(",")).toEqual(expect.arrayContaining(["host", "x-nonce", "content-security-policy"]));
  });

  it("keeps headers the routing already forwards, and adds the nonce to them", async () => {
    const handler = withSecurityHeaders((req) => {
      const forwarded = new Headers(req.headers);
      forwarded.set("x-portico-refused-path", "/x");
      return NextResponse.rewrite(new URL("/api/security/refused", req.url), { request: { headers: forwarded } });
    }, HTTPS);
    const response = await handler(request("/x"));
    expect(response.headers.get("x-middleware-request-x-portico-refused-path")).toBe("/x");
    expect(response.headers.get("x-middleware-request-x-nonce")).toBeTruthy();
    expect(response.headers.get("x-middleware-override-headers")!.split(",")).toEqual(expect.arrayContaining(["x-portico-refused-path", "x-nonce"]));
    expect(response.headers.get("strict-transport-security")).toBe(HSTS_VALUE);
  });

  it("sets the headers on redirects and refusals too, without forwarding anything", async () => {
    const handler = withSecurityHeaders((req) => NextResponse.redirect(new URL("/login", req.url)), HTTP);
    const response = await handler(request("/"));
    expect(response.status).toBe(307);
    expect(response.headers.get("content-security-policy")).toContain("'strict-dynamic'");
    expect(response.headers.get("x-middleware-override-headers")).toBeNull();
  });
});

describe("server actions from another site", () => {
  it("are recognised by their Origin: null, another site's, or one that cannot be read", () => {
    const cases: [string | null, boolean][] = [
      ["null", true],
      ["https://evil.example", true],
      ["http://localhost:3001", true],
      ["not a url", true],
      ["http://localhost:3000", false], // the address the request was sent to
      [null, false], // no Origin: not a browser's request; Next's own check decides
    ];
    for (const [origin, refused] of cases) expect(isCrossOriginAction(action(origin), HTTP), `Origin ${origin}`).toBe(refused);
    expect(isCrossOriginAction(action("https://portal.example.org"), HTTPS), "the public address behind a proxy").toBe(false);
    expect(isCrossOriginAction(request("/login", { method: "POST", headers: { origin: "null" } }), HTTP), "a POST that is no server action").toBe(false);
  });

  afterEach(() => vi.unstubAllEnvs());

  it("get a plain 403 from middleware, with the security headers, whatever the path", async () => {
    vi.stubEnv("PORTICO_PUBLIC_URL", "http://localhost:3000");
    for (const origin of ["null", "https://evil.example"]) {
      const response = await middleware(action(origin));
      expect(response.status, `Origin ${origin}`).toBe(403);
      expect(await response.text()).toBe(CROSS_ORIGIN_ACTION_MESSAGE);
      expect(response.headers.get("content-type")).toContain("text/plain");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-middleware-next")).toBeNull();
    }
    const same = await middleware(action("http://localhost:3000"));
    expect(same.status).toBe(200);
    expect(same.headers.get("x-middleware-next")).toBe("1");
  });

  it("still meet the address allow-list first (M7): its refusal route records them", async () => {
    vi.stubEnv("PORTICO_IP_ALLOWLIST", "10.0.0.0/8");
    const response = await middleware(action("null"));
    expect(response.headers.get("x-middleware-rewrite")).toContain("/api/security/refused");
  });
});
