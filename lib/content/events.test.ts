/**
 * C7: the events page's reads (lib/content/events.ts, ./event-places.ts, ./event-month.ts).
 * For every person of an organisation with events in open, restricted and external members'
 * sections and in public, private and secret groups, the month, the upcoming and past lists and
 * every place filter hold exactly the published events visibleContent lets them view (a direct
 * query with the access predicate, not the code under test), and the cells the rules decide
 * are written out from the rules too. A place they may not see has no events and no name.
 * Months are the portal's (Europe/London); an event across days is on each of them.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { visibleContent, visibleGroups, visibleSections } from "@/lib/access/filters";
import type { Viewer } from "@/lib/access/types";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { EVENTS, EVENTS_ORG, EVENT_PEOPLE, EVENT_PLACES, NOT_AN_EVENT, SECTION_PARENT, ev } from "./testing/events-org";
import type { PlaceFilter } from "./event-params";

const { listEventsBetween, listPastEvents, listUpcomingEvents } = await import("./events");
const { listPlaceChoices, placeName } = await import("./event-places");
const { listReachableSections } = await import("@/lib/sections/queries");
/** The page's own call: its reachable sections, then the choices. */
const placeChoicesOf = async (viewer: Parameters<typeof listReachableSections>[0]) => listPlaceChoices(viewer, await listReachableSections(viewer));
const { monthBounds, monthWeeks, startOfDay } = await import("./event-month");

let h: Harness;
const keyOf = new Map<string, string>();

beforeAll(async () => {
  h = await createHarness(EVENTS_ORG);
  for (const e of EVENTS) keyOf.set(h.content(e.key), e.key);
});
afterAll(async () => h?.close());

const ALL_TIME = { from: new Date("2000-01-01T00:00:00Z"), to: new Date("2100-01-01T00:00:00Z") };
const NOVEMBER = monthBounds("2026-11");
/** "Today" for the lists: 16 November 2026 in the portal's zone. */
const TODAY = new Date("2026-11-16T00:00:00Z");
const keys = (events: { id: string }[]) => events.map((e) => keyOf.get(e.id) ?? e.id);
const sorted = (list: string[]) => [...list].sort();
const spec = (key: string) => EVENTS.find((e) => e.key === key)!;
const PLACE_NAMES = new Map([
  ...(EVENTS_ORG.sections as { slug: string; title: string }[]).map((s) => [`section:${s.slug}`, s.title] as const),
  ...(EVENTS_ORG.groups as { slug: string; name: string }[]).map((g) => [`group:${g.slug}`, g.name] as const),
]);

/** The reference: published events with a start that visibleContent lets the viewer view, read straight from the table. */
async function visibleEventKeys(viewer: Viewer): Promise<string[]> {
  const rows = await h.db
    .select({ key: schema.content.importKey })
    .from(schema.content)
    .where(and(eq(schema.content.type, "event"), eq(schema.content.status, "published"), sql`${schema.content.eventStartsAt} is not null`, visibleContent(viewer)));
  return sorted(rows.map((r) => r.key!));
}

async function visibleSectionSlugs(viewer: Viewer): Promise<Set<string>> {
  return new Set((await h.db.select({ slug: schema.sections.slug }).from(schema.sections).where(visibleSections(viewer))).map((r) => r.slug));
}
async function visibleGroupSlugs(viewer: Viewer): Promise<Set<string>> {
  return new Set((await h.db.select({ slug: schema.groups.slug }).from(schema.groups).where(visibleGroups(viewer))).map((r) => r.slug));
}

/** `slug` is `place` or below it (the organisation's tree). */
function under(slug: string, place: string): boolean {
  for (let s: string | null | undefined = slug; s; s = SECTION_PARENT.get(s)) if (s === place) return true;
  return false;
}

/** The reference for a place filter, from the organisation file and the access predicates: what is in the place through what the viewer may see. */
function expectedInPlace(visible: string[], place: PlaceFilter, sections: Set<string>, groups: Set<string>): string[] {
  return visible.filter((key) => {
    const e = spec(key);
    if (place.kind === "group") return groups.has(place.slug) && "group" in e.home && e.home.group === place.slug;
    if (!sections.has(place.slug)) return false;
    const homes = ["section" in e.home ? e.home.section : null, ...(e.sharedInto ?? [])].filter((s): s is string => s !== null);
    return homes.some((s) => under(s, place.slug) && sections.has(s));
  });
}

