import "server-only";
import { type SQL, and, asc, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { emailChanges, locations, people, teamMembers, teams, welcomeLinks } from "@/db/schema";
import { isUuid } from "@/lib/access/cursor";
import { mayViewProfile } from "@/lib/access/profiles";
import type { Viewer } from "@/lib/access/viewer";
import { readUpload } from "@/lib/uploads/storage";
import type { ProfileText } from "./profile-fields";
import type { PeopleFilter, PeopleListParams } from "./schemas";
import { canAsWebmaster } from "@/lib/access/policies";

export interface OwnProfile extends ProfileText {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  mobile: string | null;
  location: string | null;
  imageId: string | null;
  /** Whether the account has a password (SSO-only accounts have none to ask for). */
  hasPassword: boolean;
  teams: { name: string; isAdmin: boolean }[];
}

/** The viewer's own profile (E2: everyone has their profile page). */
export async function getOwnProfile(viewer: Pick<Viewer, "id">): Promise<OwnProfile | null> {
  const db = await getDb();
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      audience: people.audience,
      mobile: people.mobile,
      location: locations.name,
      jobTitle: people.jobTitle,
      organisation: people.organisation,
      workPhone: people.workPhone,
      about: people.about,
      imageId: people.imageId,
      hasPassword: sql<boolean>`${people.passwordHash} is not null`,
    })
    .from(people)
    .leftJoin(locations, eq(locations.id, people.locationId))
    .where(eq(people.id, viewer.id))
    .limit(1);
  if (!person) return null;
  const myTeams = await db
    .select({ name: teams.name, isAdmin: teamMembers.isAdmin })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.personId, viewer.id))
    .orderBy(asc(teams.name));
  return { ...person, teams: myTeams };
}

/**
 * A person's profile image, for a viewer who may view their profile (E4, E5:
 * lib/access/profiles.ts) — otherwise null, exactly as for a person without one or
 * no such person, so the route answers the same 404 to all three.
 */
export async function getProfileImageForViewer(viewer: Pick<Viewer, "id" | "audience" | "isWebmaster">, personId: string): Promise<Buffer | null> {
  if (!isUuid(personId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ imageId: people.imageId })
    .from(people)
    .where(and(eq(people.id, personId.toLowerCase()), isNotNull(people.imageId), mayViewProfile(viewer, people.id, people.blocked)))
    .limit(1);
  return row?.imageId ? readUpload(row.imageId) : null;
}

export interface PersonMatch {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
}

export const PERSON_SEARCH_MIN_LENGTH = 2;
const PERSON_SEARCH_MAX_LENGTH = 200;

/** Escapes LIKE's wildcards (and its escape character) so typed text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * M1, P5, S2: "the name or the e-mail contains the text", case-insensitive, wildcards
 * literal — for the user table's search box and the people picker alike. Written so the
 * trigram indexes people_name_trgm_idx and people_email_trgm_idx (migration search_trgm,
 * gin_trgm_ops on the bare columns, which serves ILIKE) answer it: change one, change the
 * other. Text under 3 characters has no trigram and is matched by a scan.
 */
export function nameOrEmailContains(text: string): SQL {
  const contains = `%${escapeLike(text)}%`;
  return sql`(${people.name} ilike ${contains} escape '\\' or ${people.email} ilike ${contains} escape '\\')`;
}

/**
 * People whose name or e-mail contains the text typed (case-insensitive), for choosing
 * people to add to a team or a section. Blocked people are never offered. Ordered by
 * name, with names or e-mails that begin with the text (or a word of the name that does)
 * first, so "ann" puts Ann Lee before Joanne Ford; at most `limit` (10) people.
 *
 * This function does NOT decide who may search: it returns names and e-mail addresses,
 * so every caller authorizes first (only people who manage something — a team's
 * administrators, a section's managers, webmasters — may search, and only for what they
 * manage). `notInTeamId` leaves out a team's members. `exactEmailOnly` answers only a person whose e-mail is exactly the text (for
 * searchers who may not browse the people directory, E4/E5).
 */
