/**
 * Random organisations in ORG-FILE.md shape, for property tests: the data-query test
 * (lib/access/model.test.ts) and the page test (e2e/random-orgs.spec.ts) both draw from
 * `orgArb` and compare what Portico answers with lib/access/testing/reference-model.ts.
 *
 * References are drawn as natural numbers and taken modulo the number of entries, so
 * that they shrink well (towards entry 0).
 *
 * Titles are distinctive tokens, so that a raw response can be searched for them:
 * `Sec-<word>-NN` and `Item-<word>-NN`, with one random five-letter word per organisation
 * and two-digit numbers (at most 8 sections and 12 items), so no title is a prefix or
 * part of another, and none appears in any other text of the organisation (names,
 * bodies, e-mail addresses). Every person has a password, so every one can sign in
 * (blocked people have one too: they must be refused for being blocked, not for a
 * wrong password).
 *
 * No database and no server-only code here: Playwright imports this module.
 */
import fc from "fast-check";
import type { OrgFile } from "../org-file/schema";

export const CONTENT_TYPES = ["news", "policy", "page", "blog", "event", "poll"] as const;
export const BASE_TIME = Date.UTC(2026, 0, 1, 9, 0, 0);

const LETTERS = "abcdefghijklmnopqrstuvwxyz".split("");
/** E5's switches (lib/settings/schemas.ts EXTERNAL_APPS), and the apps that may be turned off (G4). */
const SWITCHES = ["groups", "ideas", "messageWall", "queries", "users", "teams", "locations"] as const;
const APPS = ["ideas", "messageWall", "queries"] as const;

