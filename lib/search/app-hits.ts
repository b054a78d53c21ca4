import "server-only";
/**
 * D4: what search finds besides content — group files (G7: their name, tags, description and
 * text), ideas (G8), wall posts and queries — each through its own page's access predicate,
 * in the same statement as content's hits (./content-search.ts): readable group files
 * (G6: a secret group's only to its members), ideas and queries where the app is open to the
 * viewer (G4, E5), wall posts they may read (a hidden one only its author and the wall's
 * moderators, K2 K3).
 *
 * Each kind gives at most `broadAt` candidates, its newest visible matches: exact for a rare
 * word, the recent ones for a common word (as content's broad plan). The candidates' columns
 * are content's (./content-search.ts candidatesStatement), so the kinds are one list.
 */
import { type SQL, and, sql } from "drizzle-orm";
import { readableGroupFiles } from "@/lib/access/group-docs";
import { mayUseAppSql } from "@/lib/access/external-access";
import { readableWallPosts } from "@/lib/access/wall";
import type { AccessSubject } from "@/lib/access/types";
import type { AppSearchType, SearchParams } from "./params";

/** The score every kind shares: ts_rank, weights as stored, raised up to half again for recent rows (a quarter at three months). */
export function scoreOf(vector: SQL, q: SQL, at: SQL): SQL {
  return sql`ts_rank(${vector}, ${q}, 1) * (1 + 0.5 / (1 + extract(epoch from (now() - ${at})) / 7776000))`;
}

interface KindSource {
  type: AppSearchType;
  /** The table, as the access predicate names it (no alias). */
  table: SQL;
  at: SQL;
  updatedAt: SQL;
  access: (viewer: AccessSubject) => SQL;
  author: SQL;
  tags: SQL | null;
  group: SQL | null;
}

const SOURCES: KindSource[] = [
  {
    type: "file",
    table: sql`group_files`,
    at: sql`group_files.updated_at`,
    updatedAt: sql`group_files.updated_at`,
    access: readableGroupFiles,
    author: sql`group_files.uploader_id`,
    tags: sql`group_files.tags`,
    group: sql`group_files.group_id`,
  },
  {
    type: "idea",
    table: sql`ideas`,
    at: sql`ideas.created_at`,
    updatedAt: sql`ideas.updated_at`,
    access: (viewer) => mayUseAppSql(viewer, "ideas"),
    author: sql`ideas.author_id`,
    tags: sql`ideas.tags`,
    group: null,
  },
  {
    type: "wall",
    table: sql`wall_posts`,
    at: sql`wall_posts.created_at`,
    updatedAt: sql`coalesce(wall_posts.edited_at, wall_posts.created_at)`,
    access: readableWallPosts,
    author: sql`wall_posts.author_id`,
    tags: null,
    group: null,
  },
  {
    type: "query",
    table: sql`queries`,
    at: sql`queries.created_at`,
    updatedAt: sql`queries.updated_at`,
    access: (viewer) => mayUseAppSql(viewer, "queries"),
    author: sql`queries.asker_id`,
    tags: null,
    group: null,
  },
];

/**
 * The filters on one kind; null when a filter excludes the kind altogether (a section holds
 * only content; a group only content and files; wall posts and queries carry no tags).
 * `section` and `group`: the place filters as found for the viewer (an unknown one is none).
 */
function kindFilters(source: KindSource, params: SearchParams, section: { id: number } | null, group: { id: number } | null): SQL | undefined | null {
  if (section) return null;
  if (group && !source.group) return null;
  if (params.tag && !source.tags) return null;
  return and(
    group && source.group ? sql`${source.group} = ${group.id}` : undefined,
    params.tag && source.tags ? sql`${source.tags} @> array[${params.tag}]::text[]` : undefined,
    params.author ? sql`${source.author} = ${params.author}::uuid` : undefined,
    params.from ? sql`${source.at} >= ${params.from}::date` : undefined,
    params.to ? sql`${source.at} < ${params.to}::date + 1` : undefined,
  );
}

/** The candidates of every kind the filters allow, in content's candidate columns; null when none is. */
export function appCandidatesStatement(
  viewer: AccessSubject,
  q: SQL,
  params: SearchParams,
  places: { section: { id: number } | null; group: { id: number } | null },
  broadAt: number,
): SQL | null {
  const parts = SOURCES.flatMap((source) => {
    const where = kindFilters(source, params, places.section, places.group);
    if (where === null) return [];
    const vector = sql`${source.table}.search_vector`;
    return [
      sql`(select ${source.table}.id::text as id, ${source.type}::text as type, 'published'::text as status, ${source.at} as published_at,
          ${source.updatedAt} as updated_at, ${source.at} as at, ${scoreOf(vector, q, source.at)} as score
        from ${source.table}
        where ${vector} @@ ${q} and ${source.access(viewer)} ${where ? sql`and ${where}` : sql``}
        order by ${source.at} desc nulls last, ${source.table}.id desc nulls last limit ${broadAt})`,
    ];
  });
  return parts.length ? sql.join(parts, sql` union all `) : null;
}

/**
 * The page's hits of the other kinds, in the columns of content's (./content-search.ts
 * resultsStatement); `page` holds the page's (id, type, rn). `headline(text, whole)` marks the words.
 */
export function appHitsStatement(headline: (text: SQL, whole: boolean) => SQL, extractLength: number): SQL {
  const author = (column: SQL) => sql`${column} as author_id, (select p_a.name from people p_a where p_a.id = ${column}) as author_name`;
  return sql`
    select gf.id::text as id, 'file' as type, 'published' as status, gf.updated_at as published_at, gf.updated_at, page.rn,
      ${headline(sql`gf.name`, true)} as title,
      ${headline(sql`concat_ws(' … ', nullif(gf.description, ''), left(gf.extracted_text, ${extractLength}))`, false)} as extract,
      null::json as section,
      (select json_build_object('slug', g_f.slug, 'name', g_f.name) from groups g_f where g_f.id = gf.group_id) as home_group,
      ${author(sql`gf.uploader_id`)}
    from page join group_files gf on page.type = 'file' and gf.id = page.id::uuid
    union all
    select i.id::text, 'idea', 'published', i.created_at, i.updated_at, page.rn,
      ${headline(sql`i.title`, true)},
      ${headline(sql`portico_html_text(left(i.description, ${extractLength}))`, false)},
      null::json, null::json,
      ${author(sql`i.author_id`)}
    from page join ideas i on page.type = 'idea' and i.id = page.id::uuid
    union all
    select w.id::text, 'wall', 'published', w.created_at, coalesce(w.edited_at, w.created_at), page.rn,
      '',
      ${headline(sql`portico_plain_text(w.body)`, true)},
      null::json, null::json,
      ${author(sql`w.author_id`)}
    from page join wall_posts w on page.type = 'wall' and w.id = page.id::uuid
    union all
    select qu.id::text, 'query', 'published', qu.created_at, qu.updated_at, page.rn,
      ${headline(sql`qu.title`, true)},
      ${headline(sql`portico_plain_text(left(qu.body, ${extractLength}))`, false)},
      null::json, null::json,
      ${author(sql`qu.asker_id`)}
    from page join queries qu on page.type = 'query' and qu.id = page.id::uuid`;
}
