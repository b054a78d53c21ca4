/**
 * M7 on the server paths, as when middleware is bypassed: with PORTICO_IP_ALLOWLIST set,
 * getViewer (every page, route handler and action) answers 403 and defineAction changes
 * nothing for an address not on the list; the refusal is in the audit log (M8).
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { useDatabaseForTests } from "@/db/client";
import type { Connection } from "@/db/connect";
import { auditEvents, locations, people, sessions } from "@/db/schema";
import { createTestDatabase } from "@/db/testing";

// next.config.ts turns forbidden() on (authInterrupts); Next reads this at run time.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
// A live session row, as a real sign-in makes (loadViewer checks it).
const session = { user: { id: "", audience: "organisational" }, signedInAt: Date.now() + 60_000, sessionId: "" };
vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(async () => session), clientAddress: () => "test" }));

const { getViewer } = await import("@/lib/access/viewer");
const { defineAction } = await import("@/lib/actions");
const { REFUSED_BY_ALLOWLIST } = await import("./ip");

let conn: Connection;
const personId = randomUUID();
beforeAll(async () => {
  conn = await createTestDatabase();
  useDatabaseForTests(conn.db);
  await conn.db.insert(people).values({ id: personId, email: "wm@example.org", name: "Web Master", audience: "organisational", roles: ["webmaster"] });
  session.user.id = personId;
  const [row] = await conn.db.insert(sessions).values({ personId, via: "password" }).returning({ id: sessions.id });
  session.sessionId = row!.id;
});
afterAll(async () => conn?.close());
afterEach(() => {
  delete process.env.PORTICO_IP_ALLOWLIST;
  delete process.env.PORTICO_PEER_STAMP;
});

function from(address: string) {
  process.env.PORTICO_IP_ALLOWLIST = "10.0.0.0/8, 2001:db8::/32";
  process.env.PORTICO_PEER_STAMP = "1";
  // The client's own X-Forwarded-For names an allowed address: it must not count.
  requestHeaders = new Headers({ "x-portico-peer": address, "x-forwarded-for": "10.0.0.5" });
}

const addLocation = defineAction({
  name: "test.location.add",
  input: z.object({ name: z.string() }),
  authorize: "account.own", // allowed to anyone signed in: the allowlist is what refuses
  run: async ({ tx, input }) => tx.insert(locations).values({ key: `k-${randomUUID()}`, name: input.name }),
});

const count = async (table: string) =>
  Number((await conn.db.execute(sql`select count(*)::int as n from ${sql.raw(table)}`).then((r) => (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows)))[0]!.n);

describe("M7 server paths", () => {
  it("getViewer answers 403 to an address not on the list, and records the refusal once a minute", async () => {
    from("127.0.0.1");
    await expect(getViewer()).rejects.toMatchObject({ digest: expect.stringContaining("403") });
    await expect(getViewer()).rejects.toMatchObject({ digest: expect.stringContaining("403") });
    const rows = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "security.ip-allowlist.refused"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ address: "127.0.0.1", actorId: null });
  });

  it("a server action from an address not on the list changes nothing", async () => {
    from("::1");
    const before = await count("locations");
    expect(await addLocation({ name: "Quay" })).toEqual({ ok: false, formError: REFUSED_BY_ALLOWLIST });
    expect(await count("locations")).toBe(before);
  });

  it("an address on the list (IPv4 or IPv6, or an IPv4-mapped peer) is served", async () => {
    for (const address of ["10.1.2.3", "::ffff:10.9.9.9", "2001:db8::7"]) {
      from(address);
      expect((await getViewer())?.id).toBe(personId);
    }
    from("10.1.2.3");
    expect(await addLocation({ name: "Quay" })).toMatchObject({ ok: true });
    const [row] = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "test.location.add"));
    expect(row?.address).toBe("test"); // what clientAddress (mocked here) answered
  });

  it("without an allowlist, every address is served", async () => {
    requestHeaders = new Headers({ "x-portico-peer": "203.0.113.1" });
    expect((await getViewer())?.id).toBe(personId);
  });
});
