import "server-only";
/**
 * Content listings (the feed, home pages' widgets, a section's items, "my content"), each
 * one query with the viewer's access predicate ANDed in (C2–C4). Listings only ever name a
 * section the viewer can view: an item visible through a share shows its home section
 * only when that is visible too; likewise its home group only when the viewer may see
 * that group (G1, G6: a secret group's item shared into a section names no group).
 */
import { type SQL, and, eq, inArray, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { jsonColumn, qualified } from "@/db/sql";
import { content, contentConversation } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { externalSwitchOn } from "@/lib/access/external-access";
import {
  grantedSectionIds,
  isReadableGroupId,
  isVisibleGroupRow,
  isVisibleSectionRow,
  visibleContent,
  visibleGroupDrafts,
  visibleInSectionListing,
  visiblePublishedContent,
} from "@/lib/access/filters";
import { plainText } from "./sanitize";
import type { AccessSubject } from "@/lib/access/types";

export const PAGE_SIZE = 20;

/** How much of a body a listing reads to make its excerpt (plainText keeps 200 characters of text). */
const EXCERPT_SOURCE_LENGTH = 4000;

/** The start of a body, without a tag that the cut left open ("…<a href=\"ht"). */
function withoutCutTag(html: string): string {
  const open = html.lastIndexOf("<");
  return open > html.lastIndexOf(">") ? html.slice(0, open) : html;
}

export type ContentType = (typeof content.type.enumValues)[number];

export interface ContentSummary {
  id: string;
  type: ContentType;
  title: string;
  status: "draft" | "published";
  excerpt: string;
  publishedAt: Date | null;
  updatedAt: Date;
  eventStartsAt: Date | null;
  /** C7: an event's end, for its dates written once and whether it has ended. */
  eventEndsAt: Date | null;
  /** The home section when the viewer can view it, else a visible section it is shared into. */
  section: { slug: string; title: string } | null;
  /** The home group, only when the viewer may see that group (G1, G6). */
  group: GroupPlace | null;
  /** K1 C4: the item's comments (content_conversation's counter, kept with each change). */
  commentCount: number;
}

/** Where a group item lives, for a link to its group's page (G6). */
export interface GroupPlace {
  slug: string;
  name: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next (older) page, or null at the end. */
  next: string | null;
}

/** A listing continues after the last row shown: its time in the listing's order, then its id. */
const listingCursor = cursorCodec({ at: "timestamp", id: "uuid" });
type After = ReturnType<typeof listingCursor.decode>;


/**
 * The summary listing query, unexecuted, so benchmarks can EXPLAIN exactly what pages run.
 * The inner query decides access and takes one page along the order's index, so the
 * database stops after a page of rows; only that page is then joined to section names.
 */
export function summaryQuery(
  db: Db,
  viewer: AccessSubject,
  where: SQL | undefined,
  order: "published" | "updated",
  cursor: string | null | undefined,
  limit = PAGE_SIZE,
  /** The listing's access predicate when a narrower form of C2 applies (one section's items). */
  access?: SQL,
  /**
   * Every item listed is homed in the one group the page is about (the group page): none has
   * a home section, and the page does not name the group, so neither is looked up (a smaller
   * query to plan); a section it is shared into still is.
   */
  inOneGroup = false,
) {
  const orderColumn = order === "published" ? content.publishedAt : content.updatedAt;
  const after = listingCursor.decode(cursor);
  const page = db
    .select({
      id: content.id,
      type: content.type,
      title: content.title,
      status: content.status,
      // An excerpt needs the start of the body only: a listing never reads whole bodies.
      bodyStart: sql<string>`left(${content.body}, ${EXCERPT_SOURCE_LENGTH})`.as("body_start"),
      publishedAt: content.publishedAt,
      updatedAt: content.updatedAt,
      eventStartsAt: content.eventStartsAt,
      eventEndsAt: content.eventEndsAt,
      homeSectionId: content.homeSectionId,
      homeGroupId: content.homeGroupId,
      cursorAt: sql<string>`${orderColumn}::text`.as("cursor_at"),
    })
    .from(content)
    .where(
      and(
        // A listing in publication order lists published items only (drafts have no
        // publication time), so it needs only the published half of the rule (C2).
        access ?? (order === "published" ? visiblePublishedContent(viewer) : visibleContent(viewer)),
        where,
        after
          ? sql`(${orderColumn} < ${after.at}::timestamptz or (${orderColumn} = ${after.at}::timestamptz and ${content.id} < ${after.id}::uuid))`
          : undefined,
      ),
    )
    // "nulls last" matches the indexes (drizzle-kit writes DESC NULLS LAST), so they serve the order.
    .orderBy(sql`${orderColumn} desc nulls last`, sql`${content.id} desc nulls last`)
    .limit(limit + 1)
    .as("page");
  const pageOrder = order === "published" ? page.publishedAt : page.updatedAt;
  const place = itemPlaceColumns(viewer, "page", inOneGroup);
  return db
    .select({
      id: page.id,
      type: page.type,
      title: page.title,
      status: page.status,
      bodyStart: page.bodyStart,
      publishedAt: page.publishedAt,
      updatedAt: page.updatedAt,
      eventStartsAt: page.eventStartsAt,
      eventEndsAt: page.eventEndsAt,
      cursorAt: page.cursorAt,
      section: place.section.as("section"),
      group: place.group.as("home_group"),
      // K1 C4: the page's rows' comment counts, one left join on the item's key (no query per row).
      commentCount: sql<number>`coalesce(${contentConversation.commentCount}, 0)`.as("comment_count"),
    })
    .from(page)
    .leftJoin(contentConversation, eq(contentConversation.contentId, page.id))
    .orderBy(sql`${pageOrder} desc nulls last`, sql`${page.id} desc nulls last`);
}

/**
 * Where an item lives, as the viewer may be told (listings and search hits): the home section
 * when visible, else a visible section it is shared into; the home group only when the viewer
 * may see that group (G1, G6). `alias` is the outer query's row, with the item's `id`,
 * `home_section_id` and `home_group_id`. Each is a lookup by key for that query's rows only
 * (a join would let PostgreSQL hash every section). `inOneGroup`: every row is homed in the
 * group the page is about, so neither the home section nor the group is looked up.
 */
export function itemPlaceColumns(viewer: AccessSubject, alias: string, inOneGroup = false) {
  const homeVisible = isVisibleSectionRow(viewer, { id: sql`home.id`, effectivelyRestricted: sql`home.effectively_restricted` });
  const shareVisible = isVisibleSectionRow(viewer, { id: sql`s_sh.id`, effectivelyRestricted: sql`s_sh.effectively_restricted` });
  const groupVisible = isVisibleGroupRow(viewer, { id: sql`g_home.id`, visibility: sql`g_home.visibility` });
  return {
    section: sql<{ slug: string; title: string } | string | null>`coalesce(
        ${inOneGroup ? sql`null` : sql`(select json_build_object('slug', home.slug, 'title', home.title) from sections home
          where home.id = ${qualified(alias, "home_section_id")} and ${homeVisible})`},
        (select json_build_object('slug', s_sh.slug, 'title', s_sh.title)
          from content_shares cs_sh join sections s_sh on s_sh.id = cs_sh.section_id
          where cs_sh.content_id = ${qualified(alias, "id")} and ${shareVisible}
          order by s_sh.title limit 1)
      )`,
    group: inOneGroup
      ? sql<GroupPlace | string | null>`null::json`
      : sql<GroupPlace | string | null>`(select json_build_object('slug', g_home.slug, 'name', g_home.name) from groups g_home
        where g_home.id = ${qualified(alias, "home_group_id")} and ${groupVisible})`,
  };
}

export async function listSummaries(
  viewer: AccessSubject,
  where: SQL | undefined,
  order: "published" | "updated",
  cursor: string | null | undefined,
  limit = PAGE_SIZE,
): Promise<Page<ContentSummary>> {
  const rows = await summaryQuery(await getDb(), viewer, where, order, cursor, limit);
  return summaryPage(rows, limit);
}

type SummaryRow = Awaited<ReturnType<typeof summaryQuery>>[number];

/** A page of summaries from the listing's rows (one more than the page, when there is a next). */
function summaryPage(rows: SummaryRow[], limit: number): Page<ContentSummary> {
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    status: r.status,
    excerpt: plainText(withoutCutTag(r.bodyStart)),
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
    eventStartsAt: r.eventStartsAt,
    eventEndsAt: r.eventEndsAt,
    section: jsonColumn(r.section),
    group: jsonColumn(r.group),
    commentCount: Number(r.commentCount ?? 0),
  }));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, next: last ? listingCursor.encode({ at: last.cursorAt, id: last.id }) : null };
}