export async function searchPeople(
  query: string,
  options: {
    limit?: number;
    excludeIds?: string[];
    /** Leaves out the members of this team (cheaper than listing a big team's ids). */
    notInTeamId?: number;
    exactEmailOnly?: boolean;
    /** The caller's transaction, if any. */
    db?: Db;
  } = {},
): Promise<PersonMatch[]> {
  const text = query.trim().slice(0, PERSON_SEARCH_MAX_LENGTH);
  if (text.length < PERSON_SEARCH_MIN_LENGTH) return [];
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 10)), 50);
  const db = options.db ?? (await getDb());
  const exclude = (options.excludeIds ?? []).filter(isUuid);
  const notExcluded = and(
    exclude.length ? notInArray(people.id, exclude) : undefined,
    options.notInTeamId !== undefined
      ? sql`not exists (select 1 from team_members tm_x where tm_x.team_id = ${options.notInTeamId} and tm_x.person_id = ${people.id})`
      : undefined,
  );
  const columns = { id: people.id, name: people.name, email: people.email, audience: people.audience };

  if (options.exactEmailOnly) {
    return db
      .select(columns)
      .from(people)
      .where(and(sql`lower(${people.email}) = lower(${text})`, eq(people.blocked, false), notExcluded))
      .limit(1);
  }

  const escaped = escapeLike(text);
  const startsWith = `${escaped}%`;
  const wordStart = `% ${escaped}%`;
  return db
    .select(columns)
    .from(people)
    .where(
      and(
        nameOrEmailContains(text),
        eq(people.blocked, false),
        notExcluded,
      ),
    )
    .orderBy(
      sql`(${people.name} ilike ${startsWith} escape '\\' or ${people.name} ilike ${wordStart} escape '\\' or ${people.email} ilike ${startsWith} escape '\\') desc`,
      asc(people.name),
      asc(people.id),
    )
    .limit(limit);
}

// ---------------------------------------------------------------------------
// People administration (M1, M2, M3): webmasters only. Every function here checks the
// viewer itself and answers { status: "forbidden" } to anyone else, whatever page or
// action calls it: the rows carry everyone's e-mail address and account state.
// ---------------------------------------------------------------------------

export type AdminViewer = Pick<Viewer, "id" | "isWebmaster">;
export type Forbidden = { status: "forbidden" };
const FORBIDDEN: Forbidden = { status: "forbidden" };

export const PEOPLE_PAGE_SIZE = 50;

export type PersonStatus = "unauthorised" | "blocked" | "authorised";

export interface AdminPersonRow {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  roles: string[];
  status: PersonStatus;
  lastAccessAt: Date | null;
  welcomeSentAt: Date | null;
}

/** P3, M1: Blocked before anything else; otherwise authorised once the latest welcome link was used. */
export function statusOf(p: { blocked: boolean; authorisedAt: Date | null }): PersonStatus {
  return p.blocked ? "blocked" : p.authorisedAt ? "authorised" : "unauthorised";
}

/** M1/M2: the SQL each filter of the user table stands for. */
export function filterCondition(filter: PeopleFilter): SQL | undefined {
  switch (filter) {
    case "authorised":
      return sql`(${people.authorisedAt} is not null and not ${people.blocked})`;
    case "unauthorised":
      return sql`(${people.authorisedAt} is null and not ${people.blocked})`;
    case "blocked":
      return sql`${people.blocked}`;
    case "external":
      return eq(people.audience, "external");
    case "organisational":
      return eq(people.audience, "organisational");
    default:
      return undefined;
  }
}

/** Keyset cursors for the three sort orders: base64url of [key, id]; a malformed one reads as the first page. */
function encodePeopleCursor(key: string | null, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}
function decodePeopleCursor(raw: string | undefined): { key: string | null; id: string } | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as unknown[];
    if (typeof id !== "string" || !isUuid(id)) return null;
    if (key !== null && (typeof key !== "string" || key.length > 400)) return null;
    return { key, id };
  } catch {
    return null;
  }
}

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/**
 * The user table (M1): one page of people in the chosen order, read along an index in
 * exactly that order (name, id) · lower(email) · (last_access_at desc nulls last, id desc),
 * continuing after a keyset cursor so that page 2 000 costs what page 1 costs.
 */
