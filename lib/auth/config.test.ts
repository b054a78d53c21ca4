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
