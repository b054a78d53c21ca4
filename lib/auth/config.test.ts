import { describe, expect, it } from "vitest";
import { secureCookiesWanted } from "./config";

describe("secureCookiesWanted: Secure session cookies wherever the site is not a local run", () => {
  it.each([
    ["development", "https://portal.example.org"],
    ["production", "https://portal.example.org"],
    ["test", "https://localhost:3000"],
    [undefined, "https://127.0.0.1"],
  ])("is on for an https AUTH_URL (NODE_ENV=%s, %s)", (NODE_ENV, AUTH_URL) => {
    expect(secureCookiesWanted({ NODE_ENV, AUTH_URL })).toBe(true);
  });

  it.each(["http://portal.example.org", "http://10.0.0.5:3000", "http://intranet:3000", "http://localhost.evil.example"])(
    "is on in production for a non-loopback host (%s)",
    (AUTH_URL) => {
      expect(secureCookiesWanted({ NODE_ENV: "production", AUTH_URL })).toBe(true);
    },
  );

  it.each(["http://localhost:3000", "http://127.0.0.1:3000", "http://127.0.0.1", "http://[::1]:3000", undefined])(
    "is off in production served from loopback (%s): a local npm start over http",
    (AUTH_URL) => {
      expect(secureCookiesWanted({ NODE_ENV: "production", AUTH_URL })).toBe(false);
    },
  );

  it.each([
    ["development", "http://portal.example.org"],
    ["development", undefined],
    ["test", "http://portal.example.org"],
    [undefined, undefined],
  ])("is off outside production over http (NODE_ENV=%s, %s)", (NODE_ENV, AUTH_URL) => {
    expect(secureCookiesWanted({ NODE_ENV, AUTH_URL })).toBe(false);
  });

  it("reads the scheme case-insensitively", () => {
    expect(secureCookiesWanted({ NODE_ENV: "development", AUTH_URL: "HTTPS://portal.example.org" })).toBe(true);
  });

  it("errs on the safe side in production when AUTH_URL cannot be read", () => {
    expect(secureCookiesWanted({ NODE_ENV: "production", AUTH_URL: "portal.example.org" })).toBe(true);
  });
});

describe("secureCookiesWanted: from the public address, or from a trusted proxy's X-Forwarded-Proto", () => {
  const PROXY = { PORTICO_TRUSTED_PROXIES: "10.0.0.0/8", PORTICO_PEER_STAMP: "1" };
  const request = (headers: Record<string, string>) => new Headers(headers);

  it.each(["development", "production", undefined])("is on for an https PORTICO_PUBLIC_URL, which wins over AUTH_URL (NODE_ENV=%s)", (NODE_ENV) => {
    expect(secureCookiesWanted({ NODE_ENV, PORTICO_PUBLIC_URL: "https://portal.example.org" })).toBe(true);
    expect(secureCookiesWanted({ NODE_ENV, PORTICO_PUBLIC_URL: "https://portal.example.org", AUTH_URL: "http://localhost:3000" })).toBe(true);
    expect(secureCookiesWanted({ NODE_ENV, PORTICO_PUBLIC_URL: "http://localhost:3000", AUTH_URL: "https://portal.example.org" })).toBe(false);
  });

  it("is on behind a trusted proxy that says the client connected over https", () => {
    expect(secureCookiesWanted({ NODE_ENV: "production", ...PROXY }, request({ "x-portico-peer": "10.1.2.3", "x-forwarded-proto": "https" }))).toBe(true);
    expect(secureCookiesWanted({ NODE_ENV: "development", ...PROXY }, request({ "x-portico-peer": "10.1.2.3", "x-forwarded-proto": "http, HTTPS" }))).toBe(true);
  });

  it.each([
    ["a peer that is not a trusted proxy", PROXY, { "x-portico-peer": "192.0.2.7", "x-forwarded-proto": "https" }],
    ["no peer stamp (the client could forge the peer)", { PORTICO_TRUSTED_PROXIES: "10.0.0.0/8" }, { "x-portico-peer": "10.1.2.3", "x-forwarded-proto": "https" }],
    ["no trusted proxies configured", { PORTICO_PEER_STAMP: "1" }, { "x-portico-peer": "10.1.2.3", "x-forwarded-proto": "https" }],
    ["a trusted proxy that says http", PROXY, { "x-portico-peer": "10.1.2.3", "x-forwarded-proto": "http" }],
    ["a trusted proxy that says nothing", PROXY, { "x-portico-peer": "10.1.2.3" }],
  ])("is off for %s, with no public address", (_what, env, headers) => {
    expect(secureCookiesWanted({ NODE_ENV: "production", ...env }, request(headers))).toBe(false);
  });

  it("a configured http public address is not overridden by a proxy's header on loopback", () => {
    expect(secureCookiesWanted({ NODE_ENV: "production", AUTH_URL: "http://localhost:3000", ...PROXY }, request({ "x-portico-peer": "10.1.2.3", "x-forwarded-proto": "https" }))).toBe(false);
  });
});
