import "server-only";
/**
 * D4: suggestions as one types in the header's search box — titles of content, sections,
 * groups, people and teams that start with (content: whose title has words starting with) the
 * words typed — each through the same access predicate as its own listing: published items
 * the viewer may view, sections they may view, groups they may see (never a secret group to
 * a non-member), people only where the directory is open to them (and as it lists them),
 * teams only where they may open the Teams directory, locations only where the Locations
 * directory is open to them (E5). At most SUGGEST_EACH of each.
 */
import { sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { escapeLike } from "@/lib/people/search";
import { isVisibleGroupRow, visiblePublishedContent, visibleSections } from "@/lib/access/filters";
import { externalMayUse } from "@/lib/access/external-access";
import { canViewTeams, isVisibleTeamId } from "@/lib/access/teams";
import type { AccessSubject } from "@/lib/access/types";
import { listPeople } from "@/lib/people/directory";
import { type ContentSearchType, SUGGEST_MIN } from "./params";

export const SUGGEST_EACH = 5;

export interface Suggestions {
  content: { id: string; title: string; type: ContentSearchType }[];
  sections: { slug: string; title: string }[];
  groups: { slug: string; name: string }[];
  people: { id: string; name: string; jobTitle: string | null }[];
  teams: { key: string; name: string }[];
  locations: { id: number; name: string }[];
}

export const NO_SUGGESTIONS: Suggestions = { content: [], sections: [], groups: [], people: [], teams: [], locations: [] };

/**
 * The words typed as a prefix query on titles only (weight A): "budg mee" → 'budg':*A & 'mee':*A.
 * Only letters and digits are kept, so what reaches to_tsquery has no syntax of its own.
 */
export function titlePrefixQuery(text: string): string | null {
  const words = (text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  return words.length ? words.map((w) => `'${w.toLowerCase()}':*A`).join(" & ") : null;
}

/** Which of the directories' names the viewer may be suggested (read before the statement). */
export interface SuggestionDirectories {
  teams: boolean;
  locations: boolean;
}

/**
 * The one statement of the suggestions but people's (which the people directory's own query
 * finds): what suggest() runs, and what the benchmark EXPLAINs (target ≤ 10 ms). `typed` is at
 * least SUGGEST_MIN characters, trimmed.
 */
export function suggestionsStatement(viewer: AccessSubject, typed: string, directories: SuggestionDirectories, withContent = true) {
  const prefix = withContent ? titlePrefixQuery(typed) : null;
  const like = `%${escapeLike(typed)}%`;
  const groupVisible = isVisibleGroupRow(viewer, { id: sql`g_s.id`, visibility: sql`g_s.visibility` });
  const contentPart = prefix
    ? sql`(select coalesce(json_agg(c_s), '[]') from (
        select content.id, content.title, content.type from content
        where content.search_vector @@ to_tsquery('portico_search', ${prefix}) and ${visiblePublishedContent(viewer)}
        order by content.published_at desc nulls last, content.id desc nulls last limit ${SUGGEST_EACH}) c_s)`
    : sql`'[]'::json`;
  return sql`select
      ${contentPart} as content,
      (select coalesce(json_agg(s_s), '[]') from (
        select sections.slug, sections.title from sections
        where sections.title ilike ${like} escape '\\' and ${visibleSections(viewer)}
        order by sections.title, sections.id limit ${SUGGEST_EACH}) s_s) as sections,
      (select coalesce(json_agg(gr), '[]') from (
        select g_s.slug, g_s.name from groups g_s
        where g_s.name ilike ${like} escape '\\' and ${groupVisible}
        order by g_s.name, g_s.id limit ${SUGGEST_EACH}) gr) as groups,
      ${
        directories.teams
          ? sql`(select coalesce(json_agg(t_s), '[]') from (
        select teams.key, teams.name from teams
        where teams.name ilike ${like} escape '\\' and ${isVisibleTeamId(viewer, sql`teams.id`)}
        order by teams.name, teams.id limit ${SUGGEST_EACH}) t_s)`
          : sql`'[]'::json`
      } as teams,
      ${
        directories.locations
          ? sql`(select coalesce(json_agg(l_s), '[]') from (
        select locations.id, locations.name from locations
        where locations.name ilike ${like} escape '\\'
        order by locations.name, locations.id limit ${SUGGEST_EACH}) l_s)`
          : sql`'[]'::json`
      } as locations`;
}

/**
 * `withContent: false`: the sections, groups, people and teams only (the search page, which
 * lists content itself).
 */
export async function suggest(viewer: AccessSubject, text: string, given?: Db, options: { withContent?: boolean } = {}): Promise<Suggestions> {
  const typed = text.trim();
  if (typed.length < SUGGEST_MIN) return NO_SUGGESTIONS;
  const db = given ?? (await getDb());
  const [mayUsePeople, mayUseTeams, mayUseLocations] = await Promise.all([
    externalMayUse(viewer, "users", db),
    canViewTeams(viewer, db),
    externalMayUse(viewer, "locations", db),
  ]);
  const statement = suggestionsStatement(viewer, typed, { teams: mayUseTeams, locations: mayUseLocations }, options.withContent !== false);
  const [rows, people] = await Promise.all([
    db.execute(statement),
    mayUsePeople ? listPeople(viewer, { q: typed, team: null, location: null, audience: "all", after: null }, SUGGEST_EACH) : null,
  ]);
  const [row] = rowsOf<Record<keyof Suggestions, unknown>>(rows);
  const json = <T>(value: unknown): T[] => (typeof value === "string" ? (JSON.parse(value) as T[]) : ((value as T[] | null) ?? []));
  return {
    content: json(row?.content),
    sections: json(row?.sections),
    groups: json(row?.groups),
    teams: json(row?.teams),
    locations: json(row?.locations),
    people: (people?.items ?? []).map((p) => ({ id: p.id, name: p.name, jobTitle: p.jobTitle })),
  };
}
