import "server-only";
/**
 * D4 C4: full-text search of content (every type, in sections and groups) for one viewer,
 * with access decided by the same predicate as every listing (visibleContent, C2–C4) in the
 * same query that finds, counts, ranks and highlights: no hit, count, facet count or extract
 * comes from an item the viewer may not view. Words are read by websearch_to_tsquery (all
 * words required, "quoted phrases", -word to exclude; it never fails on syntax) in the
 * portico_search configuration (stemming, accents folded: drizzle/0027_content_search.sql).
 *
 * Kept fast at any number of matches by choosing how to find them, as the people directory
 * does (lib/people/directory-search.ts):
 *   - first, one query reads the words' matches along the GIN index, with the filters but not
 *     access, stopping after BROAD_MATCHES + 1;
 *   - a narrow search (at most BROAD_MATCHES: a rare word, a phrase) ranks all its visible
 *     matches exactly;
 *   - a broad one (a common word) ranks the BROAD_MATCHES newest visible published matches
 *     (read along the newest-first index, testing each item as it passes) and the viewer's
 *     newest matching drafts: ranking every one of a hundred thousand matches would cost far
 *     more than a page is worth, and a person searching a common word wants the recent ones.
 *     Its count then says "more than".
 */
import { type SQL, and, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { jsonColumn } from "@/db/sql";
import { content } from "@/db/schema";
import { isVisibleGroupRow, sectionsWithRole, visibleContent, visiblePublishedContent, visibleSections } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import { type GroupPlace, itemPlaceColumns } from "@/lib/content/listings";
import { appCandidatesStatement, appHitsStatement, scoreOf } from "./app-hits";
import { APP_SEARCH_TYPES, SEARCH_PAGE_SIZE, SEARCH_TYPES, type SearchParams, type SearchType } from "./params";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "./highlight";

/** E4: search is for organisational people (and webmasters); external people have none: the "search.use" policy's rule (lib/access/policies.ts), for code that has no database at hand. */
export function maySearch(viewer: Pick<AccessSubject, "audience" | "isWebmaster">): boolean {
  return viewer.isWebmaster || viewer.audience === "organisational";
}

/** A search with more matches than this (before access) is broad: see above. */
export const BROAD_MATCHES = 500;
/** A broad search also ranks at most this many of the viewer's newest matching drafts. */
const BROAD_DRAFTS = 50;
/** How much of a body the extract is cut from (ts_headline parses all it is given). */
const EXTRACT_SOURCE_LENGTH = 20_000;
/** The two mark characters, removed from what is highlighted so that only ts_headline's marks are read as marks. */
const MARKS = HIGHLIGHT_START + HIGHLIGHT_END;

export interface SearchHit {
  id: string;
  type: SearchType;
  status: "draft" | "published";
  /** With the matched words between HIGHLIGHT_START and HIGHLIGHT_END (./highlight.ts). */
  title: string;
  extract: string;
  publishedAt: Date | null;
  updatedAt: Date;
  section: { slug: string; title: string } | null;
  group: GroupPlace | null;
  /** Who wrote it (asked, uploaded), to narrow the search to their items; null when their account is gone. */
  author: { id: string; name: string } | null;
}

export type SearchOutcome =
  /** E4: external people have no search (the page answers 403). */
  | { kind: "forbidden" }
  | { kind: "none" }
  /** Only common words ("the", "and") or no words at all (punctuation): nothing to look for. */
  | { kind: "no-words" }
  | {
      kind: "results";
      hits: SearchHit[];
      /** Matches the viewer may view, of the chosen type; a lower bound when `broad`. */
      total: number;
      /** Matches by type, before the type filter (the facets): lower bounds when `broad`. */
      byType: Record<SearchType, number>;
      broad: boolean;
      /** The section and group filters as found (null when not asked, or not one the viewer may see). */
      section: { slug: string; title: string } | null;
      group: { slug: string; name: string } | null;
      /** The author filter's person, by name (null when not asked, or no such person). */
      author: { id: string; name: string } | null;
      /** A section or group filter was asked for that the viewer may not see or does not exist. */
      unknownPlace: boolean;
    };

/** The words as a tsquery (websearch syntax, the portal's search configuration). */
export const tsqueryOf = (q: string) => sql`websearch_to_tsquery('portico_search', ${q})`;

/** The section and group filters resolved for this viewer (only what they may see), and the plan. */
async function plan(db: Db, viewer: AccessSubject, params: SearchParams, q: SQL) {
  const section = params.section
    ? sql`(select json_build_object('id', sections.id, 'slug', sections.slug, 'title', sections.title) from sections where sections.slug = ${params.section} and ${visibleSections(viewer)})`
    : sql`null::json`;
  const groupVisible = isVisibleGroupRow(viewer, { id: sql`g_f.id`, visibility: sql`g_f.visibility` });
  const group = params.group
    ? sql`(select json_build_object('id', g_f.id, 'slug', g_f.slug, 'name', g_f.name) from groups g_f where g_f.slug = ${params.group} and ${groupVisible})`
    : sql`null::json`;
  const author = params.author ? sql`(select p_f.name from people p_f where p_f.id = ${params.author}::uuid)` : sql`null::text`;
  const [row] = rowsOf<{ nodes: number; section: unknown; grp: unknown; author: string | null }>(
    await db.execute(sql`select numnode(${q}) as nodes, ${section} as section, ${group} as grp, ${author} as author`),
  );
  type Place<N extends string> = { id: number; slug: string } & Record<N, string>;
  return {
    nodes: Number(row?.nodes ?? 0),
    author: params.author && row?.author ? { id: params.author, name: row.author } : null,
    section: jsonColumn(row?.section as Place<"title"> | string | null),
    group: jsonColumn(row?.grp as Place<"name"> | string | null),
  };
}

/** The filters other than access and type, on `content`. */
function filters(params: SearchParams, section: { id: number } | null, group: { id: number } | null): SQL | undefined {
  const below = section ? sql`(select sc_f.descendant_id from section_closure sc_f where sc_f.ancestor_id = ${section.id})` : null;
  const at = sql`coalesce(${content.publishedAt}, ${content.updatedAt})`;
  return and(
    below
      ? sql`(${content.homeSectionId} in ${below} or exists (select 1 from content_shares cs_f where cs_f.content_id = ${content.id} and cs_f.section_id in ${below}))`
      : undefined,
    group ? sql`${content.homeGroupId} = ${group.id}` : undefined,
    params.tag ? sql`${content.tags} @> array[${params.tag}]::text[]` : undefined,
    params.author ? sql`${content.authorId} = ${params.author}::uuid` : undefined,
    params.from ? sql`${at} >= ${params.from}::date` : undefined,
    params.to ? sql`${at} < ${params.to}::date + 1` : undefined,
  );
}

/** How many items the words match with these filters, before access, stopping past BROAD_MATCHES. */
export function matchCountStatement(q: SQL, where: SQL | undefined, broadAt = BROAD_MATCHES): SQL {
  return sql`select count(*)::int as n from (select 1 from content where content.search_vector @@ ${q} ${where ? sql`and ${where}` : sql``} limit ${broadAt + 1}) m`;
}

/**
 * The candidates: visible matches with their score. Relevance is ts_rank with the title
 * weighted above the body (normalised by length, so a long body does not win by size alone),
 * raised up to half again for recent items (a quarter at three months old). Ids and types as
 * text, so the other kinds' candidates (./app-hits.ts) join the same list.
 */
export function candidatesStatement(viewer: AccessSubject, q: SQL, where: SQL | undefined, broad: boolean, broadAt = BROAD_MATCHES): SQL {
  const at = sql`coalesce(${content.publishedAt}, ${content.updatedAt})`;
  const columns = sql`${content.id}::text as id, ${content.type}::text as type, ${content.status}::text as status, ${content.publishedAt} as published_at,
    ${content.updatedAt} as updated_at, ${at} as at, ${scoreOf(sql`content.search_vector`, q, at)} as score`;
  const matches = sql`content.search_vector @@ ${q} ${where ? sql`and ${where}` : sql``}`;
  if (!broad) return sql`select ${columns} from content where ${matches} and ${visibleContent(viewer)}`;
  return sql`(select ${columns} from content where ${matches} and ${visiblePublishedContent(viewer)}
      order by ${content.publishedAt} desc nulls last, ${content.id} desc nulls last limit ${broadAt})
    union all
    (${broadDrafts(viewer, columns, matches)})`;
}

/**
 * A broad search's drafts: the viewer's newest BROAD_DRAFTS matching drafts, found from the
 * few places a draft can be theirs to see (C4: their own, their sections' as editor or
 * manager, S7, their groups' as admin, G6), each walked newest first along an index, rather
 * than testing every item that holds a common word. Webmasters see every draft: the newest
 * drafts, walked along content_drafts_idx.
 */
function broadDrafts(viewer: AccessSubject, columns: SQL, matches: SQL): SQL {
  const newest = sql`order by ${content.updatedAt} desc nulls last, ${content.id} desc nulls last limit ${BROAD_DRAFTS}`;
  const draft = sql`${content.status} = 'draft' and ${matches}`;
  if (viewer.isWebmaster) return sql`select ${columns} from content where ${draft} ${newest}`;
  return sql`select * from (
      (select ${columns} from content where ${content.authorId} = ${viewer.id} and ${draft} ${newest})
      union
      (select d_s.* from ${sectionsWithRole(viewer, ["editor", "manager"])} r_s(section_id)
        cross join lateral (select ${columns} from content where ${content.homeSectionId} = r_s.section_id and ${draft} ${newest}) d_s)
      union
      (select d_g.* from (select gm.group_id from group_members gm where gm.person_id = ${viewer.id} and gm.is_admin) r_g
        cross join lateral (select ${columns} from content where ${content.homeGroupId} = r_g.group_id and ${draft} ${newest}) d_g)
    ) drafts order by drafts.updated_at desc, drafts.id desc limit ${BROAD_DRAFTS}`;
}

/**
 * One statement: the facet counts, the total of the chosen type, and the page of hits with
 * their place and highlights (computed for the page's rows only). `candidates`: content's and
 * the other kinds' (./app-hits.ts), one list.
 */
export function resultsStatement(viewer: AccessSubject, q: SQL, candidates: SQL, params: SearchParams): SQL {
  const ofType = params.type ? sql`where cand.type = ${params.type}` : sql``;
  const order = params.sort === "newest" ? sql`cand.at desc, cand.id desc` : sql`cand.score desc, cand.at desc, cand.id desc`;
  const place = itemPlaceColumns(viewer, "hit");
  const marks = `StartSel="${HIGHLIGHT_START}", StopSel="${HIGHLIGHT_END}"`;
  const headline = (text: SQL, whole: boolean) =>
    sql`ts_headline('portico_search', translate(${text}, ${MARKS}, ''), ${q}, ${whole ? `HighlightAll=true, ${marks}` : `MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … ", ${marks}`})`;
  return sql`with cand as (${candidates}),
    page as (select cand.id, cand.type, row_number() over (order by ${order}) as rn from cand ${ofType} order by ${order}
      limit ${SEARCH_PAGE_SIZE} offset ${(params.page - 1) * SEARCH_PAGE_SIZE})
    select
      (select coalesce(json_object_agg(f.type, f.n), '{}') from (select cand.type, count(*) as n from cand group by cand.type) f) as by_type,
      (select count(*)::int from cand ${ofType}) as total,
      (select coalesce(json_agg(h order by h.rn), '[]') from (
        select hit.id::text as id, hit.type::text as type, hit.status::text as status, hit.published_at, hit.updated_at, hit.rn,
          ${headline(sql`hit.title`, true)} as title,
          ${headline(sql`portico_html_text(left(hit.body, ${EXTRACT_SOURCE_LENGTH}))`, false)} as extract,
          ${place.section} as section,
          ${place.group} as home_group,
          hit.author_id, (select p_a.name from people p_a where p_a.id = hit.author_id) as author_name
        from (
          select c.id, c.type, c.status, c.published_at, c.updated_at, c.title, c.body, c.home_section_id, c.home_group_id, c.author_id, page.rn
          from page join content c on page.type not in ${APP_TYPES_SQL} and c.id = page.id::uuid
        ) hit
        union all
        ${appHitsStatement(headline, EXTRACT_SOURCE_LENGTH)}
      ) h) as hits`;
}

const APP_TYPES_SQL = sql`(${sql.join(
  APP_SEARCH_TYPES.map((t) => sql.raw(`'${t}'`)),
  sql`, `,
)})`;

interface HitJson {
  id: string;
  type: SearchType;
  status: "draft" | "published";
  published_at: string | null;
  updated_at: string;
  title: string;
  extract: string;
  section: { slug: string; title: string } | null;
  home_group: GroupPlace | null;
  author_id: string | null;
  author_name: string | null;
}

/** Private-use characters mark highlights: any already in the text are dropped so none is taken for a mark. */
const unmarked = (text: string) => text.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_END, "");

