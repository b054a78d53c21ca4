import "server-only";
/**
 * People administration (M1, M2, M3): webmasters only. Every function here checks the
 * viewer itself and answers { status: "forbidden" } to anyone else, whatever page or
 * action calls it: the rows carry everyone's e-mail address and account state.
 */
import { type SQL, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { auditEvents, locations, people } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { canAsWebmaster } from "@/lib/access/policies";
import { type Lookup, NOT_FOUND, ok } from "@/lib/lookup";
import type { ProfileText } from "./profile-fields";
import { type PeopleFilter, type PeopleListParams, type PersonFields, rolesToChoices } from "./schemas";
import { nameOrEmailContains } from "./search";
import { isUuid } from "@/db/sql";
import type { Viewer } from "@/lib/access/types";

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

/** Keyset cursors: the sort key of the last row shown, then its id; a malformed one reads as the first page. */
const byTextCursor = cursorCodec({ key: "text", id: "uuid" });
/** Never-seen people sort last, so their key is null. */
const byLastAccessCursor = cursorCodec({ key: "timestamp?", id: "uuid" });

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
  const conditions: (SQL | undefined)[] = [filterCondition(params.filter)];
  if (params.q) conditions.push(nameOrEmailContains(params.q));
  let order: SQL[];
  // lastAccess after a dated row continues with the older dates, then with those never seen:
  // two index range reads, rather than one OR that no index can serve.
  let thenNeverSeen = false;
  if (params.sort === "email") {
    const cursor = byTextCursor.decode(params.after);
    order = [sql`lower(${people.email}) asc`];
    if (cursor) conditions.push(sql`lower(${people.email}) > ${cursor.key}`);
  } else if (params.sort === "lastAccess") {
    const cursor = byLastAccessCursor.decode(params.after);
    order = [sql`${people.lastAccessAt} desc nulls last`, sql`${people.id} desc nulls last`];
    if (cursor) {
      if (cursor.key === null) conditions.push(sql`(${people.lastAccessAt} is null and ${people.id} < ${cursor.id})`);
      else {
        conditions.push(sql`(${people.lastAccessAt}, ${people.id}) < (${cursor.key}::timestamptz, ${cursor.id}::uuid)`);
        thenNeverSeen = true;
      }
    }
  } else {
    const cursor = byTextCursor.decode(params.after);
    order = [sql`${people.name} asc`, sql`${people.id} asc`];
    if (cursor) conditions.push(sql`(${people.name}, ${people.id}) > (${cursor.key}, ${cursor.id}::uuid)`);
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
    next =
      params.sort === "lastAccess"
        ? byLastAccessCursor.encode({ key: last.lastAccessText, id: last.id })
        : byTextCursor.encode({ key: params.sort === "email" ? last.email.toLowerCase() : last.name, id: last.id });
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
  showMobile: boolean;
  locationId: number | null;
  profile: ProfileText;
  imageId: string | null;
  status: PersonStatus;
  lastAccessAt: Date | null;
  welcomeSentAt: Date | null;
  createdAt: Date;
  /** P3, P7: the latest time a webmaster revealed one of this person's one-time links in the outbox (audited), and who. */
  linkRevealed: { at: Date; by: string | null } | null;
}

/** One person for the edit form (M3). */
export async function getPersonForAdmin(viewer: AdminViewer, personId: string, given?: Db): Promise<Lookup<AdminPerson>> {
  if (!canAsWebmaster(viewer, "people.manage")) return FORBIDDEN;
  if (!isUuid(personId)) return NOT_FOUND;
  const db = given ?? (await getDb());
  const [p] = await db.select().from(people).where(eq(people.id, personId)).limit(1);
  if (!p) return NOT_FOUND;
  // Along audit_events_target_idx: the newest reveal of a link meant for this person.
  const [revealed] = await db
    .select({ at: auditEvents.at, by: auditEvents.actorEmail })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "person"), eq(auditEvents.targetId, p.id), eq(auditEvents.action, "outbox.link.reveal")))
    .orderBy(desc(auditEvents.at))
    .limit(1);
  return ok({
    id: p.id,
    name: p.name,
    email: p.email,
    audience: p.audience,
    roles: p.roles,
    mobile: p.mobile,
    showMobile: p.showMobile,
    locationId: p.locationId,
    profile: { jobTitle: p.jobTitle, organisation: p.organisation, workPhone: p.workPhone, about: p.about },
    imageId: p.imageId,
    status: statusOf(p),
    lastAccessAt: p.lastAccessAt,
    welcomeSentAt: p.welcomeSentAt,
    createdAt: p.createdAt,
    linkRevealed: revealed ?? null,
  });
}

/**
 * M3: the person form's values for a person as stored: what the edit page fills the form
 * with, and what an API change merges its fields over (lib/api/handlers/people-writes.ts).
 */
export function personFormValues(p: AdminPerson): PersonFields {
  return {
    name: p.name,
    email: p.email,
    roles: rolesToChoices(p.audience, p.roles),
    mobile: p.mobile ?? "",
    showMobile: p.showMobile,
    locationId: p.locationId ? String(p.locationId) : "",
    jobTitle: p.profile.jobTitle ?? "",
    organisation: p.profile.organisation ?? "",
    workPhone: p.profile.workPhone ?? "",
    about: p.profile.about ?? "",
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
