import "server-only";
/**
 * Content reads, each one query with the viewer's access predicate ANDed in (C2–C4).
 * Listings only ever name a section the viewer can view: an item visible through a
 * share shows its home section only when that is visible too.
 */
import { type SQL, and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "@/db/client";
import { content, contentShares, groupMembers, groups, pollOptions, pollVotes, sections } from "@/db/schema";
import { encodeCursor, decodeCursor, isUuid } from "@/lib/access/cursor";
import { grantedSectionIds, isReadableGroupId, isVisibleSectionRow, visibleContent } from "@/lib/access/filters";
import type { Viewer } from "@/lib/access/viewer";
import { plainText, sanitizeRichText } from "./sanitize";

export const PAGE_SIZE = 20;

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
  /** The home section when the viewer can view it, else a visible section it is shared into. */
  section: { slug: string; title: string } | null;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next (older) page, or null at the end. */
  next: string | null;
}

type AccessViewer = Pick<Viewer, "id" | "audience" | "isWebmaster">;

/** json_build_object arrives parsed on postgres.js and PGlite alike, but be tolerant of text. */
function parseJson<T>(value: T | string | null): T | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/**
 * The summary listing query, unexecuted, so benchmarks can EXPLAIN exactly what pages run.
 * The inner query decides access and takes one page along the order's index, so the
 * database stops after a page of rows; only that page is then joined to section names.
 */
