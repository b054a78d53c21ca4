/**
 * The groups directory's address parameters (G1): the filter, the search box and the page
 * cursor, read from the query string. Client-safe (the page's form shows the messages).
 */
import { searchText } from "@/lib/validation/text";

/** "Secret" is offered to webmasters only; anyone else meets their secret groups under My groups (G1). */
export const GROUP_FILTERS = ["all", "mine", "public", "private", "secret"] as const;
export type GroupFilter = (typeof GROUP_FILTERS)[number];

export const GROUP_FILTER_LABELS: Record<GroupFilter, string> = {
  all: "All groups",
  mine: "My groups",
  public: "Public groups",
  private: "Private groups",
  secret: "Secret groups",
};

/** The filters a viewer is offered: Secret only to webmasters, who see every group (G1). */
export function groupFiltersFor(viewer: { isWebmaster: boolean }): GroupFilter[] {
  return GROUP_FILTERS.filter((f) => f !== "secret" || viewer.isWebmaster);
}

export const GROUP_SEARCH_MAX = 100;
const groupSearch = searchText(GROUP_SEARCH_MAX, `Search for at most ${GROUP_SEARCH_MAX} characters of a group's name.`);

export interface GroupDirectoryParams {
  filter: GroupFilter;
  /** The name to search for; empty for none (also when the text typed was refused). */
  q: string;
  after: string | null;
  /** Why the text typed was not searched for, to show beside the search box. */
  searchError: string | null;
}

const one = (value: string | string[] | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/** The directory's parameters from a query string: unknown filters read as All, a refused search as none, with its message. */
export function groupDirectoryParams(raw: Record<string, string | string[] | undefined>, viewer: { isWebmaster: boolean }): GroupDirectoryParams {
  const asked = one(raw.filter);
  const filter = groupFiltersFor(viewer).find((f) => f === asked) ?? "all";
  const search = groupSearch.safeParse(one(raw.q) ?? "");
  const after = one(raw.after);
  return {
    filter,
    q: search.success ? search.data : "",
    after: after && after.length <= 600 ? after : null,
    searchError: search.success ? null : (search.error.issues[0]?.message ?? "This search could not be used."),
  };
}