/** A listing row as json_agg writes it: the query's column names, times as ISO text. */
interface SummaryJson {
  id: string;
  type: ContentType;
  title: string;
  status: "draft" | "published";
  body_start: string;
  published_at: string | null;
  updated_at: string;
  event_starts_at: string | null;
  event_ends_at: string | null;
  cursor_at: string;
  section: { slug: string; title: string } | null;
  home_group: GroupPlace | null;
  comment_count: number | null;
}

/** What a listing column (sectionListingColumn, groupListingColumn) holds (postgres.js parses json; PGlite may leave text). */
export type SectionListingValue = SummaryJson[] | string | null;

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/**
 * One section's listing as a JSON column of the query that reads the section itself (the
 * section page: one round trip for both). `sectionId` is that query's section id; the listing
 * is a page of items homed in or shared into it, with access decided by the section's
 * visibility (visibleInSectionListing, C2).
 */
export function sectionListingColumn(db: Db, viewer: AccessSubject, sectionId: SQL, cursor?: string | null, limit = PAGE_SIZE): SQL<SectionListingValue> {
  const listing = summaryQuery(db, viewer, listingWhere.section(sectionId, cursor, limit), "published", cursor, limit, visibleInSectionListing(viewer, sectionId));
  return listingColumn(listing, "published");
}

