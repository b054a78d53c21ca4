/**
 * C7: an event's iCalendar file, GET /content/<id>/event.ics, called as Next hands a request
 * to the route. Its access is the item page's own (C2, C5): for every person × every item of
 * the organisation below it answers 200 exactly when getContent does, otherwise getContent's
 * 403 or 404 with nothing of the item in it; an item that is not an event, or has no start, is
 * a 404 to whoever may view it. The file parses as iCalendar with the event's UTC times, and
 * user text (title, place) cannot add lines of its own.
 */
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { content } from "@/db/schema";
import type { Lookup } from "@/lib/lookup";
import { type Harness, createHarness, signInAs, signOut } from "@/lib/testing/harness";

const { GET } = await import("@/app/(portal)/content/[id]/event.ics/route");
const { getContent } = await import("./item");
const { calendarFileName, eventCalendarText } = await import("./event-calendar");
const { startViewAsAction } = await import("@/lib/view-as/actions");
const { listFeed } = await import("./listings");
const { getSection } = await import("@/lib/sections/queries");

const D = "ics.test";
const e = (name: string) => `${name}@${D}`;

const PARTY = { startsAt: "2026-11-27T18:00:00Z", endsAt: "2026-11-27T21:00:00Z" };
const event = (key: string, title: string, home: { section: string } | { group: string }, extra: Record<string, unknown> = {}) => ({
  key,
  type: "event",
  title,
  body: `<p>About ${title}: <strong>all welcome</strong>.</p>`,
  ...home,
  author: e("author"),
  status: "published",
  ...PARTY,
  place: "Main hall",
  ...extra,
});

const ORG: Record<string, unknown> = {
  teams: [],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("staff"), name: "Sid Staff", audience: "organisational" },
    { email: e("board"), name: "Bo Board", audience: "organisational" },
    { email: e("author"), name: "Ann Author", audience: "organisational" },
    { email: e("editor"), name: "Ed Editor", audience: "organisational" },
    { email: e("clubber"), name: "Cal Clubber", audience: "organisational" },
    { email: e("mgr"), name: "Mo Manager", audience: "organisational" },
    { email: e("ext"), name: "Xena External", audience: "external" },
    { email: e("extout"), name: "Eli Outsider", audience: "external" },
    { email: e("gone"), name: "Bea Blocked", audience: "organisational", blocked: true },
  ],
  sections: [
    {
      slug: "news",
      title: "News",
      parent: null,
      restricted: false,
      roles: [
        { person: e("author"), role: "author" },
        { person: e("editor"), role: "editor" },
      ],
    },
    { slug: "board", title: "Board", parent: null, restricted: true, members: [e("board"), e("author")] },
    { slug: "partners", title: "Partners", parent: null, restricted: true, members: [e("ext")], roles: [{ person: e("mgr"), role: "manager" }] },
  ],
  groups: [
    { slug: "club", name: "Club", description: "", visibility: "private", members: [{ person: e("clubber"), admin: true }, { person: e("author") }] },
    { slug: "hush", name: "Hush", description: "", visibility: "secret", members: [{ person: e("clubber"), admin: true }, { person: e("author") }] },
  ],
  content: [
    event("open-party", "Winter party", { section: "news" }),
    event("board-dinner", "Board dinner", { section: "board" }),
    event("partner-day", "Partner day", { section: "partners" }),
    event("board-shared", "Board open day", { section: "board" }, { sharedInto: ["partners"] }),
    event("news-draft", "Draft away day", { section: "news" }, { status: "draft" }),
    event("club-meet", "Club meet", { group: "club" }),
    event("hush-meet", "Hush meet", { group: "hush" }),
    event("no-start", "Date to follow", { section: "news" }, { startsAt: undefined, endsAt: undefined }),
    event("no-end", "Morning drop-in", { section: "news" }, { endsAt: undefined }),
    { key: "plain-news", type: "news", title: "Plain news", body: "<p>News</p>", section: "news", author: e("author"), status: "published" },
    event("tricky", "Quiz night", { section: "news" }),
  ],
};

