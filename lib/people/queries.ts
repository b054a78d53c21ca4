import "server-only";
import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { locations, people, teamMembers, teams } from "@/db/schema";
import { isUuid } from "@/lib/access/cursor";
import type { Viewer } from "@/lib/access/viewer";

export interface OwnProfile {
  name: string;
  email: string;
  audience: "organisational" | "external";
  mobile: string | null;
  location: string | null;
  teams: { name: string; isAdmin: boolean }[];
}

/** The viewer's own profile (E2: everyone has their profile page). */
export async function getOwnProfile(viewer: Pick<Viewer, "id">): Promise<OwnProfile | null> {
  const db = await getDb();
  const [person] = await db
    .select({ name: people.name, email: people.email, audience: people.audience, mobile: people.mobile, location: locations.name })
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
  const contains = `%${escaped}%`;
  const startsWith = `${escaped}%`;
  const wordStart = `% ${escaped}%`;
  return db
    .select(columns)
    .from(people)
    .where(
      and(
        sql`(${people.name} ilike ${contains} escape '\\' or ${people.email} ilike ${contains} escape '\\')`,
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