/**
 * The search's two reads (the words and places, then content's matches counted) and the one
 * statement that answers it, unexecuted: what searchContent runs, and what the benchmark
 * EXPLAINs. Null when the words hold nothing to search for.
 */
export async function prepareSearch(db: Db, viewer: AccessSubject, params: SearchParams, broadAt = BROAD_MATCHES) {
  const q = tsqueryOf(unmarked(params.q));
  const found = await plan(db, viewer, params, q);
  if (found.nodes === 0) return null;
  const where = filters(params, found.section, found.group);
  const countStatement = matchCountStatement(q, where, broadAt);
  const [count] = rowsOf<{ n: number }>(await db.execute(countStatement));
  const contentBroad = Number(count?.n ?? 0) > broadAt;
  const apps = appCandidatesStatement(viewer, q, params, found, broadAt);
  const candidates = candidatesStatement(viewer, q, where, contentBroad, broadAt);
  return { found, countStatement, contentBroad, results: resultsStatement(viewer, q, apps ? sql`${candidates} union all ${apps}` : candidates, params) };
}

/** `broadAt` (tests): the number of matches past which a search is broad. */
export async function searchContent(viewer: AccessSubject, params: SearchParams, options: { db?: Db; broadAt?: number } = {}): Promise<SearchOutcome> {
  if (!maySearch(viewer)) return { kind: "forbidden" };
  if (!params.q) return { kind: "none" };
  const db = options.db ?? (await getDb());
  const broadAt = options.broadAt ?? BROAD_MATCHES;
  // The best plan depends on the words (a rare one along the GIN index, a common one along the
  // newest-first indexes). Measured at full size (bench/README.md, session 15): run as the
  // pages' reads are, prepared, a rare word's search cost 1.25 s of database time a request
  // under load though its plan executes in 0.5 ms; in a transaction (whose statements are not
  // prepared, db/connect.ts), 41–58 requests a second. Why prepared executions were slow, when
  // every connection already forces custom plans (so a SET LOCAL of it here changed nothing,
  // and is gone), is not yet known (bench/README.md).
  return db.transaction((tx) => answer(tx, viewer, params, broadAt));
}