/** A summary listing as one JSON column, its rows in the listing's order. */
function listingColumn(listing: ReturnType<typeof summaryQuery>, order: "published" | "updated"): SQL<SectionListingValue> {
  const at = sql.raw(order === "published" ? "l.published_at" : "l.updated_at");
  return sql<SectionListingValue>`(select coalesce(json_agg(l order by ${at} desc nulls last, l.id desc nulls last), '[]') from (${listing}) l)`;
}

/**
 * One group's published items, newest first, as a JSON column of the query that reads the
 * group (the group page: one round trip). `groupId` is that query's group id. By G6 (C2) a
 * published item homed in a group is visible to whoever may read the group's content, so
 * that is the listing's access, probed by key per row; the caller shows the column only
 * when the group is readable (members, public groups, webmasters).
 */
export function groupListingColumn(db: Db, viewer: AccessSubject, groupId: SQL, cursor?: string | null, limit = PAGE_SIZE): SQL<SectionListingValue> {
  const access = sql`(${content.status} = 'published' and ${isReadableGroupId(viewer, content.homeGroupId)})`;
  return listingColumn(summaryQuery(db, viewer, listingWhere.group(groupId), "published", cursor, limit, access, true), "published");
}

/**
 * The drafts homed in one group that the viewer may see (G6: their authors and the group's
 * admins; webmasters), most recently changed first, at most `limit`: a JSON column as above.
 */
export function groupDraftsColumn(db: Db, viewer: AccessSubject, groupId: SQL, limit: number): SQL<SectionListingValue> {
  const where = and(sql`${content.homeGroupId} = ${groupId}`, eq(content.status, "draft"));
  return listingColumn(summaryQuery(db, viewer, where, "updated", null, limit, visibleGroupDrafts(viewer), true), "updated");
}

