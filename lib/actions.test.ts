/**
 * The one server-action wrapper (DESIGN: every action re-reads the viewer, parses with
 * zod, checks its policy, and is audited, M8). A refused or failed call changes nothing.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { useDatabaseForTests } from "@/db/client";
import type { Connection } from "@/db/connect";
import { auditEvents, locations, people } from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/access/viewer";

let currentViewer: Viewer | null = null;
vi.mock("@/lib/access/viewer", () => ({ getViewer: vi.fn(async () => currentViewer) }));
vi.mock("@/lib/auth/auth", () => ({ clientAddress: () => "203.0.113.9" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { ActionError, REFUSED_MESSAGE, SIGNED_OUT_MESSAGE, defineAction } = await import("./actions");

let conn: Connection;
beforeAll(async () => {
  conn = await createTestDatabase();
  useDatabaseForTests(conn.db);
  await conn.db.insert(people).values({ id: viewer.id, email: viewer.email, name: viewer.name, audience: "organisational" });
});
afterAll(async () => conn?.close());

const viewer: Viewer = { id: randomUUID(), name: "Ada", email: "ada@example.org", audience: "organisational", isWebmaster: false, sessionAudienceStale: false, sessionId: null, mustEnrolTwoFactor: false, canViewTeams: true };

async function count(table: "locations" | "audit_events", where = sql`true`) {
  const [row] = await conn.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`).then((r) =>
    Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows,
  );
  return row!.n;
}

let allow = true;
const addLocation = defineAction({
  name: "test.location.add",
  input: z.object({ name: z.string().trim().min(1, "Enter a name"), failAfterWrite: z.enum(["no", "user", "crash"]).default("no") }),
  authorize: { policies: ["account.own"], check: async () => allow },
  run: async ({ tx, input }) => {
    const [row] = await tx.insert(locations).values({ key: `k-${randomUUID()}`, name: input.name }).returning({ id: locations.id });
    if (input.failAfterWrite === "user") throw new ActionError("That name is taken", "name");
    if (input.failAfterWrite === "crash") throw new Error("boom");
    return { id: row!.id };
  },
  audit: (input, result) => ({ target: { type: "location", id: result.id }, details: { name: input.name } }),
});

beforeEach(() => {
  currentViewer = viewer;
  allow = true;
});

describe("defineAction", () => {
  it("runs the change and records who did what, to what, from where, in the same transaction", async () => {
    const before = await count("locations");
    const result = await addLocation({ name: "Harbour Office" });
    expect(result.ok).toBe(true);
    expect(await count("locations")).toBe(before + 1);
    const [event] = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "test.location.add"));
    expect(event).toMatchObject({ actorId: viewer.id, actorEmail: "ada@example.org", targetType: "location", address: "203.0.113.9", details: { name: "Harbour Office" } });
    expect(event!.targetId).toBe(String(result.ok && result.data.id));
  });

  it("refuses a signed-out caller and changes nothing", async () => {
    currentViewer = null;
    const [locs, audits] = [await count("locations"), await count("audit_events")];
    expect(await addLocation({ name: "X" })).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });
    expect([await count("locations"), await count("audit_events")]).toEqual([locs, audits]);
  });

  it("answers bad input field by field and changes nothing (Q3)", async () => {
    const locs = await count("locations");
    expect(await addLocation({ name: "   " })).toEqual({ ok: false, fieldErrors: { name: "Enter a name" } });
    expect(await addLocation("not an object")).toMatchObject({ ok: false });
    expect(await count("locations")).toBe(locs);
  });

  it("refuses without the permission, changes nothing, and records the refusal", async () => {
    allow = false;
    const locs = await count("locations");
    expect(await addLocation({ name: "Refused Office" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    expect(await count("locations")).toBe(locs);
    expect(await count("audit_events", sql`action = 'test.location.add.refused'`)).toBe(1);
  });

  it("rolls back a half-done change when the action reports a problem, showing it beside the field", async () => {
    const [locs, audits] = [await count("locations"), await count("audit_events")];
    expect(await addLocation({ name: "Dup", failAfterWrite: "user" })).toEqual({ ok: false, fieldErrors: { name: "That name is taken" } });
    expect(await addLocation({ name: "Dup", failAfterWrite: "crash" })).toMatchObject({ ok: false, formError: expect.stringMatching(/nothing was changed/) });
    expect([await count("locations"), await count("audit_events")]).toEqual([locs, audits]);
  });
});