export const rawOrgArb = fc.record({
  word: fc.array(fc.constantFrom(...LETTERS), { minLength: 5, maxLength: 5 }).map((letters) => letters.join("")),
  teams: fc.array(fc.record({ parent: fc.option(fc.nat(7)), acceptsQueries: fc.boolean() }), { maxLength: 6 }),
  locations: fc.nat(2),
  people: fc.array(
    fc.record({
      kind: fc.constantFrom("organisational", "organisational", "external", "webmaster", "organisational-explicit", "external-explicit"),
      teams: fc.array(fc.nat(7), { maxLength: 3 }),
      admin: fc.array(fc.boolean(), { maxLength: 3 }),
      blocked: fc.boolean(),
      location: fc.option(fc.nat(2)),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  sections: fc.array(
    fc.record({
      parent: fc.option(fc.nat(7)),
      restricted: fc.boolean(),
      members: fc.array(fc.nat(7), { maxLength: 3 }),
      teams: fc.array(fc.record({ team: fc.nat(7), includeChildren: fc.boolean() }), { maxLength: 2 }),
      roles: fc.array(fc.record({ person: fc.nat(7), role: fc.constantFrom("manager", "editor", "author") }), { maxLength: 2 }),
    }),
    { maxLength: 8 },
  ),
  groups: fc.array(
    fc.record({
      visibility: fc.constantFrom("public", "private", "secret"),
      members: fc.array(fc.record({ person: fc.nat(7), admin: fc.boolean() }), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  content: fc.array(
    fc.record({
      type: fc.constantFrom(...CONTENT_TYPES),
      inGroup: fc.boolean(),
      home: fc.nat(7),
      sharedInto: fc.array(fc.nat(7), { maxLength: 2 }),
      author: fc.nat(7),
      draft: fc.boolean(),
      order: fc.nat(50),
    }),
    { maxLength: 12 },
  ),
  /** E5: each External access switch left out (off), off or on. */
  switches: fc.record(Object.fromEntries(SWITCHES.map((k) => [k, fc.option(fc.boolean())])) as Record<(typeof SWITCHES)[number], fc.Arbitrary<boolean | null>>),
  /** Apps a webmaster turned off for everyone: now and then. */
  appsOff: fc.record(Object.fromEntries(APPS.map((k) => [k, fc.constantFrom(false, false, false, true)])) as Record<(typeof APPS)[number], fc.Arbitrary<boolean>>),
  moderators: fc.record(Object.fromEntries(APPS.map((k) => [k, fc.array(fc.nat(7), { maxLength: 2 })])) as Record<(typeof APPS)[number], fc.Arbitrary<number[]>>),
  ideas: fc.array(
    fc.record({ author: fc.nat(7), status: fc.constantFrom("new", "new", "under_review", "planned", "done", "declined"), statusBy: fc.nat(7), votes: fc.array(fc.nat(7), { maxLength: 3 }), followers: fc.array(fc.nat(7), { maxLength: 2 }) }),
    { maxLength: 3 },
  ),
  wallPosts: fc.array(fc.record({ author: fc.nat(7), favourites: fc.array(fc.nat(7), { maxLength: 2 }) }), { maxLength: 3 }),
  queries: fc.array(
    fc.record({ asker: fc.nat(7), team: fc.nat(7), answers: fc.array(fc.record({ author: fc.nat(7), accepted: fc.boolean() }), { maxLength: 2 }) }),
    { maxLength: 3 },
  ),
});

export type RawOrg = typeof rawOrgArb extends fc.Arbitrary<infer T> ? T : never;

const unique = <T>(values: T[], keyOf: (v: T) => string = String): T[] => {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(keyOf(v)) ? false : (seen.add(keyOf(v)), true)));
};

const two = (n: number) => String(n).padStart(2, "0");

export const sectionTitle = (word: string, i: number) => `Sec-${word}-${two(i)}`;
export const itemTitle = (word: string, i: number) => `Item-${word}-${two(i)}`;

/** Every section and item title the generator makes, wherever it appears in a text. */
export const TITLE_PATTERN = /\b(?:Sec|Item)-[a-z]{5}-\d{2}\b/g;

/** Turns drawn numbers into a valid organisation file (already in parsed form). */
export function buildOrg(raw: RawOrg): OrgFile {
  const { word } = raw;
  const teamKeys = raw.teams.map((_, i) => `t${i}`);
  const orgTeams = raw.teams.map((t, i) => ({
    key: `t${i}`,
    name: `Team ${i}`,
    parent: t.parent === null || i === 0 ? null : `t${t.parent % i}`,
    ...(t.acceptsQueries ? { acceptsQueries: true } : {}),
  }));
  const orgLocations = Array.from({ length: raw.locations }, (_, i) => ({ key: `l${i}`, name: `Location ${i}`, address: `${i + 1} High Street` }));
  const emails = raw.people.map((_, i) => `p${i}@example.org`);
  const personAt = (n: number) => emails[n % emails.length]!;

  const orgPeople: OrgFile["people"] = raw.people.map((p, i) => {
    const audience = p.kind.startsWith("external") ? ("external" as const) : ("organisational" as const);
    const myTeams = teamKeys.length ? unique(p.teams.map((n) => teamKeys[n % teamKeys.length]!)) : [];
    const teamAdmin = myTeams.filter((_, j) => p.admin[j] === true);
    return {
      email: emails[i]!,
      name: `Person ${i}`,
      audience,
      ...(p.kind === "webmaster" ? { roles: ["webmaster" as const] } : {}),
      ...(p.kind === "organisational-explicit" ? { roles: ["organisational" as const] } : {}),
      ...(p.kind === "external-explicit" ? { roles: ["external" as const] } : {}),
      password: `pass-${word}-person-${i}`,
      ...(myTeams.length ? { teams: myTeams } : {}),
      ...(teamAdmin.length ? { teamAdmin } : {}),
      ...(p.blocked ? { blocked: true } : {}),
      ...(p.location !== null && orgLocations.length ? { location: orgLocations[p.location % orgLocations.length]!.key } : {}),
    };
  });

  const slugs = raw.sections.map((_, i) => `s${i}`);
  const orgSections: OrgFile["sections"] = raw.sections.map((s, i) => {
    const members = unique(s.members.map(personAt));
    const grants = teamKeys.length ? unique(s.teams.map((g) => ({ team: teamKeys[g.team % teamKeys.length]!, includeChildren: g.includeChildren })), (g) => g.team) : [];
    const roles = unique(s.roles.map((r) => ({ person: personAt(r.person), role: r.role })), (r) => `${r.person} ${r.role}`);
    return {
      slug: slugs[i]!,
      title: sectionTitle(word, i),
      parent: s.parent === null || i === 0 ? null : `s${s.parent % i}`,
      restricted: s.restricted,
      ...(members.length ? { members } : {}),
      ...(grants.length ? { teams: grants } : {}),
      ...(roles.length ? { roles } : {}),
    };
  });

  const groupSlugs = raw.groups.map((_, i) => `g${i}`);
  const orgGroups: OrgFile["groups"] = raw.groups.map((g, i) => ({
    slug: groupSlugs[i]!,
    name: `Group ${i}`,
    description: "",
    visibility: g.visibility,
    members: unique(g.members.map((m) => ({ person: personAt(m.person), admin: m.admin })), (m) => m.person),
  }));

  // Distinct publishedAt values: rank the items by their drawn order (ties by position).
  const ranked = raw.content.map((c, i) => ({ i, order: c.order })).sort((a, b) => a.order - b.order || a.i - b.i);
  const rank = new Map(ranked.map((r, position) => [r.i, position]));
  const orgContent: OrgFile["content"] = [];
  raw.content.forEach((c, i) => {
    const inGroup = groupSlugs.length > 0 && (c.inGroup || slugs.length === 0);
    if (!inGroup && slugs.length === 0) return; // nowhere to put it
    const home = inGroup ? { group: groupSlugs[c.home % groupSlugs.length]! } : { section: slugs[c.home % slugs.length]! };
    const sharedInto = slugs.length ? unique(c.sharedInto.map((n) => slugs[n % slugs.length]!)).filter((s) => s !== home.section) : [];
    orgContent.push({
      key: `c${i}`,
      type: c.type,
      title: itemTitle(word, i),
      body: `<p>Body of item ${i}</p>`,
      ...home,
      ...(sharedInto.length ? { sharedInto } : {}),
      author: personAt(c.author),
      status: c.draft ? "draft" : "published",
      ...(c.type === "poll" ? { options: ["Yes", "No"] } : {}),
      publishedAt: new Date(BASE_TIME + rank.get(i)! * 60_000).toISOString(),
    });
  });

  // E5: the switches drawn; G4: apps now and then turned off for everyone.
  const externalAccess = Object.fromEntries(SWITCHES.flatMap((k) => (raw.switches[k] === null ? [] : [[k, raw.switches[k]]])));
  const appsEnabled = Object.fromEntries(APPS.flatMap((k) => (raw.appsOff[k] ? [[k, false]] : [])));
  const settings = {
    ...(Object.keys(externalAccess).length ? { externalAccess } : {}),
    ...(Object.keys(appsEnabled).length ? { appsEnabled } : {}),
  };
  const apps = buildApps(raw, { word, orgPeople, orgTeams, personAt });

  return {
    teams: orgTeams,
    locations: orgLocations,
    people: orgPeople,
    sections: orgSections,
    content: orgContent,
    groups: orgGroups,
    ...(Object.keys(settings).length ? { settings } : {}),
    ...apps,
  };
}

/**
 * G4 G8: the apps' entries, as the organisation file allows them (lib/org-file/schema.ts
 * checkApps): external people write in an app only with its switch on (E4 E5), so their
 * entries, votes and favourites are left out otherwise; moderators are organisational
 * people; a status other than "new" is set by a webmaster or an Ideas moderator (else the
 * idea stays new); queries go to teams that accept them, with at most one accepted answer.
 * Texts are `Idea-<word>-NN`, `Post-<word>-NN` and `Query-<word>-NN`: distinct, and unlike
 * the section and item titles (TITLE_PATTERN).
 */
function buildApps(
  raw: RawOrg,
  ctx: { word: string; orgPeople: OrgFile["people"]; orgTeams: OrgFile["teams"]; personAt: (n: number) => string },
): Pick<OrgFile, "appModerators" | "ideas" | "wallPosts" | "queries"> {
  const { word, orgPeople, orgTeams, personAt } = ctx;
  const audienceOf = new Map(orgPeople.map((p) => [p.email, p.audience]));
  const writes = (app: (typeof APPS)[number]) => (email: string) => audienceOf.get(email) === "organisational" || raw.switches[app] === true;
  const at = (i: number) => new Date(BASE_TIME + i * 60_000).toISOString();

  const appModerators = Object.fromEntries(
    APPS.map((app) => [app, unique(raw.moderators[app].map(personAt)).filter((e) => audienceOf.get(e) === "organisational")] as const).filter(([, named]) => named.length),
  );
  const ideaModerators = [
    ...orgPeople.filter((p) => p.roles?.includes("webmaster")).map((p) => p.email),
    ...(appModerators.ideas ?? []),
  ];

  const ideas: NonNullable<OrgFile["ideas"]> = [];
  raw.ideas.forEach((idea, i) => {
    const author = personAt(idea.author);
    if (!writes("ideas")(author)) return;
    const status = ideaModerators.length ? idea.status : "new";
    ideas.push({
      title: `Idea-${word}-${two(i)}`,
      description: "",
      author,
      status,
      ...(status === "new" ? {} : { statusBy: ideaModerators[idea.statusBy % ideaModerators.length]! }),
      ...(status === "declined" ? { statusNote: "Not this year" } : {}),
      createdAt: at(i),
      votes: unique(idea.votes.map(personAt)).filter(writes("ideas")),
      followers: unique(idea.followers.map(personAt)).filter(writes("ideas")),
    });
  });

  const wallPosts: NonNullable<OrgFile["wallPosts"]> = [];
  raw.wallPosts.forEach((post, i) => {
    const author = personAt(post.author);
    if (!writes("messageWall")(author)) return;
    wallPosts.push({ author, body: `Post-${word}-${two(i)}`, createdAt: at(i), favourites: unique(post.favourites.map(personAt)).filter(writes("messageWall")) });
  });

  const accepting = orgTeams.filter((t) => t.acceptsQueries).map((t) => t.key);
  const queries: NonNullable<OrgFile["queries"]> = [];
  raw.queries.forEach((query, i) => {
    const asker = personAt(query.asker);
    if (!accepting.length || !writes("queries")(asker)) return;
    const firstAccepted = query.answers.findIndex((a) => a.accepted);
    queries.push({
      title: `Query-${word}-${two(i)}`,
      body: "A question",
      asker,
      team: accepting[query.team % accepting.length]!,
      createdAt: at(i),
      answers: query.answers.map((a, j) => ({ author: personAt(a.author), body: `Answer ${j}`, createdAt: at(i + j + 1), ...(j === firstAccepted ? { accepted: true } : {}) })),
    });
  });

  return {
    ...(Object.keys(appModerators).length ? { appModerators } : {}),
    ...(ideas.length ? { ideas } : {}),
    ...(wallPosts.length ? { wallPosts } : {}),
    ...(queries.length ? { queries } : {}),
  };
}

export const orgArb: fc.Arbitrary<OrgFile> = rawOrgArb.map(buildOrg);

/** The organisation without passwords: loads faster (no argon2id hashing), for tests that do not sign in. */
export function withoutPasswords(org: OrgFile): OrgFile {
  return { ...org, people: org.people.map(({ password: _password, ...person }) => person) };
}
