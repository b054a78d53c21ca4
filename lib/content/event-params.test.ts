/**
 * C7: the events page's query string: defaults for anything malformed, and addresses that
 * carry only what differs from them.
 */
import { describe, expect, it } from "vitest";
import { eventsHref, parseEventParams, parsePlace } from "./event-params";

describe("the events page's address (C7)", () => {
  it("C7 reads the view, month, list, cursor and place; anything malformed is its default", () => {
    expect(parseEventParams({}, "2026-11")).toEqual({ view: "month", month: "2026-11", past: false, after: null, place: null });
    expect(parseEventParams({ view: "list", past: "1", after: "abc", place: "group:club" }, "2026-11")).toEqual({
      view: "list",
      month: "2026-11",
      past: true,
      after: "abc",
      place: { kind: "group", slug: "club" },
    });
    for (const month of ["2026-13", "2026-00", "1899-12", "3000-01", "2026-1", "26-11", "2026-11-01"]) expect(parseEventParams({ month }, "2026-11").month, month).toBe("2026-11");
    expect(parseEventParams({ month: ["2027-02", "2027-03"] }, "2026-11").month).toBe("2027-02");
    for (const place of ["section:", "team:x", "sectionnews", "section:a\u0000b", `section:${"a".repeat(201)}`]) expect(parsePlace(place), place).toBeNull();
    expect(parsePlace("section:news")).toEqual({ kind: "section", slug: "news" });
  });

  it("C7 writes only what differs from this month's grid of every event, and a list starts from its first page unless given a cursor", () => {
    expect(eventsHref({ view: "month" })).toBe("/events");
    expect(eventsHref({ view: "month", month: "2026-12", place: { kind: "section", slug: "hr" } })).toBe("/events?month=2026-12&place=section%3Ahr");
    expect(eventsHref({ view: "list", month: "2026-12", past: true })).toBe("/events?view=list&past=1");
    expect(eventsHref({ view: "list", after: "c1", place: { kind: "group", slug: "club" } })).toBe("/events?view=list&place=group%3Aclub&after=c1");
  });
});