export function summaryQuery(
  db: Db,
  viewer: AccessViewer,
  where: SQL | undefined,
  order: "published" | "updated",
  cursor: string | null | undefined,
  limit = PAGE_SIZE,
) {
  const orderColumn = order === "published" ? content.publishedAt : content.updatedAt;
  const after = decodeCursor(cursor);
  const page = db
    .select({
      id: content.id,
      type: content.type,
      title: content.title,
      status: content.status,
      body: content.body,
      publishedAt: content.publishedAt,
      updatedAt: content.updatedAt,
      eventStartsAt: content.eventStartsAt,
      homeSectionId: content.homeSectionId,
      cursorAt: sql<string>`${orderColumn}::text`.as("cursor_at"),
    })
    .from(content)
    .where(
      and(
        visibleContent(viewer),
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
  const home = alias(sections, "home");
  const pageOrder = order === "published" ? page.publishedAt : page.updatedAt;
  return db
    .select({
      id: page.id,
      type: page.type,
      title: page.title,
      status: page.status,
      body: page.body,
      publishedAt: page.publishedAt,
      updatedAt: page.updatedAt,
      eventStartsAt: page.eventStartsAt,
      cursorAt: page.cursorAt,
      sectionSlug: home.slug,
      sectionTitle: home.title,
      // When the home section is hidden, the item is visible through a share: name that section instead.
      sharedSection: sql<{ slug: string; title: string } | null>`case when ${home.id} is null then (
        select json_build_object('slug', s_sh.slug, 'title', s_sh.title)
        from content_shares cs_sh join sections s_sh on s_sh.id = cs_sh.section_id
        where cs_sh.content_id = ${page.id} and ${isVisibleSectionRow(viewer, { id: sql`s_sh.id`, effectivelyRestricted: sql`s_sh.effectively_restricted` })}
        order by s_sh.title limit 1
      ) end`,
    })
    .from(page)
    .leftJoin(home, and(eq(home.id, page.homeSectionId), isVisibleSectionRow(viewer, home)))
    .orderBy(sql`${pageOrder} desc nulls last`, sql`${page.id} desc nulls last`);
}

async function listSummaries(
  viewer: AccessViewer,
  where: SQL | undefined,
  order: "published" | "updated",
  cursor: string | null | undefined,
  limit = PAGE_SIZE,
): Promise<Page<ContentSummary>> {
  const rows = await summaryQuery(await getDb(), viewer, where, order, cursor, limit);
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    status: r.status,
    excerpt: plainText(r.body),
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
    eventStartsAt: r.eventStartsAt,
    section: r.sectionSlug && r.sectionTitle ? { slug: r.sectionSlug, title: r.sectionTitle } : parseJson(r.sharedSection),
  }));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, next: last ? encodeCursor(last.cursorAt, last.id) : null };
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
function externalCandidates(viewer: AccessViewer, cursor: string | null | undefined, limit: number, types?: ContentType[]): SQL {
  const after = decodeCursor(cursor);
  const inGroups = sql`select c_grp.id, c_grp.published_at from content c_grp
    where c_grp.home_group_id is not null and ${isReadableGroupId(viewer, sql`c_grp.home_group_id`)} and ${publishedAfter("c_grp", "id", after, types)}`;
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
function publishedAfter(alias: string, idColumn: string, after: ReturnType<typeof decodeCursor>, types?: ContentType[]): SQL {
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
function sectionPage(sectionId: SQL | number, after: ReturnType<typeof decodeCursor>, limit: number, types?: ContentType[]): SQL {
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
  feed: (viewer: AccessViewer, cursor?: string | null, limit = PAGE_SIZE) =>
    and(eq(content.status, "published"), viewer.audience === "external" && !viewer.isWebmaster ? externalCandidates(viewer, cursor, limit) : undefined),
  latest: (viewer: AccessViewer, types: ContentType[], limit: number) =>
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
  section: (sectionId: number, cursor?: string | null, limit = PAGE_SIZE) =>
    and(eq(content.status, "published"), sql`${content.id} in (select page_ids.id from (${sectionPage(sectionId, decodeCursor(cursor), limit)}) page_ids)`),
  mine: (viewer: AccessViewer) => eq(content.authorId, viewer.id),
};

/** The personal feed: every published item the viewer can view, newest first. */
export function listFeed(viewer: AccessViewer, cursor?: string | null, limit?: number) {
  return listSummaries(viewer, listingWhere.feed(viewer, cursor, limit), "published", cursor, limit);
}

/** Latest published items of some types (home pages' widgets). */
export async function listLatest(viewer: AccessViewer, types: ContentType[], limit: number) {
  return (await listSummaries(viewer, listingWhere.latest(viewer, types, limit), "published", null, limit)).items;
}

/** Published items homed in or shared into one section. */
export function listSectionContent(viewer: AccessViewer, sectionId: number, cursor?: string | null, limit?: number) {
  return listSummaries(viewer, listingWhere.section(sectionId, cursor, limit), "published", cursor, limit);
}

/** "My content": what the viewer wrote, drafts included, most recently changed first (C4 still applies). */
export function listMyContent(viewer: AccessViewer, cursor?: string | null, limit?: number) {
  return listSummaries(viewer, listingWhere.mine(viewer), "updated", cursor, limit);
}

export interface ContentDetail {
  id: string;
  type: ContentType;
  title: string;
  status: "draft" | "published";
  /** Sanitised again on the way out (C6). */
  bodyHtml: string;
  author: string;
  publishedAt: Date | null;
  updatedAt: Date;
  event: { startsAt: Date | null; endsAt: Date | null; place: string | null } | null;
  poll: { options: { id: number; label: string; votes: number }[]; totalVotes: number; myVote: number | null } | null;
  home: { slug: string; title: string } | null;
  group: { slug: string; name: string } | null;
  sharedInto: { slug: string; title: string }[];
}

export type ContentLookup = { status: "ok"; item: ContentDetail } | { status: "forbidden" } | { status: "not-found" };

/** One item for its page: 403 when it exists but may not be viewed, 404 for secret-group content (C5). */
export async function getContent(viewer: AccessViewer, id: string): Promise<ContentLookup> {
  if (!isUuid(id)) return { status: "not-found" };
  const db = await getDb();
  const home = alias(sections, "home");
  const [row] = await db
    .select({
      id: content.id,
      type: content.type,
      title: content.title,
      status: content.status,
      body: content.body,
      authorName: sql<string>`(select p.name from people p where p.id = ${content.authorId})`,
      publishedAt: content.publishedAt,
      updatedAt: content.updatedAt,
      eventStartsAt: content.eventStartsAt,
      eventEndsAt: content.eventEndsAt,
      eventPlace: content.eventPlace,
      homeSlug: home.slug,
      homeTitle: home.title,
      groupSlug: groups.slug,
      groupName: groups.name,
      visible: sql<boolean>`${visibleContent(viewer)}`,
      secretToViewer: sql<boolean>`(${groups.visibility} = 'secret' and not exists (
        select 1 from ${groupMembers} where ${groupMembers.groupId} = ${groups.id} and ${groupMembers.personId} = ${viewer.id}
      ))`,
    })
    .from(content)
    .leftJoin(home, and(eq(home.id, content.homeSectionId), isVisibleSectionRow(viewer, home)))
    .leftJoin(groups, eq(groups.id, content.homeGroupId))
    .where(eq(content.id, id))
    .limit(1);
  if (!row) return { status: "not-found" };
  if (!row.visible) return { status: row.secretToViewer && !viewer.isWebmaster ? "not-found" : "forbidden" };

  const [shared, poll] = await Promise.all([
    db
      .select({ slug: sections.slug, title: sections.title })
      .from(contentShares)
      .innerJoin(sections, eq(sections.id, contentShares.sectionId))
      .where(and(eq(contentShares.contentId, id), isVisibleSectionRow(viewer, sections)))
      .orderBy(asc(sections.title)),
    row.type === "poll"
      ? db
          .select({
            id: pollOptions.id,
            label: pollOptions.label,
            votes: sql<number>`(select count(*)::int from ${pollVotes} where ${pollVotes.optionId} = ${pollOptions.id})`,
            mine: sql<boolean>`exists (select 1 from ${pollVotes} where ${pollVotes.optionId} = ${pollOptions.id} and ${pollVotes.personId} = ${viewer.id})`,
          })
          .from(pollOptions)
          .where(eq(pollOptions.contentId, id))
          .orderBy(asc(pollOptions.position))
      : Promise.resolve(null),
  ]);

  return {
    status: "ok",
    item: {
      id: row.id,
      type: row.type,
      title: row.title,
      status: row.status,
      bodyHtml: sanitizeRichText(row.body),
      author: row.authorName,
      publishedAt: row.publishedAt,
      updatedAt: row.updatedAt,
      event: row.type === "event" ? { startsAt: row.eventStartsAt, endsAt: row.eventEndsAt, place: row.eventPlace } : null,
      poll: poll
        ? {
            options: poll.map((o) => ({ id: o.id, label: o.label, votes: Number(o.votes) })),
            totalVotes: poll.reduce((n, o) => n + Number(o.votes), 0),
            myVote: poll.find((o) => o.mine)?.id ?? null,
          }
        : null,
      home: row.homeSlug && row.homeTitle ? { slug: row.homeSlug, title: row.homeTitle } : null,
      group: row.groupSlug && row.groupName ? { slug: row.groupSlug, name: row.groupName } : null,
      sharedInto: shared,
    },
  };
}