/** Everyone who gets a viewer; the blocked person is the signed-out case. */
const PEOPLE = ["web", "staff", "board", "author", "editor", "clubber", "mgr", "ext", "extout"];
/** Every item of the organisation but "tricky", whose text a test changes; an unknown id and a malformed one too. */
const ITEMS = ["open-party", "board-dinner", "partner-day", "board-shared", "news-draft", "club-meet", "hush-meet", "no-start", "no-end", "plain-news"];
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const ORG_TITLES = new Map((ORG.content as { key: string; title: string }[]).map((c) => [c.key, c.title]));

let h: Harness;

beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => h?.close());

const download = (id: string) => GET(new Request(`http://portico.test/content/${id}/event.ics`), { params: Promise.resolve({ id }) });
const STATUS_OF: Record<Lookup<unknown>["status"], number> = { ok: 200, forbidden: 403, "not-found": 404 };

/** The one VEVENT of a file, parsed by ical.js (not the library that wrote it). */
function parseEvent(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  const events = calendar.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  return events[0]!;
}

/** Content lines with folding undone (RFC 5545 3.1): what a calendar reads as properties. */
const unfolded = (text: string) => text.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean);

describe("GET /content/<id>/event.ics: the item page's access (C7 C2 C5)", () => {
  const outcomes = new Map<string, number>();

  it.each(PEOPLE)("C7 C2 C5 %s: 200 exactly when getContent answers ok (for an event with a start), else getContent's 403 or 404, naming nothing", async (person) => {
    const viewer = (await signInAs(e(person)))!;
    for (const key of [...ITEMS, "unknown", "malformed"]) {
      const id = key === "unknown" ? UNKNOWN : key === "malformed" ? "not-an-id" : h.content(key);
      const lookup = await getContent(viewer, id);
      const response = await download(id);
      const body = await response.text();
      const where = `${person} × ${key}`;
      outcomes.set(where, response.status);
      if (lookup.status === "ok" && lookup.value.event?.startsAt) {
        expect(response.status, where).toBe(200);
        expect(response.headers.get("content-type"), where).toBe("text/calendar; charset=utf-8");
        expect(response.headers.get("cache-control"), where).toBe("private, no-store");
        expect(response.headers.get("content-disposition"), where).toBe(`attachment; filename="${calendarFileName(lookup.value.title)}"`);
        const vevent = parseEvent(body);
        expect(vevent.getFirstPropertyValue("uid"), where).toBe(id);
        expect(vevent.getFirstPropertyValue("summary"), where).toBe(lookup.value.title);
        continue;
      }
      // Not an event, or no start: the page shows it, but there is no file to give.
      expect(response.status, where).toBe(lookup.status === "ok" ? 404 : STATUS_OF[lookup.status]);
      expect(response.headers.get("cache-control"), where).toBe("private, no-store");
      const title = key === "unknown" || key === "malformed" ? null : ORG_TITLES.get(key)!;
      if (title) expect(body, where).not.toContain(title);
      expect(body, where).toMatch(/^(Forbidden|Not found)$/);
    }
  });

  it("C7 C2 C5 the matrix holds each answer, as the rules give them (not only as getContent does)", () => {
    // Written from the rules, so the comparison above cannot pass by both being wrong the same way.
    const expected: [string, number][] = [
      ["staff × open-party", 200], // S5: an open section
      ["staff × board-dinner", 403], // S5: restricted, not a member (C5)
      ["board × board-dinner", 200], // S2: a member
      ["ext × open-party", 403], // S6: external people see their own sections only
      ["ext × partner-day", 200],
      ["ext × board-shared", 200], // C2: shared into a section they may view
      ["extout × partner-day", 403],
      ["author × news-draft", 200], // C2: the draft's author
      ["editor × news-draft", 200], // C2: an editor of its home section
      ["staff × news-draft", 403],
      ["web × news-draft", 200], // C7: webmasters see every item, drafts included
      ["clubber × club-meet", 200], // G6: a member
      ["staff × club-meet", 403], // G6: a private group's outsider
      ["clubber × hush-meet", 200],
      ["staff × hush-meet", 404], // C5: a secret group's content does not exist to outsiders
      ["web × hush-meet", 200],
      ["staff × no-start", 404], // viewable, but nothing to put in a calendar
      ["staff × plain-news", 404], // not an event
      ["staff × no-end", 200],
      ["web × unknown", 404],
      ["web × malformed", 404],
    ];
    for (const [where, status] of expected) expect(outcomes.get(where), where).toBe(status);
  });

  it("C7 signed out, or blocked since signing in: the item page's answer, a redirect to sign in, before anything is read", async () => {
    signOut();
    await expect(download(h.content("open-party"))).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT;replace;/login?reason=signed-out;") });
    expect(await signInAs(e("gone"))).toBeNull();
    await expect(download(h.content("open-party"))).rejects.toMatchObject({ digest: expect.stringContaining("/login?reason=signed-out") });
  });

  it("B2 C7 C5: a section manager viewing as someone gets the file as the item page renders: as the person within their sections, as themselves elsewhere", async () => {
    await signInAs(e("mgr"));
    expect((await startViewAsAction({ personId: h.person(e("staff")) })).ok).toBe(true);
    // Partner day is homed in Mo's Partners, which Sid (not a member) may not view.
    const refused = await download(h.content("partner-day"));
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("Partner day");
    // The open party is outside Mo's sections: answered as Mo himself.
    expect((await download(h.content("open-party"))).status).toBe(200);
  });
});