export async function listPeopleForAdmin(
  viewer: AdminViewer,
  params: PeopleListParams,
  given?: Db,
): Promise<Forbidden | { status: "ok"; rows: AdminPersonRow[]; next: string | null }> {
  if (!canAsWebmaster(viewer, "people.manage")) return FORBIDDEN;
  const db = given ?? (await getDb());
  const cursor = decodePeopleCursor(params.after);
  const conditions: (SQL | undefined)[] = [filterCondition(params.filter)];
  if (params.q) conditions.push(nameOrEmailContains(params.q));
  let order: SQL[];
  // lastAccess after a dated row continues with the older dates, then with those never seen:
  // two index range reads, rather than one OR that no index can serve.
  let thenNeverSeen = false;
  if (params.sort === "email") {
    order = [sql`lower(${people.email}) asc`];
    if (cursor?.key != null) conditions.push(sql`lower(${people.email}) > ${cursor.key}`);
  } else if (params.sort === "lastAccess") {
    order = [sql`${people.lastAccessAt} desc nulls last`, sql`${people.id} desc nulls last`];
    if (cursor) {
      if (cursor.key === null) conditions.push(sql`(${people.lastAccessAt} is null and ${people.id} < ${cursor.id})`);
      else if (TIMESTAMP_TEXT.test(cursor.key)) {
        conditions.push(sql`(${people.lastAccessAt}, ${people.id}) < (${cursor.key}::timestamptz, ${cursor.id}::uuid)`);
        thenNeverSeen = true;
      }
    }
  } else {
    order = [sql`${people.name} asc`, sql`${people.id} asc`];
    if (cursor?.key != null) conditions.push(sql`(${people.name}, ${people.id}) > (${cursor.key}, ${cursor.id}::uuid)`);
  }
  const columns = {
    id: people.id,
    name: people.name,
    email: people.email,
    audience: people.audience,
    roles: people.roles,
    blocked: people.blocked,
    authorisedAt: people.authorisedAt,
    lastAccessAt: people.lastAccessAt,
    lastAccessText: sql<string | null>`${people.lastAccessAt}::text`,
    welcomeSentAt: people.welcomeSentAt,
  };
  const rows = await db
    .select(columns)
    .from(people)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(PEOPLE_PAGE_SIZE + 1);
  if (thenNeverSeen && rows.length <= PEOPLE_PAGE_SIZE) {
    const neverSeen = await db
      .select(columns)
      .from(people)
      .where(and(...conditions.slice(0, -1), sql`${people.lastAccessAt} is null`))
      .orderBy(...order)
      .limit(PEOPLE_PAGE_SIZE + 1 - rows.length);
    rows.push(...neverSeen);
  }
  const page = rows.slice(0, PEOPLE_PAGE_SIZE);
  const last = page[page.length - 1];
  let next: string | null = null;
  if (rows.length > PEOPLE_PAGE_SIZE && last) {
    const key = params.sort === "email" ? last.email.toLowerCase() : params.sort === "lastAccess" ? last.lastAccessText : last.name;
    next = encodePeopleCursor(key, last.id);
  }
  return {
    status: "ok",
    next,
    rows: page.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      audience: p.audience,
      roles: p.roles,
      status: statusOf(p),
      lastAccessAt: p.lastAccessAt,
      welcomeSentAt: p.welcomeSentAt,
    })),
  };
}

export interface AdminPerson {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  roles: string[];
  mobile: string | null;
  locationId: number | null;
  profile: ProfileText;
  imageId: string | null;
  status: PersonStatus;
  lastAccessAt: Date | null;
  welcomeSentAt: Date | null;
  createdAt: Date;
}

/** One person for the edit form (M3). */
export async function getPersonForAdmin(viewer: AdminViewer, personId: string, given?: Db): Promise<Forbidden | { status: "missing" } | { status: "ok"; person: AdminPerson }> {
  if (!canAsWebmaster(viewer, "people.manage")) return FORBIDDEN;
  if (!isUuid(personId)) return { status: "missing" };
  const db = given ?? (await getDb());
  const [p] = await db.select().from(people).where(eq(people.id, personId)).limit(1);
  if (!p) return { status: "missing" };
  return {
    status: "ok",
    person: {
      id: p.id,
      name: p.name,
      email: p.email,
      audience: p.audience,
      roles: p.roles,
      mobile: p.mobile,
      locationId: p.locationId,
      profile: { jobTitle: p.jobTitle, organisation: p.organisation, workPhone: p.workPhone, about: p.about },
      imageId: p.imageId,
      status: statusOf(p),
      lastAccessAt: p.lastAccessAt,
      welcomeSentAt: p.welcomeSentAt,
      createdAt: p.createdAt,
    },
  };
}

/** The location choices of the person form (P6: a flat directory). */
export async function listLocationChoices(viewer: AdminViewer, given?: Db): Promise<Forbidden | { status: "ok"; locations: { id: number; name: string }[] }> {
  if (!canAsWebmaster(viewer, "people.manage")) return FORBIDDEN;
  const db = given ?? (await getDb());
  return { status: "ok", locations: await db.select({ id: locations.id, name: locations.name }).from(locations).orderBy(asc(locations.name)) };
}

export type WelcomeSkipReason = "blocked" | "notAuthorised" | "self" | "missing";

export interface WelcomePlan {
  recipients: { id: string; name: string; email: string }[];
  skipped: Record<WelcomeSkipReason, number>;
}

