/**
 * The one server-action wrapper (DESIGN: every action re-reads the viewer, parses with
 * zod, checks its policy, and is audited, M8). A refused or failed call changes nothing.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { auditEvents, locations, people, sections } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { type Harness, createHarness, signInAs, signOut } from "@/lib/testing/harness";

/**
 * getViewer stays the real one (the signed-in session through the real loadViewer); the
 * wrapper only lets a test change the database right after the action has loaded its
 * viewer and before its transaction, which is "after the page loaded" (S4, P2), and keeps
 * the viewer as loaded so that a test can show what the action started from.
 */
const loading = vi.hoisted(() => ({
  afterLoaded: null as (() => Promise<unknown>) | null,
  loaded: undefined as Viewer | null | undefined,
}));
vi.mock("@/lib/access/viewer", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/access/viewer")>();
  return {
    ...real,
    getViewer: async () => {
      const viewer = await real.getViewer();
      loading.loaded = viewer;
      await loading.afterLoaded?.();
      return viewer;
    },
  };
});

/** Calls `call` with `change` made after the action loaded its viewer, before its transaction. */
async function changedAfterLoading<T>(change: () => Promise<unknown>, call: () => Promise<T>): Promise<T> {
  loading.afterLoaded = change;
  try {
    return await call();
  } finally {
    loading.afterLoaded = null;
  }
}

const { ActionError, CONFLICT_ATTEMPTS, FAILED_MESSAGE, REFUSED_MESSAGE, SIGNED_OUT_MESSAGE, defineAction, defineReadAction } = await import("./actions");

const ADA = "ada@example.org"; // no role anywhere
const WEBMASTER = "wm@example.org";
let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    people: [
      { email: ADA, name: "Ada", audience: "organisational" },
      { email: WEBMASTER, name: "Web Master", audience: "organisational", roles: ["webmaster"] },
    ],
  });
});
afterAll(async () => h?.close());