async function answer(db: Db, viewer: AccessSubject, params: SearchParams, broadAt: number): Promise<SearchOutcome> {
  const prepared = await prepareSearch(db, viewer, params, broadAt);
  if (!prepared) return { kind: "no-words" };
  const { found, contentBroad } = prepared;
  const unknownPlace = Boolean((params.section && !found.section) || (params.group && !found.group));
  const [row] = rowsOf<{ by_type: unknown; total: number; hits: unknown }>(await db.execute(prepared.results));
  const counts = jsonColumn(row?.by_type as Record<string, number> | string | null) ?? {};
  const byType = Object.fromEntries(SEARCH_TYPES.map((t) => [t, Number(counts[t] ?? 0)])) as Record<SearchType, number>;
  // A kind that reached its cap of newest matches has more: its counts are lower bounds.
  const broad = contentBroad || APP_SEARCH_TYPES.some((t) => byType[t] >= broadAt);
  const hits = (jsonColumn(row?.hits as HitJson[] | string | null) ?? []).map(
    (h): SearchHit => ({
      id: h.id,
      type: h.type,
      status: h.status,
      title: h.title,
      extract: h.extract,
      publishedAt: h.published_at ? new Date(h.published_at) : null,
      updatedAt: new Date(h.updated_at),
      section: jsonColumn(h.section),
      group: jsonColumn(h.home_group),
      author: h.author_id && h.author_name ? { id: h.author_id, name: h.author_name } : null,
    }),
  );
  return {
    kind: "results",
    hits,
    total: Number(row?.total ?? 0),
    byType,
    broad,
    section: found.section ? { slug: found.section.slug, title: found.section.title } : null,
    group: found.group ? { slug: found.group.slug, name: found.group.name } : null,
    author: found.author,
    unknownPlace,
  };
}
