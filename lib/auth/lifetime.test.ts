/**
 * P3: a session lasts at most PORTICO_SESSION_MAX_HOURS from its sign-in and ends after
 * PORTICO_SESSION_IDLE_MINUTES without a request, checked on every request (loadViewer,
 * the Auth.js jwt callback, middleware); /api/auth/session says nothing about a session
 * that has ended, timed out, or belongs to a blocked or unauthorised person.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { Connection } from "@/db/connect";
import { people, sessions } from "@/db/schema";
import { loadViewer } from "@/lib/access/viewer";
import { type Harness, createHarness, signInAs } from "@/lib/testing/harness";
import { authConfig } from "./config";
import {
  DEFAULT_SESSION_IDLE_MINUTES,
  DEFAULT_SESSION_MAX_HOURS,
  pastMaximum,
  sessionLifetime,
  sessionLifetimeProblem,
  sessionTimedOut,
} from "./lifetime";

const authModule = await import("@/lib/auth/auth");
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");

const HOUR = 3_600_000;
const MINUTE = 60_000;
const NOW = new Date("2026-12-01T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let harness: Harness;
let conn: Connection;
let serial = 0;

async function makePerson(fields: Partial<typeof people.$inferInsert> = {}) {
  serial++;
  const [row] = await conn.db
    .insert(people)
    .values({ email: `lifetime-${serial}-${randomUUID().slice(0, 6)}@example.org`, name: `Person ${serial}`, audience: "organisational", authorisedAt: ago(48 * HOUR), sessionsValidFrom: ago(48 * HOUR), ...fields })
    .returning();
  return row!;
}

beforeAll(async () => {
  harness = await createHarness();
  conn = harness.conn;
});
afterAll(async () => harness?.close());

describe("P3 session lifetime settings", () => {
  it("defaults to 12 hours from sign-in and 120 idle minutes, and reads both variables", () => {
    expect([DEFAULT_SESSION_MAX_HOURS, DEFAULT_SESSION_IDLE_MINUTES]).toEqual([12, 120]);
    expect(sessionLifetime({})).toEqual({ maxMs: 12 * HOUR, idleMs: 120 * MINUTE });
    expect(sessionLifetime({ PORTICO_SESSION_MAX_HOURS: "8", PORTICO_SESSION_IDLE_MINUTES: " 30 " })).toEqual({ maxMs: 8 * HOUR, idleMs: 30 * MINUTE });
    expect(sessionLifetimeProblem({ PORTICO_SESSION_MAX_HOURS: "8", PORTICO_SESSION_IDLE_MINUTES: "" })).toBeNull();
  });

  it.each(["0", "-1", "1.5", "twelve", "100000"])("refuses to start with PORTICO_SESSION_MAX_HOURS=%s, and never reads it as no limit", (value) => {
    expect(sessionLifetimeProblem({ PORTICO_SESSION_MAX_HOURS: value })).toMatch(/^PORTICO_SESSION_MAX_HOURS must be a whole number from 1 to \d+/);
    expect(sessionLifetime({ PORTICO_SESSION_MAX_HOURS: value }).maxMs).toBe(12 * HOUR);
  });

  it("ends a session at the maximum from sign-in, however active, and after the idle timeout", () => {
    const life = sessionLifetime({});
    expect(sessionTimedOut({ signedInAt: ago(12 * HOUR - 1).getTime(), lastAccessAt: NOW }, NOW, life)).toBeNull();
    expect(sessionTimedOut({ signedInAt: ago(12 * HOUR).getTime(), lastAccessAt: NOW }, NOW, life)).toBe("maximum");
    expect(sessionTimedOut({ signedInAt: ago(3 * HOUR).getTime(), lastAccessAt: ago(119 * MINUTE) }, NOW, life)).toBeNull();
    expect(sessionTimedOut({ signedInAt: ago(3 * HOUR).getTime(), lastAccessAt: ago(120 * MINUTE) }, NOW, life)).toBe("idle");
    // Activity is at least the sign-in itself.
    expect(sessionTimedOut({ signedInAt: ago(MINUTE).getTime(), lastAccessAt: ago(5 * HOUR) }, NOW, life)).toBeNull();
    expect(pastMaximum(undefined, NOW.getTime(), life)).toBe(true);
    expect(pastMaximum(0, NOW.getTime(), life)).toBe(true);
  });
});

describe("P3 session lifetime, on every request", () => {
  it("loadViewer refuses a session past the maximum or idle, and writes no last access for it", async () => {
    const fresh = await makePerson({ lastAccessAt: ago(10 * MINUTE) });
    expect(await loadViewer(conn.db, { personId: fresh.id, signedInAt: ago(11 * HOUR).getTime() }, NOW)).not.toBeNull();
    const old = await makePerson({ lastAccessAt: ago(MINUTE) });
    expect(await loadViewer(conn.db, { personId: old.id, signedInAt: ago(12 * HOUR + MINUTE).getTime() }, NOW)).toBeNull();
    const idle = await makePerson({ lastAccessAt: ago(121 * MINUTE) });
    expect(await loadViewer(conn.db, { personId: idle.id, signedInAt: ago(3 * HOUR).getTime() }, NOW)).toBeNull();
    const [row] = await conn.db.select({ at: people.lastAccessAt }).from(people).where(eq(people.id, idle.id));
    expect(row!.at!.toISOString()).toBe(ago(121 * MINUTE).toISOString());
  });

  it("honours PORTICO_SESSION_MAX_HOURS and PORTICO_SESSION_IDLE_MINUTES", async () => {
    const p = await makePerson({ lastAccessAt: ago(20 * MINUTE) });
    const session = { personId: p.id, signedInAt: ago(2 * HOUR).getTime() };
    vi.stubEnv("PORTICO_SESSION_IDLE_MINUTES", "15");
    try {
      expect(await loadViewer(conn.db, session, NOW)).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
    vi.stubEnv("PORTICO_SESSION_MAX_HOURS", "1");
    try {
      expect(await loadViewer(conn.db, session, NOW)).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await loadViewer(conn.db, session, NOW)).not.toBeNull();
  });

  it("the Auth.js jwt callback clears a cookie past the maximum instead of re-issuing it", () => {
    const token = { sub: randomUUID(), audience: "organisational" as const, roles: [], sid: randomUUID() };
    const jwt = (signedInAt: number) => authConfig.callbacks.jwt({ token: { ...token, signedInAt } } as never);
    expect(jwt(Date.now() - 11 * HOUR)).toMatchObject({ sub: token.sub });
    expect(jwt(Date.now() - 12 * HOUR - MINUTE)).toBeNull();
    expect(authConfig.callbacks.jwt({ token } as never)).toBeNull();
  });
});

describe("P3 /api/auth/session says nothing about a session that has ended", () => {
  const live = { user: { id: "someone", audience: "organisational", roles: [] }, expires: "later" };
  const request = (method: "GET" | "POST" = "GET") =>
    new NextRequest("http://portal.test/api/auth/session", { method, headers: { cookie: "authjs.session-token=abc; other=1" } });

  async function answer(method: "GET" | "POST" = "GET") {
    authModule.handlers.GET = vi.fn(async () => Response.json(live));
    authModule.handlers.POST = vi.fn(async () => Response.json(live));
    const response = await (method === "GET" ? GET : POST)(request(method));
    return { body: await response.json(), cookie: response.headers.get("set-cookie") ?? "", handler: authModule.handlers[method] };
  }

  it("answers a live session through Auth.js", async () => {
    const p = await makePerson();
    await signInAs(p.email);
    expect((await answer()).body).toEqual(live);
  });

  it.each([
    ["ended", async (id: string) => void (await conn.db.update(sessions).set({ endedAt: new Date() }).where(eq(sessions.personId, id)))],
    ["blocked", async (id: string) => void (await conn.db.update(people).set({ blocked: true }).where(eq(people.id, id)))],
    ["made unauthorised by a new welcome", async (id: string) => void (await conn.db.update(people).set({ authorisedAt: null, passwordHash: null, sessionsValidFrom: new Date(Date.now() + 1000) }).where(eq(people.id, id)))],
    ["idle", async (id: string) => void (await conn.db.update(people).set({ lastAccessAt: new Date(Date.now() - 3 * HOUR) }).where(eq(people.id, id)))],
  ])("a session %s: null, no user data, and the cookie cleared (GET and POST)", async (_what, change) => {
    const p = await makePerson();
    await signInAs(p.email, { signedInAt: Date.now() - 3 * HOUR });
    await conn.db.update(people).set({ lastAccessAt: new Date() }).where(eq(people.id, p.id));
    await change(p.id);
    for (const method of ["GET", "POST"] as const) {
      const { body, cookie, handler } = await answer(method);
      expect(handler).not.toHaveBeenCalled();
      expect(body).toBeNull();
      expect(cookie).toMatch(/^authjs\.session-token=; .*Max-Age=0/);
      expect(cookie).not.toContain("other=");
    }
  });

  it("a session past the maximum from sign-in: null", async () => {
    const p = await makePerson();
    await signInAs(p.email, { signedInAt: Date.now() - 13 * HOUR });
    expect((await answer()).body).toBeNull();
  });
});
