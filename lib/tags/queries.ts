import "server-only";
/**
 * D7: reading tags. Every answer passes the access predicate of what carries the tag: a tag
 * is suggested to someone only when it is on something they may view (a published item, an
 * idea in an app open to them, a file of a group whose content they may read), so a tag used
 * only in a secret group is never shown outside it; a tag's page lists only what the viewer
 * may view, and a tag on nothing they may view gives the same empty page as a tag that does
 * not exist.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { mayUseAppSql } from "@/lib/access/external-access";
import { isReadableGroupId, visiblePublishedContent } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import { escapeLike } from "@/lib/people/search";
import type { TagListParams } from "./admin-schemas";
import { normaliseTag } from "./schemas";

/** Suggestions offered as one types a tag. */
export const TAG_SUGGESTIONS = 8;
/** Tags read by their beginning before access is tested: enough that a few hidden ones do not empty the list. */
const SUGGESTION_CANDIDATES = 40;
/** Ideas and group files listed on a tag's page (the items have pages of their own). */
export const TAG_PAGE_OTHERS = 10;

/** True when `tag` (SQL of a tag) is on something the viewer may view. */
export function tagInViewSql(viewer: AccessSubject, tag: SQL): SQL {
  return sql`(exists (select 1 from content where content.tags @> array[${tag}]::text[] and ${visiblePublishedContent(viewer)})
    or (${mayUseAppSql(viewer, "ideas")} and exists (select 1 from ideas i_t where i_t.tags @> array[${tag}]::text[]))
    or exists (select 1 from group_files gf_t where gf_t.tags @> array[${tag}]::text[] and ${isReadableGroupId(viewer, sql`gf_t.group_id`)}))`;
}

/** Tags in use that begin with what was typed (normalised), that the viewer has seen in use: at most TAG_SUGGESTIONS, by name. */
export async function suggestTags(viewer: AccessSubject, typed: string, given?: Db): Promise<string[]> {
  const prefix = normaliseTag(typed);
  if (!prefix) return [];
  const db = given ?? (await getDb());
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select t.name from (
        select tags.name from tags where tags.name like ${`${escapeLike(prefix)}%`} escape '\\' order by tags.name limit ${SUGGESTION_CANDIDATES}
      ) t where ${tagInViewSql(viewer, sql`t.name`)} order by t.name limit ${TAG_SUGGESTIONS}`),
  );
  return rows.map((r) => r.name);
}

export interface TaggedIdea {
  id: string;
  title: string;
  status: string;
  createdAt: Date;
}

export interface TaggedFile {
  id: string;
  name: string;
  updatedAt: Date;
  group: { slug: string; name: string };
}

/** A tag's ideas (when the viewer may use Ideas) and group files (readable ones), newest first, a few of each. */
export async function taggedOthers(viewer: AccessSubject, tag: string, given?: Db): Promise<{ ideas: TaggedIdea[]; files: TaggedFile[] }> {
  const db = given ?? (await getDb());
  const [row] = rowsOf<{ ideas: unknown; files: unknown }>(
    await db.execute(sql`select
      (select coalesce(json_agg(i order by i.created_at desc, i.id desc), '[]') from (
        select ideas.id, ideas.title, ideas.status, ideas.created_at from ideas
        where ideas.tags @> array[${tag}]::text[] and ${mayUseAppSql(viewer, "ideas")}
        order by ideas.created_at desc, ideas.id desc limit ${TAG_PAGE_OTHERS}) i) as ideas,
      (select coalesce(json_agg(f order by f.updated_at desc, f.id desc), '[]') from (
        select gf.id, gf.name, gf.updated_at, g.slug as group_slug, g.name as group_name
        from group_files gf join groups g on g.id = gf.group_id
        where gf.tags @> array[${tag}]::text[] and ${isReadableGroupId(viewer, sql`gf.group_id`)}
        order by gf.updated_at desc, gf.id desc limit ${TAG_PAGE_OTHERS}) f) as files`),
  );
  const json = <T>(value: unknown): T[] => (typeof value === "string" ? (JSON.parse(value) as T[]) : ((value as T[] | null) ?? []));
  return {
    ideas: json<{ id: string; title: string; status: string; created_at: string }>(row?.ideas).map((i) => ({
      id: i.id,
      title: i.title,
      status: i.status,
      createdAt: new Date(i.created_at),
    })),
    files: json<{ id: string; name: string; updated_at: string; group_slug: string; group_name: string }>(row?.files).map((f) => ({
      id: f.id,
      name: f.name,
      updatedAt: new Date(f.updated_at),
      group: { slug: f.group_slug, name: f.group_name },
    })),
  };
}

export interface TagUse {
  name: string;
  content: number;
  ideas: number;
  files: number;
}

/** Tags on one page of /admin/tags. */
export const TAG_ADMIN_PAGE = 50;

export interface TagUsePage {
  tags: TagUse[];
  /** The cursor of the next page (the last name shown), or null on the last. */
  next: string | null;
}

/**
 * A page of tags (those whose names hold `q`, after `after`, by name) with how many items,
 * ideas and files carry each: webmasters' tag administration (D7); null for anyone else.
 */
export async function listTagUses(viewer: AccessSubject, params: TagListParams = { q: "", after: undefined }, given?: Db): Promise<TagUsePage | null> {
  if (!viewer.isWebmaster) return null;
  const db = given ?? (await getDb());
  const rows = rowsOf<{ name: string; content: number; ideas: number; files: number }>(
    await db.execute(sql`select t.name,
        (select count(*)::int from content c where c.tags @> array[t.name]) as content,
        (select count(*)::int from ideas i where i.tags @> array[t.name]) as ideas,
        (select count(*)::int from group_files gf where gf.tags @> array[t.name]) as files
      from (select name from tags
        where ${params.q ? sql`name like ${`%${escapeLike(params.q)}%`} escape '\\'` : sql`true`}
          and ${params.after ? sql`name > ${params.after}` : sql`true`}
        order by name limit ${TAG_ADMIN_PAGE + 1}) t
      order by t.name`),
  );
  const tags = rows.slice(0, TAG_ADMIN_PAGE).map((r) => ({ name: r.name, content: Number(r.content), ideas: Number(r.ideas), files: Number(r.files) }));
  return { tags, next: rows.length > TAG_ADMIN_PAGE ? tags[tags.length - 1]!.name : null };
}
