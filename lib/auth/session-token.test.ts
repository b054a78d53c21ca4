/**
 * P3: the session cookie's token. Portico writes and reads Auth.js's own format with the key
 * derived once (lib/auth/session-token.ts); currentSession reads a page's session from it.
 */
import { randomUUID } from "node:crypto";
import { encode as authJsEncode, decode as authJsDecode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { testRequest } from "@/lib/testing/request";
import { decodeSessionToken, encodeSessionToken, sessionCookieName, sessionTokenFrom } from "./session-token";

const secret = "session-token-test-secret-0123456789abcdef";
const salt = sessionCookieName(false);
const HOUR = 3_600_000;
const claims = () => ({ sub: randomUUID(), audience: "organisational" as const, roles: [], signedInAt: Date.now(), sid: randomUUID() });

describe("P3 the session token", () => {
  it("reads a token Auth.js wrote, and Auth.js reads one Portico wrote", async () => {
    const token = claims();
    const fromAuthJs = await authJsEncode({ token, secret, salt, maxAge: 60 });
    expect(await decodeSessionToken({ token: fromAuthJs, secret, salt })).toMatchObject(token);
    const fromPortico = await encodeSessionToken({ token, secret, salt, maxAge: 60 });
    expect(await authJsDecode({ token: fromPortico, secret, salt })).toMatchObject(token);
  });

  it("gives the token an expiry, an issue time and a fresh id each time", async () => {
    const token = claims();
    const [a, b] = [await encodeSessionToken({ token, secret, salt, maxAge: 60 }), await encodeSessionToken({ token, secret, salt, maxAge: 60 })];
    const [da, db] = [await decodeSessionToken({ token: a, secret, salt }), await decodeSessionToken({ token: b, secret, salt })];
    expect(da!.exp! - da!.iat!).toBe(60);
    expect(da!.jti).not.toBe(db!.jti);
  });

  it("refuses a token under another secret, another cookie name, altered, or expired", async () => {
    const good = await encodeSessionToken({ token: claims(), secret, salt, maxAge: 60 });
    await expect(decodeSessionToken({ token: good, secret: `${secret}-other`, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: good, secret, salt: sessionCookieName(true) })).rejects.toThrow();
    const parts = good.split(".");
    const flipped = parts[3]!.startsWith("A") ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    await expect(decodeSessionToken({ token: [...parts.slice(0, 3), flipped, parts[4]].join("."), secret, salt })).rejects.toThrow();
    const expired = await encodeSessionToken({ token: claims(), secret, salt, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow();
    expect(await decodeSessionToken({ token: undefined, secret, salt })).toBeNull();
  });

  it("reads the old secret's tokens while secrets are rotated", async () => {
    const token = claims();
    const old = await encodeSessionToken({ token, secret, salt, maxAge: 60 });
    expect(await decodeSessionToken({ token: old, secret: [`${secret}-new`, secret], salt })).toMatchObject(token);
  });

  it("a token read again answers the same claims, a copy each time, and still expires", async () => {
    const token = claims();
    const written = await encodeSessionToken({ token, secret, salt, maxAge: 30 });
    const first = await decodeSessionToken({ token: written, secret, salt });
    first!.roles = ["webmaster"];
    first!.sub = "someone-else";
    expect(await decodeSessionToken({ token: written, secret, salt })).toMatchObject(token);
    // Read before under one secret: not thereby readable under another.
    await expect(decodeSessionToken({ token: written, secret: `${secret}-other`, salt })).rejects.toThrow();
    vi.useFakeTimers({ now: Date.now() + 46_000, toFake: ["Date"] });
    try {
      await expect(decodeSessionToken({ token: written, secret, salt })).rejects.toThrow();
    } finally {
      vi.useRealTimers();
    }
  });

  it("joins a token Auth.js split into chunks", () => {
    const jar = new Map([
      ["authjs.session-token.1", "def"],
      ["authjs.session-token.0", "abc"],
    ]);
    const cookies = { get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined) };
    expect(sessionTokenFrom(cookies, "authjs.session-token")).toBe("abcdef");
    expect(sessionTokenFrom(cookies, "__Secure-authjs.session-token")).toBeUndefined();
  });
});

// The shared set-up replaces currentSession with the harness's session; this file tests the real one.
const { currentSession } = await vi.importActual<typeof import("./current-session")>("./current-session");

describe("P3 currentSession: the page's session from its cookie", () => {
  const withCookie = async (token: Record<string, unknown>, maxAge = 60) => {
    vi.stubEnv("AUTH_SECRET", secret);
    testRequest().cookies.set(salt, await encodeSessionToken({ token, secret, salt, maxAge }));
  };

  it("answers the cookie's person, audience, sign-in time and session row", async () => {
    const token = claims();
    await withCookie(token);
    expect(await currentSession()).toEqual({ user: { id: token.sub, audience: "organisational" }, signedInAt: token.signedInAt, sessionId: token.sid });
  });

  it("no cookie, a cookie it cannot read, an expired one, or one past the maximum from sign-in: no session", async () => {
    vi.stubEnv("AUTH_SECRET", secret);
    expect(await currentSession()).toBeNull();
    testRequest().cookies.set(salt, "not-a-token");
    expect(await currentSession()).toBeNull();
    await withCookie(claims(), -60);
    expect(await currentSession()).toBeNull();
    await withCookie({ ...claims(), signedInAt: Date.now() - 13 * HOUR });
    expect(await currentSession()).toBeNull();
    await withCookie({ ...claims(), sub: undefined });
    expect(await currentSession()).toBeNull();
  });
});
