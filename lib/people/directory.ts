import "server-only";
/**
 * The people directory and profile pages (P5, P6, E2, E4, E5, K4). Every read ANDs in
 * mayViewProfile (lib/access/profiles.ts) in the same query that reads the people: a person
 * the viewer may not view is never read, not even their name (blocked people only for
 * webmasters). Whether the viewer may use the directory at all (E5) is the page's
 * requireExternalApp("users"); a profile page asks mayViewProfile alone, so everyone has
 * their own (E2).
 * Other queries name a person with a link through ./profile-link.ts.
 */
import { type SQL, and, asc, eq, or, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { jsonColumn, qualified } from "@/db/sql";
import { content, locations, people, teams } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { mayViewProfile } from "@/lib/access/profiles";
import { isVisibleTeamId } from "@/lib/access/teams";
import type { AccessSubject } from "@/lib/access/types";
import { type Page, type ContentSummary, listSummaries } from "@/lib/content/listings";
import { type Lookup, NOT_FOUND, ok } from "@/lib/lookup";
import { isUuid } from "@/db/sql";
import type { PeopleDirectoryParams } from "./directory-params";
import { type SearchPlan, matchesPlan, planSearch } from "./directory-search";

export const PEOPLE_PAGE_SIZE = 24;
/** A card names this many of a person's teams (by name); a profile page this many. */
export const TEAMS_ON_CARD = 4;
export const TEAMS_ON_PROFILE = 50;
export const PROFILE_CONTENT_PAGE_SIZE = 10;
/** How many teams and locations the filters offer at most. */
const CHOICES_LIMIT = 300;
/**
 * The team filter offers the upper levels of the team tree (departments, their divisions and
 * their teams: P5's filter includes every team below the one chosen). A large organisation's
 * thousands of small teams would make the list unusable and the page heavy; people are found
 * by any team's name through the search box, and a team's own page lists its members.
 */
const FILTER_TEAM_DEPTH = 2;

export interface PersonTeam {
  key: string;
  name: string;
  /** The viewer may open the team's page (P5, E5). */
  linked: boolean;
}

export interface PersonLocation {
  id: number;
  key: string;
  name: string;
}

export interface PersonCard {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  /** Only webmasters ever see a blocked person (mayViewProfile). */
  blocked: boolean;
  jobTitle: string | null;
  organisation: string | null;
  workPhone: string | null;
  imageId: string | null;
  location: PersonLocation | null;
  teams: PersonTeam[];
  /** How many teams the person is in (a card names the first TEAMS_ON_CARD). */
  teamCount: number;
}

/** The keyset of the directory's name order. */
const directoryCursor = cursorCodec({ name: "text", id: "uuid" });

// Qualified: inside a subquery an unqualified "id" would name the subquery's own table's column.
const personRef = qualified("people", "id");

/** A person's teams, by name, each linked when the viewer may open it, as one JSON column. */
function teamsColumn(viewer: AccessSubject, limit: number): SQL<PersonTeam[] | string | null> {
  return sql<PersonTeam[] | string | null>`(select coalesce(json_agg(json_build_object('key', t_p.key, 'name', t_p.name, 'linked', t_p.linked) order by t_p.name, t_p.key), '[]')
    from (select t_c.key, t_c.name, (${isVisibleTeamId(viewer, sql`t_c.id`)}) as linked
      from team_members tm_c join teams t_c on t_c.id = tm_c.team_id
      where tm_c.person_id = ${personRef}
      order by t_c.name, t_c.key
      limit ${limit}) t_p)`;
}

const teamCountColumn = sql<number>`(select count(*)::int from team_members tm_n where tm_n.person_id = ${personRef})`;

const locationColumn = sql<PersonLocation | string | null>`(select json_build_object('id', l_p.id, 'key', l_p.key, 'name', l_p.name) from locations l_p where l_p.id = ${qualified("people", "location_id")})`;

/** People in the team of this key or any team below it (P5: a department includes its teams). */
function inTeam(key: string): SQL {
  return sql`${people.id} in (
    select tm_f.person_id from teams t_f
      join team_closure tc_f on tc_f.ancestor_id = t_f.id
      join team_members tm_f on tm_f.team_id = tc_f.descendant_id
    where t_f.key = ${key})`;
}

/**
 * The directory's page query (a page and one more row), unexecuted, so benchmarks can EXPLAIN
 * it; `match` is the search's plan (./directory-search.ts), null without a search.
 */
export function peopleDirectoryQuery(
  db: Db,
  viewer: AccessSubject,
  params: Pick<PeopleDirectoryParams, "team" | "location" | "audience" | "after">,
  limit: number,
  match: SearchPlan | null,
) {
  const after = directoryCursor.decode(params.after);
  return (
    db
      .select({
        id: people.id,
        name: people.name,
        email: people.email,
        audience: people.audience,
        blocked: people.blocked,
        jobTitle: people.jobTitle,
        organisation: people.organisation,
        workPhone: people.workPhone,
        imageId: people.imageId,
        location: locationColumn,
        teams: teamsColumn(viewer, TEAMS_ON_CARD),
        teamCount: teamCountColumn,
      })
      .from(people)
      .where(
        and(
          mayViewProfile(viewer, people.id, people.blocked),
          match ? matchesPlan(match) : undefined,
          params.team ? inTeam(params.team) : undefined,
          params.location ? sql`${people.locationId} = (select l_f.id from locations l_f where l_f.key = ${params.location})` : undefined,
          params.audience !== "all" ? eq(people.audience, params.audience) : undefined,
          after ? sql`(${people.name}, ${people.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(people.name), asc(people.id))
      .limit(limit + 1)
  );
}

/** A page of the directory in name order: only people the viewer may view (E4, E5), blocked ones for webmasters only. */
export async function listPeople(
  viewer: AccessSubject,
  params: Pick<PeopleDirectoryParams, "q" | "team" | "location" | "audience" | "after">,
  limit = PEOPLE_PAGE_SIZE,
): Promise<Page<PersonCard>> {
  const db = await getDb();
  const match = params.q ? await planSearch(db, params.q) : null;
  const rows = await peopleDirectoryQuery(db, viewer, params, limit, match);
  const items = rows.slice(0, limit).map((r) => ({
    ...r,
    location: jsonColumn(r.location),
    teams: jsonColumn(r.teams) ?? [],
    teamCount: Number(r.teamCount ?? 0),
  }));
  const last = rows.length > limit ? items[items.length - 1]! : null;
  return { items, next: last ? directoryCursor.encode({ name: last.name, id: last.id }) : null };
}

export interface DirectoryChoices {
  /** The teams the viewer may see (E5: an external person without the Teams switch, the ones they administer). */
  teams: { key: string; name: string }[];
  locations: { key: string; name: string }[];
}

/** What the directory's filters offer: the upper levels of the teams the viewer may see, and the team already chosen (`chosenTeam`) wherever it is. */
export async function listDirectoryChoices(viewer: AccessSubject, chosenTeam: string | null = null): Promise<DirectoryChoices> {
  const db = await getDb();
  const upperLevels = sql`${teams.id} in (select tc_u.descendant_id from team_closure tc_u join teams t_root on t_root.id = tc_u.ancestor_id
    where t_root.parent_id is null and tc_u.depth <= ${FILTER_TEAM_DEPTH})`;
  const [teamRows, locationRows] = await Promise.all([
    db
      .select({ key: teams.key, name: teams.name })
      .from(teams)
      .where(and(isVisibleTeamId(viewer, teams.id), chosenTeam ? or(upperLevels, eq(teams.key, chosenTeam)) : upperLevels))
      .orderBy(asc(teams.name), asc(teams.key))
      .limit(CHOICES_LIMIT),
    db.select({ key: locations.key, name: locations.name }).from(locations).orderBy(asc(locations.name), asc(locations.key)).limit(CHOICES_LIMIT),
  ]);
  return { teams: teamRows, locations: locationRows };
}

export interface Profile extends Omit<PersonCard, "teamCount"> {
  /** Only when the person chose to show it (P6: people.show_mobile); otherwise never read. */
  mobile: string | null;
  about: string | null;
  isSelf: boolean;
  /** The viewer follows this person (K4). */
  following: boolean;
  /** K4 E4 E5: another person whose profile the viewer may view may be followed (the action decides again). */
  mayFollow: boolean;
}

/**
 * A person's profile page as the viewer may see it, or not-found — for an unknown id, and,
 * answered identically, for a person whose profile the viewer may not view (E4, E5,
 * blocked): nothing of them leaves the database.
 */
export async function getProfile(viewer: AccessSubject, personId: string): Promise<Lookup<Profile>> {
  if (!isUuid(personId)) return NOT_FOUND;
  const db = await getDb();
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      audience: people.audience,
      blocked: people.blocked,
      jobTitle: people.jobTitle,
      organisation: people.organisation,
      workPhone: people.workPhone,
      mobile: sql<string | null>`case when ${people.showMobile} then ${people.mobile} end`,
      about: people.about,
      imageId: people.imageId,
      location: locationColumn,
      teams: teamsColumn(viewer, TEAMS_ON_PROFILE),
      following: sql<boolean>`exists (select 1 from follows fo_p where fo_p.followed_person_id = ${personRef} and fo_p.person_id = ${viewer.id})`,
    })
    .from(people)
    .where(and(eq(people.id, personId.toLowerCase()), mayViewProfile(viewer, people.id, people.blocked)))
    .limit(1);
  if (!row) return NOT_FOUND;
  const isSelf = row.id === viewer.id;
  return ok({
    ...row,
    location: jsonColumn(row.location),
    teams: jsonColumn(row.teams) ?? [],
    following: row.following === true,
    isSelf,
    mayFollow: !isSelf,
  });
}

/**
 * The published items a person wrote that the viewer can view (C2, C4), most recently
 * changed first, in keyset pages along content_author_idx. The caller has found the
 * profile with getProfile (a person one may not view has no page to list anything on).
 */
export function listPersonContent(viewer: AccessSubject, personId: string, cursor?: string | null, limit = PROFILE_CONTENT_PAGE_SIZE): Promise<Page<ContentSummary>> {
  return listSummaries(viewer, and(eq(content.authorId, personId), eq(content.status, "published")), "updated", cursor, limit);
}
