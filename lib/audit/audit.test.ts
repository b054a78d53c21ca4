/**
 * M8: the audit log is append-only in the database itself, its retention purge removes
 * only what is past the period webmasters set, and webmasters (only) read it filtered,
 * page by page. Runs on PGlite and, with DATABASE_URL, on PostgreSQL (where it also
 * tries as an ordinary role that holds every privilege on the table).
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { auditEvents, people, settings } from "@/db/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { csvCell, csvRow } from "@/lib/csv";
import { purgeAuditEvents } from "./purge";
import { allAuditEvents, listAuditEvents } from "./queries";
import { NO_FILTERS, parseAuditFilters } from "./schemas";
import type { Viewer } from "@/lib/access/types";

let harness: Harness;
let conn: Connection;
const actorId = randomUUID();
// Readers as the real loadViewer reads them: a webmaster, and Ann, who is not one.
let webmaster: Viewer;
let notWebmaster: Viewer;

beforeAll(async () => {
  harness = await createHarness();
  conn = harness.conn;
  await conn.db.insert(people).values({ id: actorId, email: "Ann.Admin@example.org", name: "Ann", audience: "organisational" });
  await conn.db.insert(people).values({ email: "wes.web@example.org", name: "Wes", audience: "organisational", roles: ["webmaster"] });
  webmaster = await viewerOf("wes.web@example.org");
  notWebmaster = await viewerOf("Ann.Admin@example.org");
});
afterAll(async () => harness?.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
async function insert(action: string, at = new Date(), extra: Partial<typeof auditEvents.$inferInsert> = {}) {
  const [row] = await conn.db.insert(auditEvents).values({ action, at, ...extra }).returning({ id: auditEvents.id });
  return row!.id;
}
async function setRetention(value: unknown) {
  await conn.db.insert(settings).values({ key: "auditRetention", value }).onConflictDoUpdate({ target: settings.key, set: { value: value as object } });
}
const errorText = (e: unknown): string => (e instanceof Error ? `${e.message} ${errorText((e as { cause?: unknown }).cause)}` : String(e ?? ""));
async function refused(statement: ReturnType<typeof sql>) {
  const error = await conn.db.execute(statement).then(() => null, (e: unknown) => e);
  expect(error, "the statement should have been refused").not.toBeNull();
  expect(errorText(error)).toMatch(/append-only/);
}

describe("M8 append-only audit log", () => {
  beforeEach(async () => conn.db.delete(settings).where(eq(settings.key, "auditRetention")));

  it("refuses UPDATE of any row, old or new", async () => {
    const id = await insert("test.update", daysAgo(400));
    await refused(sql`update audit_events set action = 'forged' where id = ${id}`);
    await refused(sql`update audit_events set details = '{"x":1}' where id = ${id}`);
    await setRetention({ days: 30 });
    await refused(sql`update audit_events set at = now() where id = ${id}`);
  });

  it("refuses DELETE while no retention is set, and of rows within the retention period", async () => {
    const old = await insert("test.delete", daysAgo(400));
    await refused(sql`delete from audit_events where id = ${old}`);
    await setRetention({ days: 500 });
    await refused(sql`delete from audit_events where id = ${old}`);
    // A retention under the floor counts as 30 days in the database too.
    await setRetention({ days: 1 });
    const recent = await insert("test.delete", daysAgo(10));
    await refused(sql`delete from audit_events where id = ${recent}`);
  });

  it("refuses TRUNCATE", async () => {
    await refused(sql`truncate audit_events`);
  });

  it("lets a person be deleted: their events stay, with the e-mail they had", async () => {
    const id = randomUUID();
    await conn.db.insert(people).values({ id, email: "leaver@example.org", name: "Leaver", audience: "organisational" });
    const eventId = await insert("test.leaver", new Date(), { actorId: id, actorEmail: "leaver@example.org" });
    await conn.db.delete(people).where(eq(people.id, id));
    const [row] = await conn.db.select().from(auditEvents).where(eq(auditEvents.id, eventId));
    expect(row).toMatchObject({ actorId: null, actorEmail: "leaver@example.org", action: "test.leaver" });
    // …but the app cannot blank an actor who still exists.
    const kept = await insert("test.actor", new Date(), { actorId, actorEmail: "Ann.Admin@example.org" });
    await refused(sql`update audit_events set actor_id = null where id = ${kept}`);
  });

  it.runIf(!!process.env.DATABASE_URL)("on PostgreSQL, an ordinary role with every privilege on the table cannot change or delete rows either", async () => {
    const role = `portico_app_test_${randomUUID().slice(0, 8)}`;
    const id = await insert("test.role", daysAgo(400));
    await conn.db.execute(sql.raw(`create role ${role} nologin`));
    try {
      await conn.db.execute(sql.raw(`grant all on all tables in schema public to ${role}`));
      for (const statement of [`update audit_events set action = 'forged' where id = ${id}`, `delete from audit_events where id = ${id}`, "truncate audit_events"]) {
        const error = await conn.db
          .transaction(async (tx) => {
            await tx.execute(sql.raw(`set local role ${role}`));
            await tx.execute(sql.raw(statement));
          })
          .then(() => null, (e: unknown) => e);
        expect(errorText(error), statement).toMatch(/append-only/);
      }
    } finally {
      await conn.db.execute(sql.raw(`drop owned by ${role}`));
      await conn.db.execute(sql.raw(`drop role ${role}`));
    }
  });
});

describe("M8 retention purge", () => {
  it("does nothing without a retention setting", async () => {
    await conn.db.delete(settings).where(eq(settings.key, "auditRetention"));
    await insert("test.purge.none", daysAgo(5000));
    expect(await purgeAuditEvents(conn.db)).toEqual({ removed: 0, retentionDays: null });
  });

  it("removes only rows past the period, in batches, and records that it did", async () => {
    await setRetention({ days: 90 });
    const old = await Promise.all([100, 200, 300].map((d) => insert("test.purge.old", daysAgo(d))));
    const young = await insert("test.purge.young", daysAgo(80));
    const result = await purgeAuditEvents(conn.db, { batch: 2 });
    expect(result.removed).toBeGreaterThanOrEqual(3);
    const left = await conn.db.select({ id: auditEvents.id }).from(auditEvents);
    const ids = left.map((r) => r.id);
    for (const id of old) expect(ids).not.toContain(id);
    expect(ids).toContain(young);
    const [record] = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "audit.purge"));
    expect(record?.details).toMatchObject({ removed: result.removed, retentionDays: 90 });
    expect(await purgeAuditEvents(conn.db)).toMatchObject({ removed: 0 });
    expect(await conn.db.$count(auditEvents, eq(auditEvents.action, "audit.purge"))).toBe(1);
  });
});

describe("M8 reading the log", () => {
  it("is for webmasters only", async () => {
    expect(await listAuditEvents(notWebmaster, NO_FILTERS)).toEqual({ status: "forbidden" });
    const batches = [];
    for await (const b of allAuditEvents(notWebmaster, NO_FILTERS)) batches.push(b);
    expect(batches).toEqual([]);
  });

  it("filters by action prefix, actor, target, dates and address, and pages by keyset", async () => {
    const tag = randomUUID().slice(0, 8);
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(
        await insert(`x${tag}.members.${i % 2 ? "add" : "remove"}`, daysAgo(i), {
          actorId,
          actorEmail: "Ann.Admin@example.org",
          targetType: "section",
          targetId: String(i),
          address: i < 3 ? "10.1.2.3" : "2001:db8::1",
        }),
      );
    }
    await insert(`x${tag}x.other`); // shares the prefix's letters, not its dot
    const q = (f: Record<string, string>) => {
      const parsed = parseAuditFilters(f);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.filters;
    };
    const all = await listAuditEvents(webmaster, q({ action: `x${tag}` }), null, { limit: 3 });
    if (all.status !== "ok") throw new Error("forbidden");
    expect(all.items.map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
    const second = await listAuditEvents(webmaster, q({ action: `x${tag}` }), all.next, { limit: 3 });
    const third = await listAuditEvents(webmaster, q({ action: `x${tag}` }), second.status === "ok" ? second.next : null, { limit: 3 });
    expect(second.status === "ok" && second.items.map((r) => r.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(third.status === "ok" && [third.items.map((r) => r.id), third.next]).toEqual([[ids[0]], null]);

    const count = async (f: Record<string, string>) => {
      const r = await listAuditEvents(webmaster, q({ action: `x${tag}`, ...f }), null, { limit: 100 });
      return r.status === "ok" ? r.items.length : -1;
    };
    expect(await count({ action: `x${tag}.members.add` })).toBe(3);
    expect(await count({ actor: "ann.admin@" })).toBe(7);
    expect(await count({ actor: "bob" })).toBe(0);
    expect(await count({ target: "section:4" })).toBe(1);
    expect(await count({ target: "section" })).toBe(7);
    expect(await count({ address: "10.1." })).toBe(3);
    expect(await count({ address: "2001:DB8:" })).toBe(4);
    const day = (n: number) => daysAgo(n).toISOString().slice(0, 10);
    expect(await count({ from: day(1), to: day(0) })).toBeGreaterThanOrEqual(2);
    expect(await count({ from: day(1), to: day(0) })).toBeLessThanOrEqual(3);
    expect(await count({ actor: "%" })).toBe(0); // typed pattern characters are literal
  });

  it("answers bad filters with a message by the field", () => {
    expect(parseAuditFilters({ from: "25/11/2026" })).toMatchObject({ ok: false, errors: { from: expect.stringMatching(/YYYY-MM-DD/) } });
    expect(parseAuditFilters({ from: "2026-02-30" })).toMatchObject({ ok: false });
    expect(parseAuditFilters({ from: "2026-11-25", to: "2026-11-01" })).toMatchObject({ ok: false, errors: { to: expect.stringMatching(/before the start/) } });
  });
});

describe("M8 CSV export cells", () => {
  it.each(["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])("prefixes %j so a spreadsheet does not run it", (value) => {
    expect(csvCell(value)).toMatch(/^"'/);
  });
  it("quotes and escapes", () => {
    expect(csvRow(["a", 'say "hi"', null, 3, { k: "v" }])).toBe(`"a","say ""hi""","","3","{""k"":""v""}"\r\n`);
  });
});

