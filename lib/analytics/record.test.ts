/**
 * D1 D6: recording page views. A view costs the page an array push and a journal line; the
 * batch reaches the database without who viewed (a keyed hash of the day only); a view made
 * while viewing as someone (B2) is not theirs and is not counted; the views of a process that
 * has gone are written by the next (durable across a restart); a batch the database refuses
 * is kept for the next try.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import type { Db } from "@/db/connect";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";

const dataDir = mkdtempSync(path.join(tmpdir(), "portico-analytics-record-"));
process.env.PORTICO_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { recordView, flushViews, pendingViews, recoverJournals, discardPendingViews, visitorHash } = await import("./record");
const { journalDir } = await import("./journal");
const { dayOf } = await import("./day");

let h: Harness;
const views = async () =>
  rowsOf<{ page: string; audience: string; section_id: number | null; content_id: string | null; app: string | null; missed_term: string | null; visitor: Uint8Array }>(
    await h.db.execute(sql`select page, audience, section_id, content_id, app, missed_term, visitor from page_views order by at`),
  );

beforeAll(async () => {
  h = await createHarness("demo");
});
afterAll(() => h?.close());
beforeEach(async () => {
  discardPendingViews();
  await h.db.execute(sql`delete from page_views`);
});

describe("recording page views (D1 D6)", () => {
  it("keeps what was viewed and by which audience, and of who only a hash that is the same all day", async () => {
    const staff = await viewerOf("sam.mensah@northmoor.example");
    const partner = await viewerOf("erin.cole@riverside-care.example");
    recordView(staff, { page: "item", contentId: h.content("n1") });
    recordView(staff, { page: "section", sectionId: h.section("news") });
    recordView(partner, { page: "app", app: "ideas" });
    recordView(staff, { page: "search", missedTerm: "  Parking   PERMITS " });
    expect(pendingViews()).toBe(4);
    await flushViews(h.db);
    expect(pendingViews()).toBe(0);
    const rows = await views();
    expect(rows.map(({ visitor: _v, ...r }) => r)).toEqual([
      // The item's home, looked up with the batch: the section's live figures find the view by it.
      { page: "item", audience: "organisational", section_id: h.section("news"), content_id: h.content("n1"), app: null, missed_term: null },
      { page: "section", audience: "organisational", section_id: h.section("news"), content_id: null, app: null, missed_term: null },
      { page: "app", audience: "external", section_id: null, content_id: null, app: "ideas", missed_term: null },
      { page: "search", audience: "organisational", section_id: null, content_id: null, app: null, missed_term: "parking permits" },
    ]);
    const hashes = rows.map((r) => Buffer.from(r.visitor).toString("hex"));
    expect(hashes[0]).toHaveLength(32);
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[0]).not.toBe(hashes[2]);
    // D6: nowhere in a row is the person.
    const text = JSON.stringify(rowsOf(await h.db.execute(sql`select *, encode(visitor, 'hex') as hex from page_views`)));
    expect(text).not.toContain(staff.id);
    expect(text).not.toContain(staff.id.replace(/-/g, ""));
    // The same person on another day's key is someone else to the counts.
    expect(visitorHash(Buffer.alloc(32, 1), staff.id).equals(visitorHash(Buffer.alloc(32, 2), staff.id))).toBe(false);
  });

  it("B2: a page seen while viewing as someone is not that person's view", async () => {
    const staff = await viewerOf("sam.mensah@northmoor.example");
    recordView({ ...staff, asSeenBy: { id: h.person("wendy.webb@northmoor.example"), name: "Wendy", email: "wendy.webb@northmoor.example" } }, { page: "home" });
    recordView({ ...staff, viewingAsWithin: { viewer: staff, sectionRoots: [h.section("news")] } }, { page: "home" });
    expect(pendingViews()).toBe(0);
  });

  it("journals each view at once, deletes the journal when its batch is written, and writes the journal a gone process left", async () => {
    const staff = await viewerOf("sam.mensah@northmoor.example");
    recordView(staff, { page: "home" });
    const journals = () => (existsSync(journalDir()) ? readdirSync(journalDir()) : []);
    expect(journals()).toHaveLength(1);
    await flushViews(h.db);
    expect(journals()).toEqual([]);

    // A process that was killed before its batch: its pid is not running.
    mkdirSync(journalDir(), { recursive: true });
    const left = { at: Date.now(), audience: "organisational", personId: staff.id, page: "section", sectionId: h.section("news") };
    writeFileSync(path.join(journalDir(), "999999999-abcdef.jsonl"), `${JSON.stringify(left)}\n${JSON.stringify({ ...left, page: "home", sectionId: null })}\n{"at":1,"cut sho`);
    expect(await recoverJournals(h.db)).toBe(2);
    expect((await views()).map((r) => r.page)).toEqual(["home", "section", "home"]); // the first batch, then the recovered two
    expect(journals()).toEqual([]);
  });

  it("keeps a batch the database refused, and writes it with the next", async () => {
    const staff = await viewerOf("sam.mensah@northmoor.example");
    recordView(staff, { page: "home" });
    recordView(staff, { page: "home" });
    const refusing = new Proxy(h.db, {
      get: (target, key, receiver) => (key === "insert" ? () => ({ values: () => Promise.reject(new Error("database away")) }) : Reflect.get(target, key, receiver)),
    }) as Db;
    await expect(flushViews(refusing)).rejects.toThrow("database away");
    expect(pendingViews()).toBe(2);
    recordView(staff, { page: "home" });
    await flushViews(h.db);
    expect(await views()).toHaveLength(3);
    expect(readdirSync(journalDir())).toEqual([]);
  });

  it("counts by the organisation's day", () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(dayOf(new Date("2027-06-30T23:30:00Z"))).toBe("2027-07-01");
    expect(dayOf(new Date("2027-01-31T23:30:00Z"))).toBe("2027-01-31");
  });
});
