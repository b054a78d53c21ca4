/** Event times (C1 events): wall-clock date and time in the organisation's zone ↔ instants. */
import { describe, expect, it } from "vitest";
import { isValidDate, isValidTime, utcToZoned, zonedToUtc } from "./time";

describe("zonedToUtc / utcToZoned (Europe/London)", () => {
  const tz = "Europe/London";
  it("converts winter (GMT) and summer (BST) times", () => {
    expect(zonedToUtc("2027-01-15", "09:30", tz).toISOString()).toBe("2027-01-15T09:30:00.000Z");
    expect(zonedToUtc("2027-07-15", "09:30", tz).toISOString()).toBe("2027-07-15T08:30:00.000Z");
    expect(utcToZoned(new Date("2027-07-15T08:30:00Z"), tz)).toEqual({ date: "2027-07-15", time: "09:30" });
    expect(utcToZoned(new Date("2027-12-31T23:59:00Z"), tz)).toEqual({ date: "2027-12-31", time: "23:59" });
  });
  it("handles the missing spring hour and the repeated autumn hour", () => {
    // 28 March 2027: 01:00 GMT jumps to 02:00 BST; 01:30 does not exist.
    expect(zonedToUtc("2027-03-28", "01:30", tz).toISOString()).toBe("2027-03-28T01:30:00.000Z");
    expect(zonedToUtc("2027-03-28", "02:30", tz).toISOString()).toBe("2027-03-28T01:30:00.000Z");
    // 31 October 2027: 01:30 happens twice; the first (BST) is taken.
    expect(zonedToUtc("2027-10-31", "01:30", tz).toISOString()).toBe("2027-10-31T00:30:00.000Z");
  });
  it("round-trips every half hour of a year in another zone", () => {
    const zone = "America/New_York";
    for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 1_800_000) {
      const { date, time } = utcToZoned(new Date(t), zone);
      const back = zonedToUtc(date, time, zone).getTime();
      // The repeated autumn hour reads back as its first occurrence.
      expect([t, t - 3_600_000]).toContain(back);
    }
  });
  it("validates dates and times", () => {
    expect(isValidDate("2028-02-29")).toBe(true);
    expect(isValidDate("2027-02-29")).toBe(false);
    expect(isValidDate("2027-13-01")).toBe(false);
    expect(isValidDate("27-01-01")).toBe(false);
    expect(isValidTime("23:59")).toBe(true);
    expect(isValidTime("24:00")).toBe(false);
    expect(isValidTime("9:30")).toBe(false);
  });
});
