import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cursorCodec, isTimestampText } from "./cursor";

/** PostgreSQL's text of a timestamptz, as `::text` prints it: microseconds only when there are some. */
const timestampText = fc
  .record({
    date: fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
    micros: fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }),
    offset: fc.constantFrom("+00", "-05", "+05:30", "+14", "Z"),
  })
  .map(({ date, micros, offset }) => {
    const iso = date.toISOString(); // "2026-11-02T09:30:00.123Z" (years 0001–9999 are four digits)
    const fraction = micros === undefined ? "" : `.${String(micros).padStart(6, "0")}`;
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}${offset}`;
  });

const listing = cursorCodec({ at: "timestamp", id: "uuid" });
const people = cursorCodec({ key: "text", id: "uuid" });
const lastAccess = cursorCodec({ key: "timestamp?", id: "uuid" });
const outbox = cursorCodec({ at: "timestamp", id: "int" });
const audit = cursorCodec({ id: "int" });

describe("cursorCodec", () => {
  it("round-trips every key it accepts", () => {
    fc.assert(
      fc.property(timestampText, fc.uuid(), (at, id) => {
        expect(listing.decode(listing.encode({ at, id }))).toEqual({ at, id });
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }).filter((s) => !s.includes("\u0000")), fc.uuid(), (key, id) => {
        expect(people.decode(people.encode({ key, id }))).toEqual({ key, id });
      }),
    );
    fc.assert(
      fc.property(fc.option(timestampText, { nil: null }), fc.uuid(), (key, id) => {
        expect(lastAccess.decode(lastAccess.encode({ key, id }))).toEqual({ key, id });
      }),
    );
    fc.assert(
      fc.property(timestampText, fc.integer({ min: 0, max: 2_147_483_647 }), (at, id) => {
        expect(outbox.decode(outbox.encode({ at, id }))).toEqual({ at, id });
      }),
    );
  });

  it("keeps microseconds: two keys a microsecond apart stay apart", () => {
    const id = "0b6c3c0e-8a43-4c5e-9a53-1f0e6f2b7d11";
    expect(listing.decode(listing.encode({ at: "2027-01-01 00:00:00.000100+00", id }))?.at).toBe("2027-01-01 00:00:00.000100+00");
    expect(listing.decode(listing.encode({ at: "2027-01-01 00:00:00.000200+00", id }))?.at).toBe("2027-01-01 00:00:00.000200+00");
  });

  it("writes URL-safe text only", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }).filter((s) => !s.includes("\u0000")), fc.uuid(), (key, id) => {
        expect(people.encode({ key, id })).toMatch(/^[A-Za-z0-9_-]+$/);
      }),
    );
  });

  it("reads missing and malformed cursors as null (the first page)", () => {
    const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
    const id = "0b6c3c0e-8a43-4c5e-9a53-1f0e6f2b7d11";
    const bad = [
      undefined,
      null,
      "",
      "garbage",
      "not-a-cursor",
      "2026-01-01 10:00:00+00_" + id, // the old hand-written form
      "'; drop table content; --",
      b64("not json"),
      b64({ at: "2026-01-01 10:00:00+00", id }), // an object, not the array of keys
      b64(["2026-01-01 10:00:00+00"]), // too few keys
      b64(["2026-01-01 10:00:00+00", id, 1]), // too many
      b64([id, "2026-01-01 10:00:00+00"]), // in the wrong order
      b64(["2026-01-01 10:00:00+00", "abc"]), // not a uuid
      b64(["2026-01-01 10:00:00+00", `${id} or 1=1`]),
      b64(["2026-13-01 10:00:00+00", id]), // no month 13
      b64(["2026-02-30 10:00:00+00", id]), // no 30 February
      b64(["2026-01-01 24:00:00+00", id]),
      b64(["2026-01-01 10:60:00+00", id]),
      b64(["2026-01-01 10:00:00.1234567+00", id]), // more than microseconds
      b64(["2026-01-01 10:00:00+00'; --", id]),
      b64([null, id]), // not nullable here
      b64([20260101, id]),
      `${b64(["2026-01-01 10:00:00+00", id])}=`, // padding encode never writes
      `${b64(["2026-01-01 10:00:00+00", id])}!`,
      "A".repeat(5000),
    ];
    for (const raw of bad) expect(listing.decode(raw), String(raw)).toBeNull();
    expect(listing.decode(b64(["2026-01-01 10:00:00+00", id]))).toEqual({ at: "2026-01-01 10:00:00+00", id });

    for (const raw of [b64([-1]), b64([1.5]), b64(["1"]), b64([2_147_483_648]), b64([null]), "1", "123"]) expect(audit.decode(raw), raw).toBeNull();
    expect(audit.decode(b64([123]))).toEqual({ id: 123 });

    expect(people.decode(b64(["x".repeat(401), id]))).toBeNull();
    expect(people.decode(b64(["a\u0000b", id]))).toBeNull();
    expect(people.decode(b64([null, id]))).toBeNull();
    expect(lastAccess.decode(b64([null, id]))).toEqual({ key: null, id });
    expect(lastAccess.decode(b64(["Ann Lee", id]))).toBeNull();
    // Bytes that are not UTF-8.
    expect(people.decode(Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]).toString("base64url"))).toBeNull();
  });

  it("never throws, whatever text it is given", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        expect(() => listing.decode(raw)).not.toThrow();
        expect(() => people.decode(raw)).not.toThrow();
        expect(() => audit.decode(raw)).not.toThrow();
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const raw = Buffer.from(JSON.stringify(value) ?? "").toString("base64url");
        expect(() => outbox.decode(raw)).not.toThrow();
      }),
    );
  });
});

describe("isTimestampText", () => {
  it("accepts the database's text of a timestamptz and real dates only", () => {
    for (const ok of ["2026-11-02 09:30:00.123456+00", "2026-11-02 09:30:00+00", "2024-02-29 00:00:00+05:30", "2026-11-02T09:30:00Z"]) expect(isTimestampText(ok), ok).toBe(true);
    for (const no of ["2025-02-29 00:00:00+00", "0000-01-01 00:00:00+00", "2026-11-02", "2026-11-02 09:30+00", "2026-11-02 09:30:00+16", "2026-11-02 09:30:00"]) expect(isTimestampText(no), no).toBe(false);
  });
});
