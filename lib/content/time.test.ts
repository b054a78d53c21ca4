/** Event times (C1 events): wall-clock date and time in the organisation's zone ↔ instants. */
import { describe, expect, it } from "vitest";
import { TIME_ZONE, eventHasEnded, formatEventRange, isValidDate, isValidTime, utcToZoned, zonedToUtc } from "./time";

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

describe("formatEventRange: an event's dates written once, in the portal's zone (C7)", () => {
  const tz = "Europe/London";
  it("C7 one day: the date once, then both times", () => {
    // 27 November 2026 is in GMT: the wall clock reads as UTC.
    expect(formatEventRange(new Date("2026-11-27T18:00:00Z"), new Date("2026-11-27T21:00:00Z"), tz)).toBe("Friday 27 November 2026, 18:00 to 21:00");
  });
  it("C7 across days: both dates and times", () => {
    expect(formatEventRange(new Date("2026-11-27T18:00:00Z"), new Date("2026-11-28T02:00:00Z"), tz)).toBe(
      "Friday 27 November 2026, 18:00 to Saturday 28 November 2026, 02:00",
    );
  });
  it("C7 summer time: the wall clock is an hour ahead of UTC", () => {
    expect(formatEventRange(new Date("2027-07-15T17:00:00Z"), new Date("2027-07-15T20:00:00Z"), tz)).toBe("Thursday 15 July 2027, 18:00 to 21:00");
  });
  it("C7 the day boundary is the portal's, not UTC's", () => {
    // One UTC day (15 July, 22:30 to 23:30), two London days (23:30 BST to 00:30 BST).
    expect(formatEventRange(new Date("2027-07-15T22:30:00Z"), new Date("2027-07-15T23:30:00Z"), tz)).toBe(
      "Thursday 15 July 2027, 23:30 to Friday 16 July 2027, 00:30",
    );
    // Two UTC days, one New York day (18:00 to 21:00 EST).
    expect(formatEventRange(new Date("2027-01-15T23:00:00Z"), new Date("2027-01-16T02:00:00Z"), "America/New_York")).toBe("Friday 15 January 2027, 18:00 to 21:00");
  });
  it("C7 the night the clocks go back: the same day, the hour counted once", () => {
    // 31 October 2027: 00:30 BST (23:30Z the day before) to 01:30 GMT (01:30Z).
    expect(formatEventRange(new Date("2027-10-30T23:30:00Z"), new Date("2027-10-31T01:30:00Z"), tz)).toBe("Sunday 31 October 2027, 00:30 to 01:30");
  });
  it("C7 no end, or an end equal to the start: just the start", () => {
    expect(formatEventRange(new Date("2026-11-27T18:00:00Z"), null, tz)).toBe("Friday 27 November 2026, 18:00");
    expect(formatEventRange(new Date("2026-11-27T18:00:00Z"), new Date("2026-11-27T18:00:00Z"), tz)).toBe("Friday 27 November 2026, 18:00");
  });
  it("C7 uses the portal's zone by default (PORTICO_TIME_ZONE, Europe/London unless set)", () => {
    const start = new Date("2027-07-15T17:00:00Z");
    expect(formatEventRange(start, null)).toBe(formatEventRange(start, null, TIME_ZONE));
  });
});

describe("eventHasEnded (C7)", () => {
  const now = new Date("2026-11-27T20:00:00Z");
  it("C7 ended once its end has passed; without an end, once its start has", () => {
    expect(eventHasEnded({ startsAt: new Date("2026-11-27T18:00:00Z"), endsAt: new Date("2026-11-27T21:00:00Z") }, now)).toBe(false);
    expect(eventHasEnded({ startsAt: new Date("2026-11-27T18:00:00Z"), endsAt: new Date("2026-11-27T19:59:00Z") }, now)).toBe(true);
    expect(eventHasEnded({ startsAt: new Date("2026-11-27T18:00:00Z"), endsAt: null }, now)).toBe(true);
    expect(eventHasEnded({ startsAt: new Date("2026-11-28T18:00:00Z"), endsAt: null }, now)).toBe(false);
    expect(eventHasEnded({ startsAt: null, endsAt: null }, now)).toBe(false);
  });
});