/** The page of summaries from a listing column's value (sectionListingColumn, groupListingColumn, groupDraftsColumn). */
export function sectionListingPage(value: SectionListingValue, limit = PAGE_SIZE): Page<ContentSummary> {
  const rows = (jsonColumn(value) ?? []).map(
    (r): SummaryRow => ({
      id: r.id,
      type: r.type,
      title: r.title,
      status: r.status,
      bodyStart: r.body_start,
      publishedAt: dateOrNull(r.published_at),
      updatedAt: new Date(r.updated_at),
      eventStartsAt: dateOrNull(r.event_starts_at),
      eventEndsAt: dateOrNull(r.event_ends_at),
      cursorAt: r.cursor_at,
      section: r.section,
      group: r.home_group,
      commentCount: r.comment_count ?? 0,
    }),
  );
  return summaryPage(rows, limit);
}

/**
 * For external viewers, who see only their granted sections (S6): the page of items to
 * show, found section by section along each section's own index (a page's worth from
 * each, from the cursor on), together with what is shared into those sections and what
 * their readable groups hold, newest first. Walking the newest-first index of every item
 * instead passes over the ~99 % an external person cannot view before it fills a page.
 * Each candidate is visible by construction, and visibleContent still decides in the
 * query that uses this, so a mistake here can only shorten a page, never widen it.
 */
function externalCandidates(viewer: AccessSubject, cursor: string | null | undefined, limit: number, types?: ContentType[]): SQL {
  const after = listingCursor.decode(cursor);
  // Their readable groups (G3, G6): a page from each group they belong to, along the group's
  // own index; and, only with the Groups switch on, a page of public groups' items along the
  // newest-first index (most group items are in public groups, so it fills a page at once).
  // Never a walk over every group item to test each (200 000 at full size).
  const inGroups = sql`select c_grp.id, c_grp.published_at
      from group_members gm_grp
      cross join lateral (select c_g.id, c_g.published_at from content c_g
        where c_g.home_group_id = gm_grp.group_id and ${publishedAfter("c_g", "id", after, types)}
        order by c_g.published_at desc nulls last, c_g.id desc nulls last
        limit ${limit + 1}) c_grp
      where gm_grp.person_id = ${viewer.id}
    union
    (select c_pub.id, c_pub.published_at from content c_pub
      where c_pub.home_group_id is not null and ${externalSwitchOn("groups")} and ${publishedAfter("c_pub", "id", after, types)}
        and exists (select 1 from groups g_pub where g_pub.id = c_pub.home_group_id and g_pub.visibility = 'public')
      order by c_pub.published_at desc nulls last, c_pub.id desc nulls last
      limit ${limit + 1})`;
  return sql`${content.id} in (
    select cand.id from (
      select c_sec.id, c_sec.published_at
      from (select distinct g.descendant_id as section_id from ${grantedSectionIds(viewer)} g) granted
      cross join lateral (${sectionPage(sql`granted.section_id`, after, limit, types)}) c_sec
      union
      ${inGroups}
    ) cand
    order by cand.published_at desc nulls last, cand.id desc nulls last
    limit ${limit + 1}
  )`;
}

/** Published (of these types), and older than the cursor, for rows of `alias` whose item id is `idColumn`. */
function publishedAfter(alias: string, idColumn: string, after: After, types?: ContentType[]): SQL {
  const t = sql.raw(alias);
  const id = sql.raw(`${alias}.${idColumn}`);
  return sql`${t}.status = 'published'
    ${types ? sql`and ${t}.type in (${sql.join(types.map((x) => sql`${x}`), sql`, `)})` : sql``}
    ${after ? sql`and (${t}.published_at < ${after.at}::timestamptz or (${t}.published_at = ${after.at}::timestamptz and ${id} < ${after.id}::uuid))` : sql``}`;
}

/**
 * A page's worth of one section's published items, newest first from the cursor: those
 * homed there and those shared into it, each read along its own index (shares carry
 * copies of their item's status, time and type for this). Rows: (id, published_at).
 */
