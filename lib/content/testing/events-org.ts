import "server-only";
/**
 * C7: the organisation the events page's and the calendar feed's tests share: events in an open
 * section and one below it, a restricted section and one below it, a section for external
 * members, an open section with a restricted child whose event is shared into the open one,
 * and public, private and secret groups; a draft, an event without a start, one across the end
 * of a month, and events either side of a month's end in the portal's zone. Each person stands
 * to them differently (S4–S6, C2, G1, G6). Times are fixed: tests pass their own "now".
 */
export const EVENTS_DOMAIN = "events.test";
export const ev = (name: string) => `${name}@${EVENTS_DOMAIN}`;

interface EventSpec {
  key: string;
  title: string;
  home: { section: string } | { group: string };
  startsAt?: string;
  endsAt?: string;
  place?: string;
  status?: "published" | "draft";
  sharedInto?: string[];
}

/** Every event of the organisation, as the rules and tests read them. */
export const EVENTS: EventSpec[] = [
  { key: "open-party", title: "Winter party", home: { section: "news" }, startsAt: "2026-11-27T18:00:00Z", endsAt: "2026-11-27T21:00:00Z", place: "Main hall" },
  { key: "local-fair", title: "Local fair", home: { section: "news-local" }, startsAt: "2026-11-14T10:00:00Z", endsAt: "2026-11-14T16:00:00Z" },
  { key: "board-dinner", title: "Board dinner", home: { section: "board" }, startsAt: "2026-11-12T19:00:00Z", endsAt: "2026-11-12T22:00:00Z" },
  { key: "board-papers-day", title: "Board papers day", home: { section: "board-papers" }, startsAt: "2026-11-20T09:00:00Z" },
  { key: "partner-day", title: "Partner day", home: { section: "partners" }, startsAt: "2026-11-05T09:00:00Z", endsAt: "2026-11-05T17:00:00Z" },
  { key: "board-shared", title: "Board open day", home: { section: "board" }, sharedInto: ["partners"], startsAt: "2026-11-18T10:00:00Z", endsAt: "2026-11-18T12:00:00Z" },
  // Homed in a restricted child of an open section, shared into another open section.
  { key: "cases-review", title: "Cases review", home: { section: "hr-cases" }, sharedInto: ["news"], startsAt: "2026-11-10T14:00:00Z", endsAt: "2026-11-10T15:00:00Z" },
  { key: "news-draft", title: "Draft away day", home: { section: "news" }, status: "draft", startsAt: "2026-11-15T09:00:00Z" },
  { key: "no-start", title: "Date to follow", home: { section: "news" } },
  { key: "club-meet", title: "Club meet", home: { group: "club" }, startsAt: "2026-11-03T18:00:00Z" },
  { key: "hush-meet", title: "Hush meet", home: { group: "hush" }, startsAt: "2026-11-04T18:00:00Z" },
  { key: "green-walk", title: "Green walk", home: { group: "green" }, startsAt: "2026-11-06T10:00:00Z", endsAt: "2026-11-06T12:00:00Z" },
  // Across the end of November into December (C7: on each of its days).
  { key: "conference", title: "Annual conference", home: { section: "news" }, startsAt: "2026-11-29T09:00:00Z", endsAt: "2026-12-02T17:00:00Z", place: "Civic centre" },
  // Either side of June's end in Europe/London (BST, UTC+1): 23:30 on 30 June, and 00:30 on 1 July.
  { key: "june-late", title: "Midsummer late show", home: { section: "news" }, startsAt: "2026-06-30T22:30:00Z" },
  { key: "july-early", title: "July early start", home: { section: "news" }, startsAt: "2026-06-30T23:30:00Z" },
  { key: "old-event", title: "Old event", home: { section: "news" }, startsAt: "2025-01-10T10:00:00Z", endsAt: "2025-01-10T12:00:00Z" },
  { key: "far-future", title: "Far future", home: { section: "news" }, startsAt: "2028-03-01T10:00:00Z" },
];

/** A news item besides the events: never an event, wherever it is listed. */
export const NOT_AN_EVENT = { key: "plain-news", title: "Plain news" };

export const EVENTS_ORG: Record<string, unknown> = {
  teams: [],
  people: [
    { email: ev("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: ev("staff"), name: "Sid Staff", audience: "organisational" },
    { email: ev("board"), name: "Bo Board", audience: "organisational" },
    { email: ev("author"), name: "Ann Author", audience: "organisational" },
    { email: ev("clubber"), name: "Cal Clubber", audience: "organisational" },
    { email: ev("ext"), name: "Xena External", audience: "external" },
    { email: ev("extgreen"), name: "Gil Green", audience: "external" },
    { email: ev("extout"), name: "Eli Outsider", audience: "external" },
    { email: ev("gone"), name: "Bea Blocked", audience: "organisational", blocked: true },
    { email: ev("leaver"), name: "Lee Leaver", audience: "organisational" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: ev("author"), role: "author" }] },
    { slug: "news-local", title: "Local news", parent: "news", restricted: false },
    { slug: "board", title: "Board", parent: null, restricted: true, members: [ev("board")] },
    { slug: "board-papers", title: "Board papers", parent: "board", restricted: false },
    { slug: "partners", title: "Partners", parent: null, restricted: true, members: [ev("ext")] },
    { slug: "hr", title: "Human resources", parent: null, restricted: false },
    { slug: "hr-cases", title: "HR cases", parent: "hr", restricted: true, members: [ev("board")] },
  ],
  groups: [
    { slug: "club", name: "Club", description: "", visibility: "private", members: [{ person: ev("clubber"), admin: true }] },
    { slug: "hush", name: "Hush", description: "", visibility: "secret", members: [{ person: ev("clubber"), admin: true }] },
    { slug: "green", name: "Green", description: "", visibility: "public", members: [{ person: ev("staff"), admin: true }, { person: ev("extgreen") }] },
  ],
  content: [
    ...EVENTS.map((e) => ({
      key: e.key,
      type: "event",
      title: e.title,
      body: `<p>About ${e.title}.</p>`,
      ...e.home,
      ...(e.sharedInto ? { sharedInto: e.sharedInto } : {}),
      author: ev("author"),
      status: e.status ?? "published",
      ...(e.startsAt ? { startsAt: e.startsAt } : {}),
      ...(e.endsAt ? { endsAt: e.endsAt } : {}),
      ...(e.place ? { place: e.place } : {}),
    })),
    { key: NOT_AN_EVENT.key, type: "news", title: NOT_AN_EVENT.title, body: "<p>News</p>", section: "news", author: ev("author"), status: "published" },
  ],
  settings: { externalAccess: { groups: false } },
};

/** Everyone who gets a viewer (the blocked person gets none). */
export const EVENT_PEOPLE = ["web", "staff", "board", "author", "clubber", "ext", "extgreen", "extout", "leaver"] as const;

/** Every section and group of the organisation, as a place filter names them. */
export const EVENT_PLACES = [
  ...["news", "news-local", "board", "board-papers", "partners", "hr", "hr-cases"].map((slug) => ({ kind: "section" as const, slug })),
  ...["club", "hush", "green"].map((slug) => ({ kind: "group" as const, slug })),
];

/** A section's parent, from the organisation above (for "the sections below it"). */
export const SECTION_PARENT = new Map((EVENTS_ORG.sections as { slug: string; parent: string | null }[]).map((s) => [s.slug, s.parent]));
