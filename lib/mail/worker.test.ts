/**
 * The outbox worker (it sends S7's e-mails, among others): sends what was queued, retries
 * with exponential backoff, gives up after MAX_ATTEMPTS, never sends one message twice
 * even with two workers, and picks up a message a crashed worker had claimed once its
 * lease expires.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Connection } from "@/db/connect";
import { outboxMessages } from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { queueMail } from "./outbox";
import {
  BATCH_SIZE,
  DEFAULT_MAIL_FROM,
  LEASE_MS,
  MAX_ATTEMPTS,
  type SendMail,
  claimDueMessages,
  describeError,
  processOutboxOnce,
  retryDelayMs,
  startOutboxWorker,
} from "./worker";

let conn: Connection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => conn?.close());
beforeEach(async () => {
  await conn.db.delete(outboxMessages);
});

// Later than the rows' default next_attempt_at (the database's now()), so they are due.
const T0 = () => new Date(Date.now() + 1_000);
const after = (t: Date, ms: number) => new Date(t.getTime() + ms);

async function queue(n = 1) {
  for (let i = 0; i < n; i++) {
    await queueMail(conn.db, { idempotencyKey: `k-${i}`, to: `p${i}@example.org`, subject: `Subject ${i}`, html: `<p>Body ${i}</p>`, text: `Body ${i}` });
  }
}
const all = () => conn.db.select().from(outboxMessages).orderBy(outboxMessages.id);

function fakeResend(outcome: (call: number) => "ok" | "error" | "throw" = () => "ok") {
  const calls: { mail: Parameters<SendMail>[0]; idempotencyKey: string }[] = [];
  const send: SendMail = async (mail, { idempotencyKey }) => {
    calls.push({ mail, idempotencyKey });
    const o = outcome(calls.length);
    if (o === "throw") throw new Error("connect ECONNREFUSED while using key re_live_abcdefgh12345");
    if (o === "error") return { data: null, error: { name: "rate_limit_exceeded", message: "Too many requests" } };
    return { data: { id: `msg-${calls.length}` }, error: null };
  };
  return { send, calls };
}

describe("sending", () => {
  it("without RESEND_API_KEY, marks messages sent via 'local' and sends nothing", async () => {
    await queue(2);
    const now = T0();
    expect(await processOutboxOnce(conn.db, { now, env: {} })).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0 });
    for (const m of await all()) {
      expect(m).toMatchObject({ status: "sent", deliveredVia: "local", attempts: 1, lockedUntil: null, lastError: null });
      expect(m.sentAt!.getTime()).toBe(now.getTime());
    }
    expect(await processOutboxOnce(conn.db, { now: after(now, 60_000), env: {} })).toMatchObject({ claimed: 0 });
  });

  it("through Resend: from MAIL_FROM, to the one address, both parts, with the idempotency key", async () => {
    await queue(1);
    const fake = fakeResend();
    const result = await processOutboxOnce(conn.db, { now: T0(), send: fake.send, env: { MAIL_FROM: "Northmoor Portal <portal@northmoor.example>" } });
    expect(result.sent).toBe(1);
    expect(fake.calls).toEqual([
      {
        mail: { from: "Northmoor Portal <portal@northmoor.example>", to: "p0@example.org", subject: "Subject 0", html: "<p>Body 0</p>", text: "Body 0" },
        idempotencyKey: "k-0",
      },
    ]);
    const [m] = await all();
    expect(m).toMatchObject({ status: "sent", deliveredVia: "resend:msg-1", attempts: 1 });
  });

  it("uses a sensible sender when MAIL_FROM is unset", async () => {
    await queue(1);
    const fake = fakeResend();
    await processOutboxOnce(conn.db, { now: T0(), send: fake.send, env: {} });
    expect(fake.calls[0]!.mail.from).toBe(DEFAULT_MAIL_FROM);
  });

  it("leaves messages that are not due, already sent or failed alone", async () => {
    await queue(3);
    const [a, b, c] = await all();
    await conn.db.update(outboxMessages).set({ nextAttemptAt: after(T0(), 3_600_000) }).where(eq(outboxMessages.id, a!.id));
    await conn.db.update(outboxMessages).set({ status: "sent" }).where(eq(outboxMessages.id, b!.id));
    await conn.db.update(outboxMessages).set({ status: "failed" }).where(eq(outboxMessages.id, c!.id));
    const fake = fakeResend();
    expect(await processOutboxOnce(conn.db, { now: T0(), send: fake.send })).toMatchObject({ claimed: 0 });
    expect(fake.calls).toHaveLength(0);
  });

  it("takes at most one batch per pass, oldest due first", async () => {
    await queue(BATCH_SIZE + 3);
    const fake = fakeResend();
    expect(await processOutboxOnce(conn.db, { now: T0(), send: fake.send })).toMatchObject({ claimed: BATCH_SIZE, sent: BATCH_SIZE });
    expect(fake.calls[0]!.idempotencyKey).toBe("k-0");
    expect(await processOutboxOnce(conn.db, { now: T0(), send: fake.send })).toMatchObject({ claimed: 3 });
  });
});

describe("retries", () => {
  it("a failure is retried later with exponential backoff, and the stored error holds no API key", async () => {
    await queue(1);
    const fake = fakeResend((n) => (n === 1 ? "throw" : n === 2 ? "error" : "ok"));
    const t1 = T0();
    expect(await processOutboxOnce(conn.db, { now: t1, send: fake.send, env: { RESEND_API_KEY: "re_live_abcdefgh12345" } })).toMatchObject({ retried: 1 });
    let [m] = await all();
    expect(m).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null, sentAt: null });
    expect(m!.nextAttemptAt.getTime()).toBe(t1.getTime() + retryDelayMs(1));
    expect(m!.lastError).toContain("ECONNREFUSED");
    expect(m!.lastError).not.toContain("re_live");

    // Not due before the backoff has passed.
    expect(await processOutboxOnce(conn.db, { now: after(t1, retryDelayMs(1) - 1_000), send: fake.send })).toMatchObject({ claimed: 0 });
    const t2 = after(t1, retryDelayMs(1));
    expect(await processOutboxOnce(conn.db, { now: t2, send: fake.send })).toMatchObject({ retried: 1 });
    [m] = await all();
    expect(m).toMatchObject({ status: "pending", attempts: 2, lastError: "Error: rate_limit_exceeded: Too many requests" });
    expect(m!.nextAttemptAt.getTime()).toBe(t2.getTime() + retryDelayMs(2));

    const t3 = after(t2, retryDelayMs(2));
    expect(await processOutboxOnce(conn.db, { now: t3, send: fake.send })).toMatchObject({ sent: 1 });
    [m] = await all();
    expect(m).toMatchObject({ status: "sent", attempts: 3, lastError: null, deliveredVia: "resend:msg-3" });
    // Every try carried the same key, so the provider can tell they are one message.
    expect(new Set(fake.calls.map((c) => c.idempotencyKey))).toEqual(new Set(["k-0"]));
  });

  it("the backoff doubles and is capped", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30)).toBe(6 * 60 * 60_000);
    // All the retries fit well inside the provider's 24-hour idempotency window.
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(24 * 60 * 60_000);
  });

  it(`is marked failed after ${MAX_ATTEMPTS} attempts`, async () => {
    await queue(1);
    const fake = fakeResend(() => "error");
    let now = T0();
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await processOutboxOnce(conn.db, { now, send: fake.send });
      expect(r).toMatchObject(i < MAX_ATTEMPTS ? { retried: 1 } : { failed: 1 });
      now = after(now, retryDelayMs(i));
    }
    const [m] = await all();
    expect(m).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, sentAt: null, lockedUntil: null });
    expect(await processOutboxOnce(conn.db, { now: after(now, 86_400_000), send: fake.send })).toMatchObject({ claimed: 0 });
    expect(fake.calls).toHaveLength(MAX_ATTEMPTS);
  });
});

describe("leases", () => {
  it("a message claimed by a worker that crashed is due again once the lease expires", async () => {
    await queue(1);
    const t = T0();
    // A worker claims it and dies before sending or recording anything.
    expect(await claimDueMessages(conn.db, t)).toHaveLength(1);
    const fake = fakeResend();
    expect(await processOutboxOnce(conn.db, { now: after(t, 1_000), send: fake.send })).toMatchObject({ claimed: 0 });
    expect(await processOutboxOnce(conn.db, { now: after(t, LEASE_MS - 1_000), send: fake.send })).toMatchObject({ claimed: 0 });
    expect(await processOutboxOnce(conn.db, { now: after(t, LEASE_MS + 1_000), send: fake.send })).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.calls.map((c) => c.idempotencyKey)).toEqual(["k-0"]);
  });

  it("three passes at once send each message exactly once", async () => {
    await queue(30);
    const sent: string[] = [];
    const slow: SendMail = async (_mail, { idempotencyKey }) => {
      sent.push(idempotencyKey);
      await new Promise((r) => setTimeout(r, 5));
      return { data: { id: idempotencyKey }, error: null };
    };
    const now = T0();
    const runs = await Promise.all([0, 1, 2].map(() => processOutboxOnce(conn.db, { now, send: slow, batchSize: 7 })));
    await processOutboxOnce(conn.db, { now, send: slow, batchSize: 100 });
    expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(21);
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
    const [{ n }] = (await conn.db.execute(sql`select count(*)::int as n from outbox_messages where status = 'sent'`).then((r) =>
      Array.isArray(r) ? r : (r as { rows: unknown[] }).rows,
    )) as [{ n: number }];
    expect(n).toBe(30);
  });
});

// PGlite has one connection, so only PostgreSQL can hold a claim open while another worker runs.
describe.runIf(!!process.env.DATABASE_URL)("several instances (PostgreSQL)", () => {
  it("a worker skips, without waiting, the messages another instance is claiming (for update skip locked)", async () => {
    await queue(10);
    const now = T0();
    const fake = fakeResend();
    let other: Awaited<ReturnType<typeof processOutboxOnce>> | "blocked" = "blocked";
    await conn.db.transaction(async (tx) => {
      // Instance A is in the middle of claiming 4 messages (its transaction is still open).
      const mine = await claimDueMessages(tx as unknown as typeof conn.db, now, 4);
      expect(mine).toHaveLength(4);
      // Instance B runs meanwhile: it must take the other 6 at once, not wait for A.
      other = await Promise.race([
        processOutboxOnce(conn.db, { now, send: fake.send, batchSize: 100 }),
        new Promise<"blocked">((r) => setTimeout(() => r("blocked"), 5_000)),
      ]);
      const taken = new Set(fake.calls.map((c) => c.idempotencyKey));
      for (const m of mine) expect(taken.has(m.idempotencyKey)).toBe(false);
    });
    expect(other).toMatchObject({ claimed: 6, sent: 6 });
    // A's lease holds: nobody else sends its 4 until it expires.
    expect(await processOutboxOnce(conn.db, { now, send: fake.send })).toMatchObject({ claimed: 0 });
    expect(await processOutboxOnce(conn.db, { now: after(now, LEASE_MS + 1_000), send: fake.send })).toMatchObject({ claimed: 4 });
    expect(new Set(fake.calls.map((c) => c.idempotencyKey)).size).toBe(10);
    expect(fake.calls).toHaveLength(10);
  });
});

describe("errors as stored", () => {
  it("are one bounded line without keys", () => {
    expect(describeError(new Error("bad key re_AbCdEf123456 sent"), [])).toBe("Error: bad key [redacted] sent");
    expect(describeError(new Error("Authorization: Bearer xyz.abc failed"), [])).toBe("Error: Authorization: Bearer [redacted] failed");
    expect(describeError("oops my-secret-value here", ["my-secret-value"])).toBe("oops [redacted] here");
    expect(describeError(new Error("a\nb")).includes("\n")).toBe(false);
    expect(describeError(new Error("x".repeat(2_000))).length).toBeLessThanOrEqual(500);
  });
});

describe("the polling loop", () => {
  let errors: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    errors = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => errors.mockRestore());

  it("runs passes, survives a failing pass, is started once per process, and stops on SIGTERM", async () => {
    const listenersBefore = process.listenerCount("SIGTERM");
    let calls = 0;
    const fakeProcess = vi.fn(async () => {
      calls++;
      if (calls === 1) throw new Error("database went away");
      return { claimed: 0, sent: 0, retried: 0, failed: 0 };
    });
    const worker = startOutboxWorker({ getDb: async () => conn.db, intervalMs: 10, process: fakeProcess });
    expect(startOutboxWorker({ getDb: async () => conn.db, intervalMs: 10, process: fakeProcess })).toBe(worker);
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("database went away"));

    // Something else (Next) handles the signal too; the worker only stops polling.
    const other = vi.fn();
    process.on("SIGTERM", other);
    try {
      process.emit("SIGTERM", "SIGTERM");
      await new Promise((r) => setTimeout(r, 50));
      const stoppedAt = calls;
      await new Promise((r) => setTimeout(r, 100));
      expect(calls).toBe(stoppedAt);
      expect(other).toHaveBeenCalled();
    } finally {
      process.removeListener("SIGTERM", other);
      await worker.stop();
    }
    // Stopped: a new start makes a new worker.
    const again = startOutboxWorker({ getDb: async () => conn.db, intervalMs: 10_000, process: fakeProcess });
    expect(again).not.toBe(worker);
    await again.stop();
    // A stopped worker leaves no signal listener behind.
    expect(process.listenerCount("SIGTERM")).toBe(listenersBefore);
  });

  it("sends what is queued, end to end", async () => {
    await queue(2);
    const worker = startOutboxWorker({ getDb: async () => conn.db, intervalMs: 10 });
    try {
      await vi.waitFor(async () => expect((await all()).every((m) => m.status === "sent")).toBe(true), { timeout: 10_000 });
    } finally {
      await worker.stop();
    }
  });
});