describe("the file itself (C7)", () => {
  it("C7 one VEVENT: a stable UID, DTSTART and DTEND in UTC, the title, the place, a short plain-text description; the item's address when the site's is set", async () => {
    const saved = process.env.PORTICO_PUBLIC_URL;
    try {
      await signInAs(e("staff"));
      const id = h.content("open-party");
      delete process.env.PORTICO_PUBLIC_URL;
      const first = await (await download(id)).text();
      process.env.PORTICO_PUBLIC_URL = "https://portal.example.org/";
      const second = await (await download(id)).text();

      const lines = unfolded(second);
      expect(lines).toContain("DTSTART:20261127T180000Z");
      expect(lines).toContain("DTEND:20261127T210000Z");
      expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
      expect(second.endsWith("END:VCALENDAR\r\n")).toBe(true);
      const vevent = parseEvent(second);
      const parsed = new ICAL.Event(vevent);
      expect(parsed.uid).toBe(id);
      expect(parsed.startDate.toJSDate().toISOString()).toBe("2026-11-27T18:00:00.000Z");
      expect(parsed.endDate.toJSDate().toISOString()).toBe("2026-11-27T21:00:00.000Z");
      expect(parsed.startDate.zone.tzid).toBe("UTC");
      expect(parsed.summary).toBe("Winter party");
      expect(parsed.location).toBe("Main hall");
      // Plain text: no markup of the body.
      expect(parsed.description).toBe("About Winter party: all welcome.");
      expect(vevent.getFirstPropertyValue("url")).toBe(`https://portal.example.org/content/${id}`);

      // The same UID every time (a second download updates the calendar's copy); no URL without a public address.
      expect(parseEvent(first).getFirstPropertyValue("uid")).toBe(id);
      expect(parseEvent(first).getFirstPropertyValue("url")).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.PORTICO_PUBLIC_URL;
      else process.env.PORTICO_PUBLIC_URL = saved;
    }
  });

  it("C7 an event without an end has no DTEND: it is the instant it starts", async () => {
    await signInAs(e("staff"));
    const text = await (await download(h.content("no-end"))).text();
    expect(unfolded(text)).toContain("DTSTART:20261127T180000Z");
    expect(text).not.toContain("DTEND");
  });

  it("C7 a title and place with CRLF, commas, semicolons, backslashes and very long lines add no line of their own", async () => {
    const title = `Quiz\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected; a, b \\ c\nATTENDEE:mailto:x@evil.example\r${"é".repeat(90)}${"x".repeat(120)}`;
    const place = `Hall 2, floor 1; east\r\nLOCATION:elsewhere\u0007 ${"ü".repeat(100)}`;
    await h.db.update(content).set({ title, eventPlace: place }).where(eq(content.id, h.content("tricky")));
    await signInAs(e("staff"));
    const response = await download(h.content("tricky"));
    expect(response.status).toBe(200);
    // A safe file name whatever the title.
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+\.ics"$/);
    const text = await response.text();

    // Every physical line at most 75 octets (RFC 5545 3.1), each ending CRLF, no bare CR or LF.
    const physical = text.split("\r\n");
    expect(physical.pop()).toBe("");
    for (const line of physical) {
      expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\r\n\u0007]/);
    }
    // Unfolded, the user text is inside its own property only.
    const names = unfolded(text).map((l) => /^[A-Z-]+/.exec(l)?.[0]);
    expect(names.filter((n) => n === "BEGIN")).toHaveLength(2); // VCALENDAR, VEVENT
    expect(names.filter((n) => n === "SUMMARY" || n === "LOCATION")).toEqual(["SUMMARY", "LOCATION"]);
    expect(names).not.toContain("ATTENDEE");

    const parsed = new ICAL.Event(parseEvent(text));
    // Line breaks come back as line breaks of the text (escaped \n), the bell character is dropped.
    expect(parsed.summary).toBe(title.replace(/\r\n|\r/g, "\n"));
    expect(parsed.location).toBe(place.replace(/\r\n/g, "\n").replace("\u0007", ""));
  });

  it("C7 file names: ASCII from the title, never empty", () => {
    expect(calendarFileName("Winter party: 2026!")).toBe("winter-party-2026.ics");
    expect(calendarFileName("Café \"night\"\r\n../x")).toBe("cafe-night-x.ics");
    expect(calendarFileName("日本語")).toBe("event.ics");
    expect(calendarFileName("a".repeat(300))).toBe(`${"a".repeat(60)}.ics`);
  });

  it("C7 the text alone: one VEVENT, in UTC, whatever the server's zone", () => {
    const text = eventCalendarText({
      id: "a1b2c3d4-0000-4000-8000-000000000001",
      title: "Summer fair",
      // 18:00 to 21:00 in London's summer time.
      startsAt: new Date("2027-07-15T17:00:00Z"),
      endsAt: new Date("2027-07-15T20:00:00Z"),
      place: null,
      excerpt: "",
      updatedAt: new Date("2027-06-01T09:00:00Z"),
      url: null,
    });
    const lines = unfolded(text);
    expect(lines).toContain("DTSTART:20270715T170000Z");
    expect(lines).toContain("DTEND:20270715T200000Z");
    expect(lines).toContain("DTSTAMP:20270601T090000Z");
    expect(lines.some((l) => l.startsWith("LOCATION") || l.startsWith("DESCRIPTION") || l.startsWith("URL"))).toBe(false);
  });
});

describe("listings carry an event's end (C7)", () => {
  it("C7 the feed and a section page's listing give each event its start and end, for its dates written once and its Ended label", async () => {
    const staff = (await signInAs(e("staff")))!;
    const section = await getSection(staff, "news", { content: {} });
    if (section.status !== "ok") throw new Error("the news section should be visible");
    // The section page reads its listing as a JSON column; the feed reads rows: both carry the end.
    for (const items of [section.value.content!.items, (await listFeed(staff)).items]) {
      const byTitle = new Map(items.map((i) => [i.title, i]));
      expect(byTitle.get("Winter party")).toMatchObject({ eventStartsAt: new Date(PARTY.startsAt), eventEndsAt: new Date(PARTY.endsAt) });
      expect(byTitle.get("Morning drop-in")).toMatchObject({ eventStartsAt: new Date(PARTY.startsAt), eventEndsAt: null });
      expect(byTitle.get("Plain news")).toMatchObject({ eventStartsAt: null, eventEndsAt: null });
    }
  });
});