/**
 * M2 exactly: who a bulk "Send welcome e-mail" reaches among the ticked people. Blocked
 * people never; from the Authorised users filter only authorised, unblocked people; never
 * the webmaster themself (it would end their own password and session). Used for the
 * review step and, inside the transaction (rows locked), for the send itself, so the two
 * cannot disagree. The caller has checked the viewer is a webmaster.
 */
export async function planWelcome(
  db: Db,
  viewer: Pick<Viewer, "id">,
  input: { personIds: string[]; filter: PeopleFilter },
  options: { lock?: boolean } = {},
): Promise<WelcomePlan> {
  const ids = input.personIds.filter(isUuid);
  const query = db
    .select({ id: people.id, name: people.name, email: people.email, blocked: people.blocked, authorisedAt: people.authorisedAt })
    .from(people)
    .where(inArray(people.id, ids.length ? ids : ["00000000-0000-0000-0000-000000000000"]))
    .orderBy(asc(people.id));
  const found = options.lock ? await query.for("update") : await query;
  const skipped: Record<WelcomeSkipReason, number> = { blocked: 0, notAuthorised: 0, self: 0, missing: input.personIds.length - found.length };
  const recipients: WelcomePlan["recipients"] = [];
  for (const p of found) {
    if (p.blocked) skipped.blocked++;
    else if (input.filter === "authorised" && !p.authorisedAt) skipped.notAuthorised++;
    else if (p.id === viewer.id) skipped.self++;
    else recipients.push({ id: p.id, name: p.name, email: p.email });
  }
  return { recipients, skipped };
}

export type WelcomeLinkState = "usable" | "used" | "superseded" | "expired" | "unknown" | "blocked";

/** P3: what a welcome link is now, by its token's hash (read-only; the page shows the matching message). */
export async function welcomeLinkState(tokenHash: string, given?: Db, now: Date = new Date()): Promise<{ state: WelcomeLinkState; personId?: string; email?: string }> {
  const db = given ?? (await getDb());
  const [link] = await db
    .select({ personId: welcomeLinks.personId, expiresAt: welcomeLinks.expiresAt, usedAt: welcomeLinks.usedAt, supersededAt: welcomeLinks.supersededAt, blocked: people.blocked, email: people.email })
    .from(welcomeLinks)
    .innerJoin(people, eq(people.id, welcomeLinks.personId))
    .where(eq(welcomeLinks.tokenHash, tokenHash))
    .limit(1);
  if (!link) return { state: "unknown" };
  const state: WelcomeLinkState = link.usedAt
    ? "used"
    : link.supersededAt
      ? "superseded"
      : link.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : link.blocked
          ? "blocked"
          : "usable";
  return { state, personId: link.personId, email: link.email };
}

export type EmailChangeLinkState = "usable" | "used" | "superseded" | "expired" | "unknown" | "other-account" | "outdated" | "taken";

/**
 * Item 10: what an own e-mail change's confirmation link can do for this viewer. Only the
 * person who asked may use it; it works once, until it expires or a newer request replaces
 * it, while the account still has the address it had when asked, and while no one else
 * has taken the new address. Reading it changes nothing.
 */
export async function emailChangeLinkState(
  viewer: Pick<Viewer, "id">,
  tokenHash: string,
  given?: Db,
  now: Date = new Date(),
): Promise<{ state: EmailChangeLinkState; oldEmail?: string; newEmail?: string }> {
  const db = given ?? (await getDb());
  const [link] = await db
    .select({
      personId: emailChanges.personId,
      oldEmail: emailChanges.oldEmail,
      newEmail: emailChanges.newEmail,
      expiresAt: emailChanges.expiresAt,
      usedAt: emailChanges.usedAt,
      supersededAt: emailChanges.supersededAt,
      currentEmail: people.email,
      taken: sql<boolean>`exists (select 1 from people o where lower(o.email) = lower(${emailChanges.newEmail}) and o.id <> ${emailChanges.personId})`,
    })
    .from(emailChanges)
    .innerJoin(people, eq(people.id, emailChanges.personId))
    .where(eq(emailChanges.tokenHash, tokenHash))
    .limit(1);
  if (!link) return { state: "unknown" };
  // Nothing about another person's request is told, not even its addresses.
  if (link.personId !== viewer.id) return { state: "other-account" };
  const state: EmailChangeLinkState = link.usedAt
    ? "used"
    : link.supersededAt
      ? "superseded"
      : link.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : link.currentEmail.toLowerCase() !== link.oldEmail.toLowerCase()
          ? "outdated"
          : link.taken
            ? "taken"
            : "usable";
  return { state, oldEmail: link.oldEmail, newEmail: link.newEmail };
}
