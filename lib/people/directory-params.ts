/**
 * The people directory's address parameters (P5, P6, E5): the search box, the team,
 * location and audience filters and the page cursor, read from the query string.
 * Client-safe (the page's form shows the messages).
 */
import { hasControlCharacters, searchText } from "@/lib/validation/text";

export const PEOPLE_SEARCH_MAX = 100;
const peopleSearch = searchText(PEOPLE_SEARCH_MAX, `Search for at most ${PEOPLE_SEARCH_MAX} characters of a name, job title, team, location, department or organisation.`);

/** "Audience" is offered to organisational viewers (and webmasters) only. */
export const AUDIENCE_FILTERS = ["all", "organisational", "external"] as const;
export type AudienceFilter = (typeof AUDIENCE_FILTERS)[number];
export const AUDIENCE_FILTER_LABELS: Record<AudienceFilter, string> = {
  all: "Everyone",
  organisational: "Organisational people",
  external: "External people",
};

export interface PeopleDirectoryParams {
  /** The text to search for; empty for none (also when the text typed was refused). */
  q: string;
  /** A team's key, or null for any team. */
  team: string | null;
  /** A location's key, or null for any location. */
  location: string | null;
  audience: AudienceFilter;
  after: string | null;
  /** Why the text typed was not searched for, to show beside the search box. */
  searchError: string | null;
}

const one = (value: string | string[] | undefined): string | undefined => (typeof value === "string" ? value : undefined);
/** A team's or location's key as the address carries it (at most 100 characters, no control characters): anything else reads as "any". */
const key = (value: string | undefined): string | null => (value && value.length <= 100 && !hasControlCharacters(value) ? value : null);

/** The directory's parameters: unknown filters read as "any", a refused search as none, with its message. */
export function peopleDirectoryParams(raw: Record<string, string | string[] | undefined>, viewer: { audience: "organisational" | "external"; isWebmaster: boolean }): PeopleDirectoryParams {
  const search = peopleSearch.safeParse(one(raw.q) ?? "");
  const asked = one(raw.audience);
  const offersAudience = viewer.isWebmaster || viewer.audience === "organisational";
  const after = one(raw.after);
  return {
    q: search.success ? search.data : "",
    team: key(one(raw.team)),
    location: key(one(raw.location)),
    audience: offersAudience ? (AUDIENCE_FILTERS.find((a) => a === asked) ?? "all") : "all",
    after: after && after.length <= 600 ? after : null,
    searchError: search.success ? null : (search.error.issues[0]?.message ?? "This search could not be used."),
  };
}
