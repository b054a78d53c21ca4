/**
 * D2 D4: search, as the search page (/search) answers it: the same parameters, read by the
 * page's own reader (lib/search/params.ts) once they are checked here, and the same search
 * (lib/search/content-search.ts) as the token's person. External people have no search (E4).
 */
import { z } from "zod";
import { SEARCH_MAX, SEARCH_MAX_PAGES, SEARCH_PAGE_SIZE, SEARCH_SORTS, SEARCH_TYPES } from "@/lib/search/params";
import { TAG_MAX, tagParam } from "@/lib/tags/schemas";
import { hasControlCharacters, searchText } from "@/lib/validation/text";
import { defineEndpoint } from "../endpoint";
import { groupLink, isoTime, named, sectionLink } from "../schemas";

const once = (field: string) => `Give ${field} once, as text.`;

/** A calendar date as yyyy-mm-dd that exists (2026-02-30 does not). */
const calendarDate = (field: string) =>
  z
    .string({ error: once(field) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Give dates as year, month and day, for example 2026-03-31.")
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }, "This date does not exist: give a day of the calendar, for example 2026-03-31.")
    .optional();

/** A section's or group's address as the filter takes it. */
const placeSlug = (field: string, what: string) =>
  z
    .string({ error: once(field) })
    .max(200, `Give a ${what}'s address of at most 200 characters.`)
    .refine((value) => !hasControlCharacters(value), `Give a ${what}'s address without control characters.`)
    .optional();

export const searchQuery = z
  .object({
    q: searchText(SEARCH_MAX, `Search for at most ${SEARCH_MAX} characters.`)
      .optional()
      .meta({
        description: 'D4: the words, as typed in the search box: every word must appear; "a phrase" in quotes; -word leaves a word out. Without any, nothing is searched (outcome `none`).',
      }),
    type: z
      .enum(SEARCH_TYPES, { error: `Give type as one of: ${SEARCH_TYPES.join(", ")}.` })
      .optional()
      .meta({ description: "Only hits of this type: a content type (C1), or group files, ideas, wall posts or queries." }),
    section: placeSlug("section", "section").meta({
      description: "A section's slug: only items in it or in the sections below it, homed or shared there. One the caller may not view is not searched in (`unknownPlace`), as on the page.",
    }),
    group: placeSlug("group", "group").meta({
      description: "A group's slug: only items and files of that group. One the caller may not see is not searched in (`unknownPlace`: a secret group is not told apart from none, G1).",
    }),
    author: z.uuid({ error: "Give author as a person's id." }).optional().meta({ description: "A person's id: only what they wrote (asked, uploaded)." }),
    tag: z
      .string({ error: once("tag") })
      .refine((value) => tagParam(value) !== null, `Give a tag of at most ${TAG_MAX} characters, without commas.`)
      .optional()
      .meta({ description: "D7: only what carries this tag (case and spaces as tags are stored)." }),
    from: calendarDate("from").meta({ description: "Only what is dated on or after this day (yyyy-mm-dd, the site's time): published, or last changed." }),
    to: calendarDate("to").meta({ description: "Only what is dated on or before this day (yyyy-mm-dd)." }),
    sort: z
      .enum(SEARCH_SORTS, { error: "Give sort as relevance or newest." })
      .optional()
      .meta({ description: "relevance (the default: title matches above body matches, D4) or newest." }),
    page: z
      .string({ error: once("page") })
      .regex(/^[1-9][0-9]*$/, "Give page as a whole number from 1.")
      .refine((value) => Number(value) <= SEARCH_MAX_PAGES, `There are at most ${SEARCH_MAX_PAGES} pages of results: narrow the search to find more.`)
      .optional()
      .meta({ description: `The page of results, from 1 (${SEARCH_PAGE_SIZE} a page; at most ${SEARCH_MAX_PAGES}).` }),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The “from” date is after the “to” date. Give the earlier date first." });
    }
  });

export const highlightSegmentSchema = named(
  "HighlightSegment",
  z
    .object({ text: z.string(), marked: z.boolean().meta({ description: "These are words the search matched." }) })
    .meta({ description: "A run of plain text (never markup), marked or not." }),
);

const highlighted = (what: string) => z.array(highlightSegmentSchema).meta({ description: `${what} in runs, the matched words marked.` });

