/**
 * /admin/outbox reads (M-series admin screens): webmasters only — messages hold other
 * people's addresses and the titles of items only they may view (C4) — newest first,
 * keyset-paged.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { queueMail } from "./outbox";
import { getOutboxMessage, listOutbox, mailTransport } from "./queries";

let h: Harness;
// Read by the real loadViewer, as the outbox pages see them.
let webmaster: Viewer;
let staff: Viewer;
let ids: number[] = [];

beforeAll(async () => {
  h = await createHarness({
    people: [
      { email: "web@example.org", name: "Web Master", audience: "organisational", roles: ["webmaster"] },
      { email: "staff@example.org", name: "Sam Staff", audience: "organisational" },
    ],
  });
  webmaster = await viewerOf("web@example.org");
  staff = await viewerOf("staff@example.org");
  const conn = h.conn;
  for (let i = 0; i < 7; i++) {
    await queueMail(conn.db, { idempotencyKey: `q-${i}`, to: `p${i}@example.org`, subject: `Secret title ${i}`, html: `<p>${i}</p>`, text: `${i}` });
  }
  // Two messages with the very same created_at: the id breaks the tie.
  await conn.db.execute(sql`update outbox_messages set created_at = '2026-01-01 10:00:00.123456+00' where idempotency_key in ('q-2', 'q-3')`);
  ids = (await conn.db.select({ id: outboxMessages.id }).from(outboxMessages)).map((r) => r.id);
});
afterAll(async () => h?.close());

describe("webmasters only", () => {
  it("refuses anyone else the list and every message, revealing nothing", async () => {
    expect(await listOutbox(staff)).toEqual({ status: "forbidden" });
    expect(await listOutbox(staff, "2026-01-01 10:00:00+00_5")).toEqual({ status: "forbidden" });
    for (const id of [...ids.map(String), "999999", "nope"]) expect(await getOutboxMessage(staff, id)).toEqual({ status: "forbidden" });
  });

  it("gives webmasters the list and each message with both parts", async () => {
    const list = await listOutbox(webmaster);
    expect(list.status).toBe("ok");
    const [first] = ids;
    const one = await getOutboxMessage(webmaster, String(first));
    expect(one).toMatchObject({ status: "ok", value: { id: first, to: "p0@example.org", subject: "Secret title 0", html: "<p>0</p>", text: "0", status: "pending" } });
  });

  it("answers not-found for unknown or malformed ids", async () => {
    for (const id of ["999999", "0", "-1", "1.5", "abc", "99999999999", "1 or 1=1"]) expect(await getOutboxMessage(webmaster, id)).toEqual({ status: "not-found" });
  });
});

describe("paging", () => {
  it("lists newest first, page by page, each message exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listOutbox(webmaster, cursor, { limit: 2 });
      if (page.status !== "ok") throw new Error("refused");
      seen.push(...page.items.map((m) => m.subject));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    // q-2 and q-3 were moved to the oldest time; the rest were queued in order.
    expect(seen).toEqual(["Secret title 6", "Secret title 5", "Secret title 4", "Secret title 1", "Secret title 0", "Secret title 3", "Secret title 2"]);
  });

  it("reads a malformed cursor as the first page", async () => {
    const first = await listOutbox(webmaster, null, { limit: 3 });
    for (const bad of ["x", "2026-01-01_abc", "'; drop table outbox_messages; --_1", "2026-01-01 10:00:00+00_"]) {
      expect(await listOutbox(webmaster, bad, { limit: 3 })).toEqual(first);
    }
  });
});

it("says whether mail leaves the machine", () => {
  expect(mailTransport({ RESEND_API_KEY: "re_123" })).toBe("resend");
  expect(mailTransport({ RESEND_API_KEY: " " })).toBe("local");
  expect(mailTransport({})).toBe("local");
});
