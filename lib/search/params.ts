/**
 * /search's address parameters (D4): the words, the type, section and group filters, the
 * date range, the order and the page, read from the query string. Anything unknown reads as
 * "any"; a refused search text as none, with its message. Client-safe (the page's form and
 * the header's box show the messages).
 */
import { tagParam } from "@/lib/tags/schemas";
import { hasControlCharacters, searchText } from "@/lib/validation/text";

export const SEARCH_MAX = 200;
/** The header's suggestions start from this many characters (one letter would match half the portal). */
export const SUGGEST_MIN = 2;
const searchWords = searchText(SEARCH_MAX, `Search for at most ${SEARCH_MAX} characters.`);

/** C1's types, in the order the type filter offers them. */
export const CONTENT_SEARCH_TYPES = ["news", "blog", "page", "policy", "event", "poll"] as const;
export type ContentSearchType = (typeof CONTENT_SEARCH_TYPES)[number];
/** What else search finds (D4): group files (G7), ideas (G8), wall posts and queries. */
export const APP_SEARCH_TYPES = ["file", "idea", "wall", "query"] as const;
export type AppSearchType = (typeof APP_SEARCH_TYPES)[number];
export const SEARCH_TYPES = [...CONTENT_SEARCH_TYPES, ...APP_SEARCH_TYPES] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  news: "News",
  blog: "Blog posts",
  page: "Pages",
  policy: "Policies",
  event: "Events",
  poll: "Polls",
  file: "Group files",
  idea: "Ideas",
  wall: "Wall posts",
  query: "Queries",
};
/** One hit's type, as its line in the results names it. */
export const SEARCH_HIT_LABELS: Record<SearchType, string> = {
  news: "News",
  blog: "Blog post",
  page: "Page",
  policy: "Policy",
  event: "Event",
  poll: "Poll",
  file: "Group file",
  idea: "Idea",
  wall: "Wall post",
  query: "Query",
};

export const isContentSearchType = (type: SearchType): type is ContentSearchType => (CONTENT_SEARCH_TYPES as readonly string[]).includes(type);

export const SEARCH_SORTS = ["relevance", "newest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_SORT_LABELS: Record<SearchSort, string> = { relevance: "Best match", newest: "Newest first" };

/** Pages of results are numbered, and bounded: past this, narrow the search. */
export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGES = 25;

export interface SearchParams {
  /** The words as typed (trimmed); empty for none, also when what was typed was refused. */
  q: string;
  type: SearchType | null;
  /** A section's slug: items in it or below it, homed or shared there. */
  section: string | null;
  /** A group's slug: items homed in it. */
  group: string | null;
  /** D7: items with this tag (as stored: lib/tags/schemas.ts). */
  tag: string | null;
  /** Items written by this person (their id). */
  author: string | null;
  /** Dates as yyyy-mm-dd, inclusive, in the site's time (UTC). */
  from: string | null;
  to: string | null;
  sort: SearchSort;
  /** 1-based, at most SEARCH_MAX_PAGES. */
  page: number;
  /** Why the words typed were not searched for, or a date was refused: shown beside the form. */
  error: string | null;
}

const one = (value: string | string[] | undefined): string | undefined => (typeof value === "string" ? value : undefined);
const slug = (value: string | undefined): string | null => (value && value.length <= 200 && !hasControlCharacters(value) ? value : null);
const personId = (value: string | undefined): string | null => (value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : null);

/** A calendar date that exists (2026-02-30 does not), or null. */
function isoDate(value: string | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

export function searchParams(raw: Record<string, string | string[] | undefined>): SearchParams {
  const words = searchWords.safeParse(one(raw.q) ?? "");
  const type = SEARCH_TYPES.find((t) => t === one(raw.type)) ?? null;
  const sort = SEARCH_SORTS.find((s) => s === one(raw.sort)) ?? "relevance";
  const pageNumber = Number(one(raw.page) ?? "1");
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 ? Math.min(pageNumber, SEARCH_MAX_PAGES) : 1;
  const fromRaw = one(raw.from) || undefined;
  const toRaw = one(raw.to) || undefined;
  let from = isoDate(fromRaw);
  let to = isoDate(toRaw);
  let error: string | null = words.success ? null : (words.error.issues[0]?.message ?? "This search could not be used.");
  if (!error && ((fromRaw && !from) || (toRaw && !to))) error = "Give dates as day, month and year, for example 2026-03-31.";
  if (!error && from && to && from > to) error = "The “from” date is after the “to” date. Give the earlier date first.";
  // A date that was refused narrows nothing: the search runs without the range, the message says why.
  if (error) [from, to] = [null, null];
  return {
    q: words.success ? words.data : "",
    type,
    section: slug(one(raw.section)),
    group: slug(one(raw.group)),
    tag: tagParam(one(raw.tag)),
    author: personId(one(raw.author)),
    from,
    to,
    sort,
    page,
    error,
  };
}

/** The parameters a link keeps (filters and words), for the pager, the type facets and the order. */
export function keptSearchParams(params: SearchParams, change: Partial<Record<"type" | "sort" | "page" | "tag" | "author", string | null>> = {}): Record<string, string> {
  const kept: Record<string, string> = {};
  const set = (key: string, value: string | null | undefined) => {
    if (value) kept[key] = value;
  };
  set("q", params.q);
  set("type", "type" in change ? change.type : params.type);
  set("section", params.section);
  set("group", params.group);
  set("tag", "tag" in change ? change.tag : params.tag);
  set("author", "author" in change ? change.author : params.author);
  set("from", params.from);
  set("to", params.to);
  const sort = "sort" in change ? change.sort : params.sort;
  if (sort && sort !== "relevance") kept.sort = sort;
  const page = "page" in change ? change.page : null;
  if (page && page !== "1") kept.page = page;
  return kept;
}
