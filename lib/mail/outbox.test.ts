/**
 * Queuing mail (S7's e-mails, and addresses as people administration takes them, M3, M6):
 * a message goes to exactly one plain address, never a list or anything a mail system
 * could read as a different recipient; the idempotency key makes a second queuing a
 * no-op.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { outboxMessages } from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { InvalidMailError, enqueueMail, enqueueMails, isSingleAddress, queueMail } from "./outbox";

const ACCEPTED = [
  "ann@example.org",
  "Ann.Lee@Example.ORG",
  "o'brien+news@council.example.org",
  "a_b-c@sub.domain.example",
  "x@xn--bcher-kva.example", // an internationalised domain in its punycode form
  "1234@example.co.uk",
  `${"a".repeat(64)}@example.org`,
];

const REFUSED: [string, string][] = [
  ["a@example.org, b@example.org", "a comma-separated list"],
  ["a@example.org,b@example.org", "a list without spaces"],
  ["a@example.org;b@example.org", "a semicolon list"],
  ["Ann Lee <a@example.org>", "a display name"],
  ["<a@example.org>", "angle brackets"],
  ['"Lee, Ann" <a@example.org>', "a quoted display name with a comma"],
  ['"a,b"@example.org', "a quoted local part with a comma"],
  ['"a b"@example.org', "a quoted local part"],
  ['"a@b.example"@example.org', "a quoted local part holding another address"],
  ["a@example.org\r\nBcc: b@example.org", "CR/LF header injection"],
  ["a@example.org\nb@example.org", "a line feed"],
  ["a@example.org\r", "a trailing carriage return"],
  ["a@example.org\u2028", "a Unicode line separator"],
  ["a@example.org\u0000", "a NUL"],
  ["a@example.org\t", "a tab"],
  [" a@example.org", "leading space"],
  ["a@example.org ", "trailing space"],
  ["a @example.org", "a space inside"],
  ["a@example.org (Ann)", "a comment"],
  ["(Ann)a@example.org", "a leading comment"],
  ["a@b@example.org", "two @"],
  ["a@@example.org", "a double @"],
  ["@example.org", "no local part"],
  ["a@", "no domain"],
  ["a", "no @"],
  ["", "empty"],
  ["a@localhost", "a one-label domain"],
  ["a@[192.0.2.1]", "an address literal"],
  ["a@192.0.2.1", "an IP address"],
  ["a%b@relay.example", "percent-hack routing"],
  ["relay!a@example.org", "bang-path routing"],
  ["a..b@example.org", "consecutive dots"],
  [".a@example.org", "a leading dot"],
  ["a.@example.org", "a trailing dot in the local part"],
  ["a@example..org", "an empty domain label"],
  ["a@example.org.", "a trailing dot in the domain"],
  ["a@-example.org", "a label starting with a hyphen"],
  ["a@example-.org", "a label ending with a hyphen"],
  ["ä@example.org", "a non-ASCII local part"],
  ["a@exämple.org", "a non-ASCII domain"],
  ["a@example.org\u200b", "a zero-width space"],
  [`${"a".repeat(65)}@example.org`, "a local part over 64 characters"],
  [`a@${Array.from({ length: 5 }, () => "b".repeat(60)).join(".")}.org`, "over 254 characters"],
  ["a@example.org>", "a stray bracket"],
  ["a@example.org\\", "a backslash"],
];

describe("one plain address only (M3, M6)", () => {
  it.each(ACCEPTED)("accepts %s", (address) => {
    expect(isSingleAddress(address)).toBe(true);
  });

  it.each(REFUSED)("refuses %j (%s)", (address) => {
    expect(isSingleAddress(address)).toBe(false);
  });

  it("refuses what is not a string", () => {
    for (const v of [null, undefined, 1, ["a@example.org"], { to: "a@example.org" }]) expect(isSingleAddress(v)).toBe(false);
  });
});

let conn: Connection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => conn?.close());
beforeEach(async () => {
  await conn.db.delete(outboxMessages);
});

const message = (over: Partial<Parameters<typeof queueMail>[1]> = {}) => ({
  idempotencyKey: "test:1",
  to: "ann@example.org",
  subject: "Hello",
  html: "<p>Hello</p>",
  text: "Hello",
  ...over,
});

describe("queueMail", () => {
  it("writes one pending message, due now, unlocked", async () => {
    await queueMail(conn.db, message());
    const rows = await conn.db.select().from(outboxMessages);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ toAddress: "ann@example.org", status: "pending", attempts: 0, lockedUntil: null, sentAt: null, deliveredVia: null });
    expect(rows[0]!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("a second message with the same idempotency key does nothing (and keeps the first)", async () => {
    expect(await enqueueMail(conn.db, message())).toBe(true);
    expect(await enqueueMail(conn.db, message({ subject: "Changed" }))).toBe(false);
    await queueMail(conn.db, message({ subject: "Changed again" }));
    const rows = await conn.db.select().from(outboxMessages);
    expect(rows.map((r) => r.subject)).toEqual(["Hello"]);
  });

  it.each(REFUSED.slice(0, 12))("throws for %j and writes nothing", async (to) => {
    await expect(queueMail(conn.db, message({ to }))).rejects.toThrow(InvalidMailError);
    expect(await conn.db.select().from(outboxMessages)).toHaveLength(0);
  });

  it("refuses a subject with a line break, an empty part or a bad key, and writes nothing", async () => {
    await expect(queueMail(conn.db, message({ subject: "Hi\r\nBcc: x@example.org" }))).rejects.toThrow(InvalidMailError);
    await expect(queueMail(conn.db, message({ subject: "  " }))).rejects.toThrow(InvalidMailError);
    await expect(queueMail(conn.db, message({ text: "" }))).rejects.toThrow(InvalidMailError);
    await expect(queueMail(conn.db, message({ html: " " }))).rejects.toThrow(InvalidMailError);
    await expect(queueMail(conn.db, message({ idempotencyKey: "" }))).rejects.toThrow(InvalidMailError);
    await expect(queueMail(conn.db, message({ idempotencyKey: "a key" }))).rejects.toThrow(InvalidMailError);
    await expect(queueMail(conn.db, message({ idempotencyKey: "k".repeat(257) }))).rejects.toThrow(InvalidMailError);
    expect(await conn.db.select().from(outboxMessages)).toHaveLength(0);
  });

  it("queues many at once, skipping keys already queued; one bad message among them writes nothing", async () => {
    await queueMail(conn.db, message({ idempotencyKey: "batch:0" }));
    const batch = Array.from({ length: 450 }, (_, i) => message({ idempotencyKey: `batch:${i}`, to: `p${i}@example.org` }));
    expect(await enqueueMails(conn.db, batch)).toBe(449);
    await conn.db.delete(outboxMessages);
    await expect(enqueueMails(conn.db, [...batch.slice(0, 300), message({ idempotencyKey: "bad", to: "a@example.org;b@example.org" })])).rejects.toThrow(InvalidMailError);
    expect(await conn.db.select().from(outboxMessages)).toHaveLength(0);
  });

  it("the refusal does not repeat the address (it may be personal data going to a log)", async () => {
    await expect(queueMail(conn.db, message({ to: "secret.person@example.org, b@example.org" }))).rejects.toThrow(/^(?!.*secret\.person)/);
  });
});