export const searchHitSchema = named(
  "SearchHit",
  z
    .object({
      id: z.uuid().meta({ description: "The hit's id: an item's for /content/{id}; a group file's, idea's, wall post's or query's in its own app." }),
      type: z.enum(SEARCH_TYPES),
      status: z.enum(["draft", "published"]).meta({ description: "A draft only to those who may see it (C2)." }),
      title: z.string().meta({ description: "Its title or a file's name, as plain text; empty for a wall post, which has none (name it by its author)." }),
      extract: z.string().meta({ description: "A few words of its text around the matches, as plain text." }),
      highlights: z.object({ title: highlighted("The title"), extract: highlighted("The extract") }),
      publishedAt: isoTime.nullable().meta({ description: "When it was published (posted, submitted, asked); a group file's last change." }),
      updatedAt: isoTime,
      section: sectionLink.nullable().meta({ description: "Its home section when the caller may view it, else a section it is shared into that they may view." }),
      group: groupLink.nullable().meta({ description: "Its group (an item's home group, a file's group), only when the caller may see that group." }),
      author: z
        .object({ id: z.uuid().meta({ description: "Their id, to narrow a search to what they wrote (?author=)." }), name: z.string() })
        .nullable()
        .meta({ description: "Who wrote (asked, uploaded) it; null when their account is gone." }),
    })
    .meta({ description: "A search hit: something the caller may open (C4)." }),
);

export const searchNamesSchema = named(
  "SearchNames",
  z
    .object({
      sections: z.array(sectionLink).meta({ description: "Sections the caller may view." }),
      groups: z.array(groupLink).meta({ description: "Groups the caller may see (never a secret group to a non-member, G1)." }),
      people: z
        .array(z.object({ id: z.uuid(), name: z.string(), jobTitle: z.string().nullable() }))
        .meta({ description: "People, where the directory is open to the caller (P6, E5)." }),
      teams: z.array(z.object({ key: z.string(), name: z.string() })).meta({ description: "Teams, where the caller may open the Teams directory (E5)." }),
      locations: z.array(z.object({ id: z.number().int(), name: z.string() })).meta({ description: "Locations, where the Locations directory is open to the caller (E5)." }),
    })
    .meta({ description: "D4: sections, groups, people, teams and locations whose names hold the words, a few of each, each as its own directory shows it to the caller." }),
);

export const searchResultsSchema = named(
  "SearchResults",
  z
    .object({
      outcome: z.enum(["results", "none", "no-words"]).meta({
        description: "results: the search ran (maybe finding nothing); none: no words were given; no-words: the words hold nothing to search for (only very common words, or punctuation).",
      }),
      q: z.string().meta({ description: "The words searched for, trimmed." }),
      hits: z.array(searchHitSchema).meta({ description: "This page's hits, best match (or newest) first." }),
      total: z.number().int().meta({ description: "Hits of the type asked for (all types when none) that the caller may open; at least this many when `broad`." }),
      byType: z
        .record(z.enum(SEARCH_TYPES), z.number().int())
        .meta({ description: "Hits of each type, before the type filter (the page's type facets); lower bounds when `broad`." }),
      broad: z.boolean().meta({ description: "So many things match that the most recent are ranked: counts are lower bounds. Add a word or a filter to find older ones." }),
      page: z.number().int().meta({ description: "This page's number." }),
      pageCount: z.number().int().meta({ description: `How many pages of results there are (at most ${SEARCH_MAX_PAGES}; 0 unless outcome is results).` }),
      section: sectionLink.nullable().meta({ description: "The section searched in, when one was asked for and the caller may view it." }),
      group: groupLink.nullable().meta({ description: "The group searched in, when one was asked for and the caller may see it." }),
      author: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: "The author filter's person, when one was asked for and exists." }),
      unknownPlace: z.boolean().meta({ description: "A section or group was asked for that the caller may not search in, or that does not exist: everywhere was searched instead." }),
      names: searchNamesSchema.nullable().meta({ description: "Names that match: on the first page of a search with words and no filter, as on the search page; null otherwise." }),
    })
    .meta({ description: "A search's answer, as the search page shows it to the caller (D4, C4)." }),
);

export const search = defineEndpoint({
  operationId: "search",
  method: "get",
  path: "/search",
  summary: "Search",
  description:
    "Search everything the caller may open, as the search page does (D4, C4): items of every type, group files, ideas, wall posts and queries, with the page's filters (type, section, group, author, tag, dates) and order, a page at a time; the matched words marked; and names of sections, groups, people, teams and locations that match. Every hit, count and extract passes the same access rules as the pages; secret groups never appear to non-members. External people have no search (E4).",
  needs: "read",
  query: searchQuery,
  response: searchResultsSchema,
  forbidden: "External people have no search (E4).",
});