function sectionPage(sectionId: SQL | number, after: After, limit: number, types?: ContentType[]): SQL {
  return sql`(select c_x.id, c_x.published_at from content c_x
      where c_x.home_section_id = ${sectionId} and ${publishedAfter("c_x", "id", after, types)}
      order by c_x.published_at desc nulls last, c_x.id desc nulls last
      limit ${limit + 1})
    union all
    (select cs_x.content_id, cs_x.published_at from content_shares cs_x
      where cs_x.section_id = ${sectionId} and ${publishedAfter("cs_x", "content_id", after, types)}
      order by cs_x.published_at desc nulls last, cs_x.content_id desc nulls last
      limit ${limit + 1})`;
}

/** Where-clauses of the listings, shared by the pages and the benchmarks. */
export const listingWhere = {
  feed: (viewer: AccessSubject, cursor?: string | null, limit = PAGE_SIZE) =>
    and(eq(content.status, "published"), viewer.audience === "external" && !viewer.isWebmaster ? externalCandidates(viewer, cursor, limit) : undefined),
  latest: (viewer: AccessSubject, types: ContentType[], limit: number) =>
    and(
      eq(content.status, "published"),
      inArray(content.type, types),
      viewer.audience === "external" && !viewer.isWebmaster ? externalCandidates(viewer, null, limit, types) : undefined,
    ),
  /**
   * A section's items: a page homed there and a page shared into it, each read along its
   * own index from the cursor on, so the outer query orders a few dozen candidate rows
   * instead of walking every published item.
   */
  section: (section: SectionRef, cursor?: string | null, limit = PAGE_SIZE) =>
    and(
      eq(content.status, "published"),
      sql`${content.id} in (select page_ids.id from (${sectionPage(section, listingCursor.decode(cursor), limit)}) page_ids)`,
    ),
  mine: (viewer: AccessSubject) => eq(content.authorId, viewer.id),
  /** D7: published items with a tag, along content_tags_idx or the newest-first index, as the planner finds cheaper. */
  tagged: (tag: string) => and(eq(content.status, "published"), sql`${content.tags} @> array[${tag}]::text[]`),
  /** A group's published items (G6), along content_home_group_idx: a group holds few enough to order. */
  group: (groupId: SQL) => and(sql`${content.homeGroupId} = ${groupId}`, eq(content.status, "published")),
};

/** The personal feed: every published item the viewer can view, newest first. */
export function listFeed(viewer: AccessSubject, cursor?: string | null, limit?: number) {
  return listSummaries(viewer, listingWhere.feed(viewer, cursor, limit), "published", cursor, limit);
}

/** Latest published items of some types (home pages' widgets). */
export async function listLatest(viewer: AccessSubject, types: ContentType[], limit: number) {
  return (await listSummaries(viewer, listingWhere.latest(viewer, types, limit), "published", null, limit)).items;
}

/** A section by id, or as an SQL expression of its id (a column of the query it is part of). */
export type SectionRef = number | SQL;

/** Published items homed in or shared into one section. */
export async function listSectionContent(viewer: AccessSubject, section: SectionRef, cursor?: string | null, limit = PAGE_SIZE) {
  const rows = await summaryQuery(
    await getDb(),
    viewer,
    listingWhere.section(section, cursor, limit),
    "published",
    cursor,
    limit,
    visibleInSectionListing(viewer, typeof section === "number" ? sql`${section}` : section),
  );
  return summaryPage(rows, limit);
}

/** D7: a tag's page: the published items with the tag that the viewer can view, newest first. */
export function listTagged(viewer: AccessSubject, tag: string, cursor?: string | null, limit?: number) {
  return listSummaries(viewer, listingWhere.tagged(tag), "published", cursor, limit);
}

/** "My content": what the viewer wrote, drafts included, most recently changed first (C4 still applies). */
export function listMyContent(viewer: AccessSubject, cursor?: string | null, limit?: number) {
  return listSummaries(viewer, listingWhere.mine(viewer), "updated", cursor, limit);
}
