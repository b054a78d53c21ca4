/**
 * C7: a person's private calendar feed. Its address is made when first asked for and reset by
 * server actions (defineAction: audited, refused while viewing as someone, B2); the database
 * keeps only the token's hash and the seed it is made from. GET /api/calendar/<token>, called
 * as Next hands a request to the route, signed out: one VCALENDAR of exactly the events the
 * token's person may view at the time of the request (the events page's own read, and the
 * published events visibleContent allows, from 30 days ago to a year ahead), private and never
 * cached; a wrong, reset or malformed token, or a blocked, unauthorised (P3) or deleted
 * person's, is the same bare 404; an address off the allowlist is refused (M7).
 */
import { and, eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { visibleContent } from "@/lib/access/filters";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";
import { setRequestHeaders } from "@/lib/testing/request";
import { EVENTS, EVENTS_ORG, EVENT_PEOPLE, ev } from "@/lib/content/testing/events-org";

const { GET } = await import("@/app/api/calendar/[token]/route");
const { makeCalendarFeedAction, resetCalendarFeedAction } = await import("./actions");
const { calendarFeedResponse } = await import("./feed");
const { getOwnFeed } = await import("./queries");
const { feedToken } = await import("./token");
const { makeFeed } = await import("./mutations");
const { listEventsBetween } = await import("@/lib/content/events");
const { startViewAsAction } = await import("@/lib/view-as/actions");
const { getViewer } = await import("@/lib/access/viewer");

let h: Harness;
const keyOf = new Map<string, string>();
/** The feed's window is 30 days back and a year ahead of this. */
const NOW = new Date("2026-11-16T12:00:00Z");
const WINDOW = { from: new Date("2026-10-17T12:00:00Z"), to: new Date("2027-11-16T12:00:00Z") };
const TITLES = EVENTS.map((e) => e.title);

beforeAll(async () => {
  h = await createHarness(EVENTS_ORG);
  for (const e of EVENTS) keyOf.set(h.content(e.key), e.key);
  // P3: people loaded without a password are not authorised yet; these have finished signing up.
  await h.db.update(schema.people).set({ authorisedAt: new Date("2026-01-01T00:00:00Z") });
});
afterAll(async () => h?.close());
afterEach(() => {
  delete process.env.PORTICO_IP_ALLOWLIST;
  delete process.env.PORTICO_PEER_STAMP;
});

const fetchFeed = (token: string) => GET(new Request(`http://portico.test/api/calendar/${token}`), { params: Promise.resolve({ token }) });
const tokenOfPath = (path: string) => path.replace("/api/calendar/", "");

/** The person's feed token, as their page shows it (made first when they have none). */
async function ownToken(who: string): Promise<string> {
  const viewer = (await signInAs(ev(who)))!;
  let feed = await getOwnFeed(viewer);
  if (feed.status === "none") {
    expect((await makeCalendarFeedAction({})).ok).toBe(true);
    feed = await getOwnFeed(viewer);
  }
  if (feed.status !== "ready") throw new Error(`no feed for ${who}: ${feed.status}`);
  signOut();
  return tokenOfPath(feed.path);
}

/** The feed's events, parsed by ical.js (not the library that wrote it): item keys, in the file's order. */
function feedKeys(text: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  return calendar.getAllSubcomponents("vevent").map((v) => keyOf.get(String(v.getFirstPropertyValue("uid"))) ?? "?");
}

/** The reference: published events with a start in the window that visibleContent allows, straight from the table. */
async function expectedKeys(who: string): Promise<string[]> {
  const viewer = await viewerOf(ev(who));
  const rows = await h.db
    .select({ key: schema.content.importKey })
    .from(schema.content)
    .where(
      and(
        eq(schema.content.type, "event"),
        eq(schema.content.status, "published"),
        sql`${schema.content.eventStartsAt} < ${WINDOW.to.toISOString()}::timestamptz and coalesce(${schema.content.eventEndsAt}, ${schema.content.eventStartsAt}) >= ${WINDOW.from.toISOString()}::timestamptz`,
        visibleContent(viewer),
      ),
    );
  return rows.map((r) => r.key!).sort();
}

describe("the feed lists what its person may view, at the time of the request (C7 C2 C4)", () => {
  it.each(EVENT_PEOPLE)("C7 C2 C4 %s: exactly the published events visibleContent allows in the window, as the events page reads them", async (who) => {
    const token = await ownToken(who);
    const response = await calendarFeedResponse(token, NOW);
    expect(response.status).toBe(200);
    const listed = feedKeys(await response.text());
    expect([...listed].sort(), who).toEqual(await expectedKeys(who));
    const page = await listEventsBetween(await viewerOf(ev(who)), WINDOW.from, WINDOW.to, null);
    expect(listed, who).toEqual(page.events.map((e) => keyOf.get(e.id)));
  });

  it("C7 S6 G6 the cells the rules decide: an external member's own section and a share into it; a secret group's event to its members only; never a draft", async () => {
    const of = async (who: string) => feedKeys(await (await calendarFeedResponse(await ownToken(who), NOW)).text()).sort();
    expect(await of("ext")).toEqual(["board-shared", "partner-day"]);
    expect(await of("extout")).toEqual([]);
    expect(await of("clubber")).toContain("hush-meet");
    expect(await of("staff")).not.toContain("hush-meet");
    expect(await of("web")).not.toContain("news-draft");
    // Outside the window: last year's event, one in 2028, June's.
    expect(await of("web")).not.toContain("old-event");
    expect(await of("web")).not.toContain("far-future");
  });

  it("C7 C4 S2 access is read at each request: removed from the section, the same address no longer lists its events", async () => {
    const token = await ownToken("ext");
    const partners = h.section("partners");
    const ext = h.person(ev("ext"));
    await h.db.delete(schema.sectionMemberPeople).where(and(eq(schema.sectionMemberPeople.personId, ext), eq(schema.sectionMemberPeople.sectionId, partners)));
    try {
      const text = await (await calendarFeedResponse(token, NOW)).text();
      expect(feedKeys(text)).toEqual([]);
      expect(text).not.toContain("Partner day");
    } finally {
      await h.db.insert(schema.sectionMemberPeople).values({ personId: ext, sectionId: partners });
    }
    expect(feedKeys(await (await calendarFeedResponse(token, NOW)).text()).sort()).toEqual(["board-shared", "partner-day"]);
  });
});

describe("GET /api/calendar/<token> (C7)", () => {
  it("C7 answers text/calendar, private and never cached, signed out, with no cookie read or set; the token's person's, whoever is signed in", async () => {
    const token = await ownToken("ext");
    // Signed in as a webmaster in the same "browser": the feed is still Xena's, and touches no session.
    await signInAs(ev("web"));
    const response = await fetchFeed(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("set-cookie")).toBeNull();
    const text = await response.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text).not.toContain("Winter party");
  });

  it("C7 C5 a wrong, malformed or empty token is a bare 404 naming nothing", async () => {
    const real = await ownToken("staff");
    const wrong = `pc_${"A".repeat(43)}`;
    for (const token of [wrong, real.slice(0, -1) + (real.endsWith("A") ? "B" : "A"), "not-a-token", "pt_" + real.slice(3), "%00", ""]) {
      const response = await fetchFeed(token);
      expect(response.status, token).toBe(404);
      expect(await response.text(), token).toBe("Not found");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
    }
  });

  it("C7 M8 reset: the old address answers 404 at once and the new one works; made and reset are audited without the token or its seed", async () => {
    const before = await ownToken("board");
    expect((await fetchFeed(before)).status).toBe(200);
    const viewer = (await signInAs(ev("board")))!;
    // Asking to make it again keeps the one there is.
    expect(await makeCalendarFeedAction({})).toEqual({ ok: true, data: { personId: viewer.id, made: false } });
    expect(tokenOfPath((await getOwnFeed(viewer) as { path: string }).path)).toBe(before);
    expect((await resetCalendarFeedAction({})).ok).toBe(true);
    const after = await ownToken("board");
    expect(after).not.toBe(before);
    expect((await fetchFeed(before)).status).toBe(404);
    expect((await fetchFeed(after)).status).toBe(200);

    const [row] = await h.db.select().from(schema.calendarFeeds).where(eq(schema.calendarFeeds.personId, viewer.id));
    expect(row!.tokenHash).not.toContain(after);
    expect(JSON.stringify(row)).not.toContain(after.slice(3));
    const audit = await h.db
      .select({ action: schema.auditEvents.action, actorId: schema.auditEvents.actorId, targetType: schema.auditEvents.targetType, targetId: schema.auditEvents.targetId, details: schema.auditEvents.details })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.actorId, viewer.id), sql`${schema.auditEvents.action} like 'calendar-feed.%'`));
    expect(audit.map((a) => a.action).sort()).toEqual(["calendar-feed.make", "calendar-feed.make", "calendar-feed.reset"]);
    expect(audit.every((a) => a.targetType === "calendar-feed" && a.targetId === viewer.id)).toBe(true);
    const written = JSON.stringify(audit);
    for (const secret of [before, after, before.slice(3), after.slice(3), row!.seed, row!.tokenHash]) expect(written).not.toContain(secret);
  });

  it("C7 P3 a blocked person's feed answers 404 at once, and again once unblocked it works; so too an account not yet authorised", async () => {
    const token = await ownToken("staff");
    const staff = h.person(ev("staff"));
    await h.db.update(schema.people).set({ blocked: true }).where(eq(schema.people.id, staff));
    try {
      const refused = await fetchFeed(token);
      expect(refused.status).toBe(404);
      expect(await refused.text()).toBe("Not found");
    } finally {
      await h.db.update(schema.people).set({ blocked: false }).where(eq(schema.people.id, staff));
    }
    expect((await fetchFeed(token)).status).toBe(200);
    await h.db.update(schema.people).set({ authorisedAt: null }).where(eq(schema.people.id, staff));
    try {
      expect((await fetchFeed(token)).status).toBe(404);
    } finally {
      await h.db.update(schema.people).set({ authorisedAt: new Date("2026-01-01T00:00:00Z") }).where(eq(schema.people.id, staff));
    }
    // Someone blocked before any feed was asked for (a row made behind the actions' back) gets nothing either.
    const gone = h.person(ev("gone"));
    await makeFeed(h.db, gone);
    const [row] = await h.db.select({ seed: schema.calendarFeeds.seed }).from(schema.calendarFeeds).where(eq(schema.calendarFeeds.personId, gone));
    expect((await fetchFeed(feedToken(gone, row!.seed))).status).toBe(404);
  });

  it("C7 a deleted person's feed goes with them: 404", async () => {
    const token = await ownToken("leaver");
    expect((await fetchFeed(token)).status).toBe(200);
    await h.db.delete(schema.sessions).where(eq(schema.sessions.personId, h.person(ev("leaver"))));
    await h.db.delete(schema.people).where(eq(schema.people.id, h.person(ev("leaver"))));
    expect((await fetchFeed(token)).status).toBe(404);
    expect(await h.db.select().from(schema.calendarFeeds).where(eq(schema.calendarFeeds.personId, h.person(ev("leaver"))))).toEqual([]);
  });

  it("C7 M7 an address off the organisation's allowlist is refused before the token is read", async () => {
    const token = await ownToken("staff");
    process.env.PORTICO_IP_ALLOWLIST = "10.0.0.0/8";
    process.env.PORTICO_PEER_STAMP = "1";
    setRequestHeaders({ "x-portico-peer": "203.0.113.7", "x-forwarded-for": "10.0.0.5" });
    const refused = await fetchFeed(token);
    expect(refused.status).toBe(403);
    const text = await refused.text();
    for (const title of TITLES) expect(text).not.toContain(title);
    setRequestHeaders({ "x-portico-peer": "10.1.2.3" });
    expect((await fetchFeed(token)).status).toBe(200);
  });

  it("C7 a title or place cannot add a line of its own to the feed", async () => {
    const token = await ownToken("staff");
    const id = h.content("open-party");
    await h.db.update(schema.content).set({ title: "Party\r\nATTENDEE:mailto:x@evil.example", eventPlace: "Hall;\nBEGIN:VALARM" }).where(eq(schema.content.id, id));
    try {
      const text = await (await calendarFeedResponse(token, NOW)).text();
      const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n");
      expect(lines.some((l) => l.startsWith("ATTENDEE"))).toBe(false);
      expect(lines.filter((l) => l === "BEGIN:VALARM")).toEqual([]);
      const vevent = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").find((v) => v.getFirstPropertyValue("uid") === id)!;
      expect(vevent.getFirstPropertyValue("summary")).toBe("Party\nATTENDEE:mailto:x@evil.example");
    } finally {
      await h.db.update(schema.content).set({ title: "Winter party", eventPlace: "Main hall" }).where(eq(schema.content.id, id));
    }
  });
});

describe("the address and its actions (C7 B2)", () => {
  it("B2 C7 while a webmaster views the site as someone: their address is not shown, and it cannot be made or reset, in anyone's name", async () => {
    await ownToken("staff");
    await signInAs(ev("web"));
    expect((await startViewAsAction({ personId: h.person(ev("staff")) })).ok).toBe(true);
    // The webmaster's session now reads as Sid (B2), as the next request's would.
    const asStaff = (await getViewer())!;
    expect(asStaff.asSeenBy).toBeTruthy();
    expect(await getOwnFeed(asStaff)).toEqual({ status: "hidden" });
    for (const action of [resetCalendarFeedAction, makeCalendarFeedAction]) {
      const result = await expectUnchanged([schema.calendarFeeds, schema.auditEvents], () => action({}));
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.formError).toMatch(/viewing Portico as Sid Staff/);
    }
  });

  it("C7 signed out, the actions change nothing", async () => {
    signOut();
    const result = await expectUnchanged([schema.calendarFeeds], () => resetCalendarFeedAction({}));
    expect(result.ok).toBe(false);
  });
});