async function allPages(read: (cursor: string | null) => Promise<{ items: { id: string }[]; next: string | null }>): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await read(cursor);
    out.push(...keys(page.items));
    cursor = page.next;
    if (!cursor) return out;
  }
  throw new Error("the list never ended");
}

describe("the events a person may view (C7 C2 C4)", () => {
  it.each(EVENT_PEOPLE)("C7 C2 C4 %s: every span, list and place filter holds exactly the published events visibleContent allows", async (who) => {
    const viewer = await viewerOf(ev(who));
    const visible = await visibleEventKeys(viewer);

    const all = await listEventsBetween(viewer, ALL_TIME.from, ALL_TIME.to, null);
    expect(sorted(keys(all.events)), who).toEqual(visible);
    expect(all.more).toBe(false);

    // November in the portal's zone: the events that overlap it, in start order.
    const november = await listEventsBetween(viewer, NOVEMBER.from, NOVEMBER.to, null);
    const inNovember = visible.filter((k) => spec(k).startsAt! < "2026-12-01" && (spec(k).endsAt ?? spec(k).startsAt!) >= "2026-11-01");
    expect(sorted(keys(november.events)), who).toEqual(sorted(inNovember));
    const starts = november.events.map((e) => e.startsAt.getTime());
    expect(starts, who).toEqual([...starts].sort((a, b) => a - b));

    // Upcoming from 16 November and past before it, a page of 2 at a time: together every visible event, each once.
    const upcoming = await allPages((c) => listUpcomingEvents(viewer, c, null, TODAY, 2));
    const past = await allPages((c) => listPastEvents(viewer, c, null, TODAY, 2));
    expect(sorted([...upcoming, ...past]), who).toEqual(visible);
    expect(upcoming.every((k) => (spec(k).endsAt ?? spec(k).startsAt!) >= "2026-11-16"), who).toBe(true);
    expect(past.every((k) => (spec(k).endsAt ?? spec(k).startsAt!) < "2026-11-16"), who).toBe(true);
    expect(upcoming.map((k) => spec(k).startsAt), who).toEqual(upcoming.map((k) => spec(k).startsAt).sort());
    expect(past.map((k) => spec(k).startsAt), who).toEqual(past.map((k) => spec(k).startsAt).sort().reverse());

    const sections = await visibleSectionSlugs(viewer);
    const groups = await visibleGroupSlugs(viewer);
    for (const place of EVENT_PLACES) {
      const where = `${who} × ${place.kind} ${place.slug}`;
      const expected = sorted(expectedInPlace(visible, place, sections, groups));
      expect(sorted(keys((await listEventsBetween(viewer, ALL_TIME.from, ALL_TIME.to, place)).events)), where).toEqual(expected);
      const listed = [...(await allPages((c) => listUpcomingEvents(viewer, c, place, TODAY))), ...(await allPages((c) => listPastEvents(viewer, c, place, TODAY)))];
      expect(sorted(listed), where).toEqual(expected);
      // C5: a place is named only to whoever may see it.
      const seen = place.kind === "section" ? sections.has(place.slug) : groups.has(place.slug);
      expect(await placeName(viewer, place), where).toBe(seen ? PLACE_NAMES.get(`${place.kind}:${place.slug}`) : null);
    }
  });

  it("C7 C2 S4 S5 S6 G1 G6 the matrix holds the cells the rules decide (not only what the predicate says)", async () => {
    const of = async (who: string) => sorted(keys((await listEventsBetween(await viewerOf(ev(who)), ALL_TIME.from, ALL_TIME.to, null)).events));
    const open = ["open-party", "local-fair", "cases-review", "conference", "june-late", "july-early", "old-event", "far-future"];
    // S5: open sections (and C2: an item shared into one), the public group's event (G1); never a draft or an event without a start.
    expect(await of("staff")).toEqual(sorted([...open, "green-walk"]));
    // S2 S3: a board member also has the board, the section below it, and HR cases.
    expect(await of("board")).toEqual(sorted([...open, "board-dinner", "board-papers-day", "board-shared", "green-walk"]));
    // G6: private and secret groups' events to their members only.
    expect(await of("clubber")).toEqual(sorted([...open, "club-meet", "hush-meet", "green-walk"]));
    // S6: external people, their own sections only (C2: the board's event shared into Partners); G3: their own group only, with the switch off.
    expect(await of("ext")).toEqual(["board-shared", "partner-day"]);
    expect(await of("extgreen")).toEqual(["green-walk"]);
    expect(await of("extout")).toEqual([]);
    // C7 S4: webmasters see every published event; drafts never appear in these lists, not even theirs.
    expect(await of("web")).toEqual(sorted(EVENTS.filter((e) => e.startsAt && e.status !== "draft").map((e) => e.key)));
    expect(await of("author")).not.toContain("news-draft");
  });

  it("C7 C3 C5 a place filter narrows and never reveals: an unseen or unknown place has no events and no name", async () => {
    const staff = await viewerOf(ev("staff"));
    const at = (place: PlaceFilter) => listEventsBetween(staff, ALL_TIME.from, ALL_TIME.to, place).then((s) => sorted(keys(s.events)));
    // "including below it": News holds Local news' fair, and the cases review shared into News.
    expect(await at({ kind: "section", slug: "news" })).toEqual(sorted(["open-party", "local-fair", "cases-review", "conference", "june-late", "july-early", "old-event", "far-future"]));
    // HR is open, but the review is in HR cases, which staff may not view: not in HR for them (it is in News, through the share).
    expect(await at({ kind: "section", slug: "hr" })).toEqual([]);
    for (const hidden of [{ kind: "section", slug: "board" }, { kind: "section", slug: "board-papers" }, { kind: "group", slug: "hush" }, { kind: "section", slug: "no-such-place" }] as const) {
      expect(await at(hidden), hidden.slug).toEqual([]);
      expect(await placeName(staff, hidden), hidden.slug).toBeNull();
    }
    // A private group is listed to staff by name (G1), but its events are its members' (G6).
    expect(await placeName(staff, { kind: "group", slug: "club" })).toBe("Club");
    expect(await at({ kind: "group", slug: "club" })).toEqual([]);
    // The choices offered: their reachable sections and their own groups, nothing else.
    const choices = await placeChoicesOf(staff);
    expect(choices.sections.map((c) => c.value)).toEqual(["section:hr", "section:news"]);
    expect(choices.groups.map((c) => c.value)).toEqual(["group:green"]);
    const ext = await placeChoicesOf(await viewerOf(ev("ext")));
    expect(ext).toEqual({ sections: [{ value: "section:partners", label: "Partners" }], groups: [] });
    const clubber = await placeChoicesOf(await viewerOf(ev("clubber")));
    expect(clubber.groups.map((c) => c.label)).toEqual(["Club", "Hush"]);
  });

  it("C7 C4 the lists follow access as it is at each read: a member who leaves no longer sees the section's events", async () => {
    const board = h.person(ev("board"));
    const boardSection = h.section("board");
    await h.db.delete(schema.sectionMemberPeople).where(and(eq(schema.sectionMemberPeople.personId, board), eq(schema.sectionMemberPeople.sectionId, boardSection)));
    try {
      const after = keys((await listEventsBetween(await viewerOf(ev("board")), ALL_TIME.from, ALL_TIME.to, null)).events);
      expect(after).not.toContain("board-dinner");
      expect(after).not.toContain("board-papers-day");
    } finally {
      await h.db.insert(schema.sectionMemberPeople).values({ personId: board, sectionId: boardSection });
    }
  });

  it("C7 a span answers at most its limit and says there were more", async () => {
    const web = await viewerOf(ev("web"));
    const span = await listEventsBetween(web, NOVEMBER.from, NOVEMBER.to, null, 3);
    expect(span.events).toHaveLength(3);
    expect(span.more).toBe(true);
    expect(keys(span.events)).toEqual(["club-meet", "hush-meet", "partner-day"]);
  });
});

