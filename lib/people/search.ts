import "server-only";
/** The people search the pickers and the user table's search box share (M1, P5, S2). */
import { type SQL, and, asc, eq, notInArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { people } from "@/db/schema";
import { isUuid } from "@/db/sql";

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
    /** A further condition on `people` rows that narrows the answer (E6: people who can view the item). */
    where?: SQL;
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
    options.where,
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