async function count(table: "locations" | "audit_events", where = sql`true`) {
  const [row] = await h.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`).then((r) =>
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

beforeEach(async () => {
  await signInAs(ADA);
  allow = true;
});

describe("defineAction", () => {
  it("runs the change and records who did what, to what, from where, in the same transaction", async () => {
    const before = await count("locations");
    const result = await addLocation({ name: "Harbour Office" });
    expect(result.ok).toBe(true);
    expect(await count("locations")).toBe(before + 1);
    const [event] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "test.location.add"));
    expect(event).toMatchObject({ actorId: h.person(ADA), actorEmail: "ada@example.org", targetType: "location", address: "203.0.113.9", details: { name: "Harbour Office" } });
    expect(event!.targetId).toBe(String(result.ok && result.data.id));
  });

  it("refuses a signed-out caller and changes nothing", async () => {
    signOut();
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

  describe("a transaction PostgreSQL gave up for another's sake (a deadlock, 40P01)", () => {
    let attempts = 0;
    const deadlockedFirst = defineAction({
      name: "test.location.deadlocked",
      input: z.object({ name: z.string(), deadlocks: z.number().int() }),
      authorize: { policies: ["account.own"], check: async () => true },
      run: async ({ tx, input }) => {
        const [row] = await tx.insert(locations).values({ key: `k-${randomUUID()}`, name: input.name }).returning({ id: locations.id });
        // As drizzle reports it: its own error, the driver's (with the SQLSTATE) as the cause.
        if (attempts++ < input.deadlocks) throw new Error("Failed query: insert …", { cause: Object.assign(new Error("deadlock detected"), { code: "40P01" }) });
        return { id: row!.id };
      },
      audit: (input, result) => ({ target: { type: "location", id: result.id }, details: { name: input.name } }),
    });
    beforeEach(() => {
      attempts = 0;
      vi.spyOn(console, "warn").mockImplementation(() => {});
      vi.spyOn(console, "error").mockImplementation(() => {});
    });
    afterEach(() => {
      vi.mocked(console.warn).mockRestore();
      vi.mocked(console.error).mockRestore();
    });

    it("is tried again, and only the attempt that committed is kept: the person's change is made, audited once", async () => {
      const [locs, audits] = [await count("locations"), await count("audit_events", sql`action = 'test.location.deadlocked'`)];
      const result = await deadlockedFirst({ name: "Quay Office", deadlocks: 1 });
      expect(result.ok).toBe(true);
      expect(attempts).toBe(2);
      expect([await count("locations"), await count("audit_events", sql`action = 'test.location.deadlocked'`)]).toEqual([locs + 1, audits + 1]);
    });

    it(`gives up after ${CONFLICT_ATTEMPTS} attempts with the failure message, nothing changed`, async () => {
      const [locs, audits] = [await count("locations"), await count("audit_events")];
      expect(await deadlockedFirst({ name: "Never Office", deadlocks: 99 })).toEqual({ ok: false, formError: FAILED_MESSAGE });
      expect(attempts).toBe(CONFLICT_ATTEMPTS);
      expect([await count("locations"), await count("audit_events")]).toEqual([locs, audits]);
    });

    it("is not tried again for any other failure", async () => {
      expect(await addLocation({ name: "Dup", failAfterWrite: "crash" })).toMatchObject({ ok: false });
      const crashing = defineAction({
        name: "test.location.crashes",
        input: z.object({}),
        authorize: { policies: ["account.own"], check: async () => true },
        run: async () => {
          attempts++;
          throw Object.assign(new Error("unique violation"), { code: "23505" });
        },
      });
      expect(await crashing({})).toEqual({ ok: false, formError: FAILED_MESSAGE });
      expect(attempts).toBe(1);
    });
  });

  it("logs a failed query without its parameters: they are what the person typed (lib/errors.ts)", async () => {
    const failing = defineAction({
      name: "test.query.fails",
      input: z.object({ name: z.string() }),
      authorize: { policies: ["account.own"], check: async () => true },
      // A unique key already taken: the database refuses, with the values in drizzle's message.
      run: async ({ tx, input }) => {
        await tx.insert(locations).values({ key: "taken-key", name: input.name });
        await tx.insert(locations).values({ key: "taken-key", name: input.name });
      },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await failing({ name: "Ann Private-Person" })).toMatchObject({ ok: false, formError: expect.stringMatching(/nothing was changed/) });
      const lines = logged.mock.calls.map((args) => args.map(String).join(" "));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^action test\.query\.fails failed: Failed query: insert into "locations" .*\[parameters not logged\] — database error 23505/);
      expect(lines[0]).not.toMatch(/Ann Private-Person|taken-key|params:/);
    } finally {
      logged.mockRestore();
    }
  });
});

describe("defineAction decides with the policy catalogue, on the viewer's rights re-read in its transaction", () => {
  const setRoles = (roles: "webmaster"[]) => h.db.update(people).set({ roles }).where(eq(people.id, h.person(WEBMASTER)));
  const setBlocked = (blocked: boolean) => h.db.update(people).set({ blocked }).where(eq(people.id, h.person(WEBMASTER)));

  const addAsWebmaster = defineAction({
    name: "test.location.webmaster-add",
    input: z.object({ name: z.string() }),
    authorize: "people.manage",
    run: async ({ tx, input, viewer: decidedFor }) => {
      await tx.insert(locations).values({ key: `k-${randomUUID()}`, name: input.name });
      return { isWebmaster: decidedFor.isWebmaster };
    },
  });
  const peekAsWebmaster = defineReadAction({ input: z.object({}), authorize: "people.manage", run: async () => "seen" });

  it("S4 a webmaster demoted after the page loaded is refused by the very next action, and the refusal audited", async () => {
    await signInAs(WEBMASTER);
    expect(await addAsWebmaster({ name: "Allowed" })).toEqual({ ok: true, data: { isWebmaster: true } });
    try {
      const locs = await count("locations");
      expect(await changedAfterLoading(() => setRoles([]), () => addAsWebmaster({ name: "Demoted" }))).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      // As loaded at the start of the request, still a webmaster: the refusal is the transaction's re-read.
      expect(loading.loaded?.isWebmaster).toBe(true);
      await setRoles(["webmaster"]);
      expect(await changedAfterLoading(() => setRoles([]), () => peekAsWebmaster({}))).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      expect(loading.loaded?.isWebmaster).toBe(true);
      expect(await count("locations")).toBe(locs);
      expect(await count("audit_events", sql`action = 'test.location.webmaster-add.refused'`)).toBe(1);
    } finally {
      await setRoles(["webmaster"]);
    }
  });

  it("S4 a person made webmaster after the page loaded is allowed at once; run sees the re-read rights", async () => {
    await signInAs(ADA);
    const promoteAda = () => h.db.update(people).set({ roles: ["webmaster"] }).where(eq(people.id, h.person(ADA)));
    const demoteAda = () => h.db.update(people).set({ roles: [] }).where(eq(people.id, h.person(ADA)));
    try {
      expect(await changedAfterLoading(promoteAda, () => addAsWebmaster({ name: "Promoted" }))).toEqual({ ok: true, data: { isWebmaster: true } });
      expect(loading.loaded?.isWebmaster).toBe(false); // as the page loaded her
      await demoteAda();
      expect(await changedAfterLoading(promoteAda, () => peekAsWebmaster({}))).toEqual({ ok: true, data: "seen" });
      expect(loading.loaded?.isWebmaster).toBe(false);
    } finally {
      await demoteAda();
    }
  });

  it("P2 a person blocked after the page loaded is refused, even for their own account", async () => {
    const ownAccount = defineAction({ name: "test.own", input: z.object({}), authorize: "account.own", run: async () => null });
    await signInAs(WEBMASTER);
    expect((await ownAccount({})).ok).toBe(true);
    try {
      expect(await changedAfterLoading(() => setBlocked(true), () => ownAccount({}))).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      expect(loading.loaded).not.toBeNull(); // loaded before the block: the refusal is the transaction's re-read
      await setBlocked(false);
      expect(await changedAfterLoading(() => setBlocked(true), () => addAsWebmaster({ name: "Blocked" }))).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      // P3: from the next request on, the blocked person has no viewer at all.
      expect(await ownAccount({})).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });
    } finally {
      await setBlocked(false);
    }
  });

  it("S7 a named entry finds its resource in the input by the field the catalogue states (sectionId)", async () => {
    const [section] = await h.db.insert(sections).values({ slug: `s-${randomUUID()}`, title: "Somewhere", parentId: null, restricted: false }).returning({ id: sections.id });
    const manage = defineAction({ name: "test.section.touch", input: z.object({ sectionId: z.number() }), authorize: "section.manage", run: async ({ input }) => input.sectionId });
    await signInAs(ADA); // no role anywhere
    expect(await manage({ sectionId: section!.id })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    await signInAs(WEBMASTER); // S4
    expect(await manage({ sectionId: section!.id })).toEqual({ ok: true, data: section!.id });
    // An unknown section is nobody's to manage.
    expect(await manage({ sectionId: 987_654 })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
  });
});

describe("work staged before the transaction (storing a file, lib/storage)", () => {
  const log: string[] = [];
  /** The permission at the first check (before staging) and in the transaction. */
  const allowed = { before: true, inTransaction: true };
  let checks = 0;
  const stagedAction = defineAction({
    name: "test.staged",
    input: z.object({ name: z.string(), fail: z.enum(["no", "stage", "run", "crash"]).default("no") }),
    authorize: { policies: ["account.own"], check: async () => (checks++ === 0 ? allowed.before : allowed.inTransaction) },
    stage: {
      run: async ({ input, viewer }) => {
        if (input.fail === "stage") throw new ActionError("This file cannot be stored", "file");
        log.push(`staged ${input.name} for ${viewer.email}`);
        return { token: input.name };
      },
      undo: async (staged) => {
        log.push(`undone ${staged.token}`);
      },
    },
    run: async ({ tx, input, staged }) => {
      await tx.insert(locations).values({ key: `k-${randomUUID()}`, name: staged.token });
      if (input.fail === "run") throw new ActionError("That name is taken", "name");
      if (input.fail === "crash") throw new Error("boom");
      return { token: staged.token };
    },
  });
  const call = async (input: Record<string, unknown>) => {
    checks = 0;
    log.length = 0;
    return stagedAction(input);
  };
  beforeEach(async () => {
    Object.assign(allowed, { before: true, inTransaction: true });
    await signInAs(ADA);
  });

  it("stages after the input is parsed and the permission checked, and hands the result to run; nothing is undone once committed", async () => {
    expect(await call({ name: "Kept" })).toEqual({ ok: true, data: { token: "Kept" } });
    expect(log).toEqual([`staged Kept for ${ADA}`]);
    expect(await count("locations", sql`name = 'Kept'`)).toBe(1);
    expect(await call({ name: 7 })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(log).toEqual([]);
    signOut();
    expect(await call({ name: "Signed out" })).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });
    expect(log).toEqual([]);
  });

  it("stages nothing for someone the first check refuses, and audits the refusal", async () => {
    allowed.before = false;
    const refusals = await count("audit_events", sql`action = 'test.staged.refused'`);
    expect(await call({ name: "Refused" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    expect(log).toEqual([]);
    expect(await count("audit_events", sql`action = 'test.staged.refused'`)).toBe(refusals + 1);
  });

  it("undoes the staged work when the transaction does not commit: refused there, a person's error, a crash", async () => {
    allowed.inTransaction = false;
    expect(await call({ name: "Lost the right" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    expect(log).toEqual([`staged Lost the right for ${ADA}`, "undone Lost the right"]);
    allowed.inTransaction = true;
    expect(await call({ name: "Taken", fail: "run" })).toEqual({ ok: false, fieldErrors: { name: "That name is taken" } });
    expect(log).toEqual([`staged Taken for ${ADA}`, "undone Taken"]);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await call({ name: "Crashed", fail: "crash" })).toMatchObject({ ok: false, formError: expect.stringMatching(/nothing was changed/) });
    } finally {
      quiet.mockRestore();
    }
    expect(log).toEqual([`staged Crashed for ${ADA}`, "undone Crashed"]);
    expect(await count("locations", sql`name in ('Lost the right', 'Taken', 'Crashed')`)).toBe(0);
  });

  it("shows a staging step's own error beside its field, with nothing to undo", async () => {
    expect(await call({ name: "Bad", fail: "stage" })).toEqual({ ok: false, fieldErrors: { file: "This file cannot be stored" } });
    expect(log).toEqual([]);
  });
});