describe("a month in the portal's zone (C7)", () => {
  it("C7 a month's bounds are the portal's: an event at 23:30 local on the last day belongs to that month, one at 00:30 on the first to the next", async () => {
    const web = await viewerOf(ev("web"));
    const june = monthBounds("2026-06");
    expect(june.from.toISOString()).toBe("2026-05-31T23:00:00.000Z"); // BST
    expect(june.to.toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(keys((await listEventsBetween(web, june.from, june.to, null)).events)).toEqual(["june-late"]);
    const july = monthBounds("2026-07");
    expect(keys((await listEventsBetween(web, july.from, july.to, null)).events)).toEqual(["july-early"]);
    // West of UTC the other way round: 23:30 on 30 June in New York is 03:30 on 1 July in UTC, and still June there.
    const newYork = monthBounds("2026-06", "America/New_York");
    const ny = new Date("2026-07-01T03:30:00Z");
    expect(ny.getTime()).toBeGreaterThanOrEqual(newYork.from.getTime());
    expect(ny.getTime()).toBeLessThan(newYork.to.getTime());
    expect(june.title).toBe("June 2026");
    expect([june.previous, june.next]).toEqual(["2026-05", "2026-07"]);
    expect([monthBounds("2026-12").next, monthBounds("2026-01").previous]).toEqual(["2027-01", "2025-12"]);
  });

  it("C7 the grid: weeks Monday first, today marked, an event across days on each of its days (and one ending at midnight not on the next)", async () => {
    const web = await viewerOf(ev("web"));
    const { events } = await listEventsBetween(web, NOVEMBER.from, NOVEMBER.to, null);
    const weeks = monthWeeks("2026-11", events, "2026-11-16");
    // 1 November 2026 is a Sunday: six blank days before it in a Monday-first week.
    expect(weeks[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0]![6]!.date).toBe("2026-11-01");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    const days = new Map(weeks.flat().filter((d) => d !== null).map((d) => [d.date, d]));
    expect(days.size).toBe(30);
    expect([...days.values()].filter((d) => d.isToday).map((d) => d.date)).toEqual(["2026-11-16"]);
    expect(days.get("2026-11-27")!.label).toBe("Friday 27 November 2026");
    const on = (date: string) => days.get(date)!.events.map((e) => [keyOf.get(e.id), e.time]);
    expect(on("2026-11-27")).toEqual([["open-party", "18:00 to 21:00"]]);
    expect(on("2026-11-29")).toEqual([["conference", "from 09:00"]]);
    expect(on("2026-11-30")).toEqual([["conference", "all day"]]);
    expect(on("2026-11-20")).toEqual([["board-papers-day", "09:00"]]);
    expect(on("2026-11-28")).toEqual([]);
    const december = monthBounds("2026-12");
    const decWeeks = monthWeeks("2026-12", (await listEventsBetween(web, december.from, december.to, null)).events, "2026-11-16");
    const decDays = new Map(decWeeks.flat().filter((d) => d !== null).map((d) => [d.date, d]));
    expect(decDays.get("2026-12-01")!.events.map((e) => e.time)).toEqual(["all day"]);
    expect(decDays.get("2026-12-02")!.events.map((e) => e.time)).toEqual(["until 17:00"]);
    expect(decDays.get("2026-12-03")!.events).toEqual([]);
    // Ending exactly at midnight: on its day only, "to 00:00", and not on the next.
    const late = [{ id: "late", title: "Late", startsAt: new Date("2026-11-10T22:00:00Z"), endsAt: new Date("2026-11-11T00:00:00Z") }];
    const lateDays = new Map(monthWeeks("2026-11", late, "2026-11-16").flat().filter((d) => d !== null).map((d) => [d.date, d]));
    expect(lateDays.get("2026-11-10")!.events.map((e) => e.time)).toEqual(["22:00 to 00:00"]);
    expect(lateDays.get("2026-11-11")!.events).toEqual([]);
  });

  it("C7 today begins at midnight in the portal's zone: an event earlier today is still among the upcoming ones, yesterday's is not", async () => {
    const web = await viewerOf(ev("web"));
    // 10:30 BST on 30 June: the day began at 23:00 UTC on the 29th.
    const today = startOfDay(new Date("2026-06-30T09:30:00Z"));
    expect(today.toISOString()).toBe("2026-06-29T23:00:00.000Z");
    const upcoming = keys((await listUpcomingEvents(web, null, null, startOfDay(new Date("2026-07-01T10:00:00Z")))).items);
    expect(upcoming.slice(0, 1)).toEqual(["july-early"]);
    expect(upcoming).not.toContain("june-late");
  });
});

describe("the lists' pages (C7)", () => {
  it("C7 keyset pages: a malformed cursor reads as the first page; pages never repeat or skip", async () => {
    const web = await viewerOf(ev("web"));
    const first = await listUpcomingEvents(web, null, null, TODAY, 3);
    expect((await listUpcomingEvents(web, "not-a-cursor", null, TODAY, 3)).items.map((e) => e.id)).toEqual(first.items.map((e) => e.id));
    const whole = await allPages((c) => listUpcomingEvents(web, c, null, TODAY, 1));
    expect(new Set(whole).size).toBe(whole.length);
    expect(whole).toEqual(await allPages((c) => listUpcomingEvents(web, c, null, TODAY, 50)));
    // Never a draft, an event without a start, or an item that is not an event.
    for (const never of ["news-draft", "no-start", h.content(NOT_AN_EVENT.key)]) expect(whole).not.toContain(never);
  });
});
