import "server-only";
/**
 * Content reads, each one query with the viewer's access predicate ANDed in (C2–C4).
 * Listings only ever name a section the viewer can view: an item visible through a
 * share shows its home section only when that is visible too.
 */
import { type SQL, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "@/db/client";
import { jsonColumn, qualified } from "@/db/sql";
import { content, contentVersions, groupMembers, groups, pollOptions, sections } from "@/db/schema";
import { encodeCursor, decodeCursor, isUuid } from "@/lib/access/cursor";
import { type AccessSubject, grantedSectionIds, isReadableGroupId, isVisibleSectionRow, rolesHeldOn, sectionsWithRole, textArray, visibleContent, visibleInSectionListing, visiblePublishedContent } from "@/lib/access/filters";
import { can, contentActionsFor } from "@/lib/access/policies";
import { plainText, sanitizeRichText } from "./sanitize";
import { utcToZoned } from "./time";

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
  /** The home section when the viewer can view it, else a visible section it is shared into. */
  section: { slug: string; title: string } | null;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next (older) page, or null at the end. */
  next: string | null;
}

type AccessViewer = AccessSubject;


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
  /** The listing's access predicate when a narrower form of C2 applies (one section's items). */
  access?: SQL,
) {
  const orderColumn = order === "published" ? content.publishedAt : content.updatedAt;
  const after = decodeCursor(cursor);
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
      homeSectionId: content.homeSectionId,
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
  const homeVisible = isVisibleSectionRow(viewer, { id: sql`home.id`, effectivelyRestricted: sql`home.effectively_restricted` });
  const shareVisible = isVisibleSectionRow(viewer, { id: sql`s_sh.id`, effectivelyRestricted: sql`s_sh.effectively_restricted` });
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
      cursorAt: page.cursorAt,
      // The home section when visible, else a visible section the item is shared into. Each is
      // a lookup by key for the page's rows only (a join would let PostgreSQL hash every section).
      section: sql<{ slug: string; title: string } | string | null>`coalesce(
        (select json_build_object('slug', home.slug, 'title', home.title) from sections home
          where home.id = ${qualified("page", "home_section_id")} and ${homeVisible}),
        (select json_build_object('slug', s_sh.slug, 'title', s_sh.title)
          from content_shares cs_sh join sections s_sh on s_sh.id = cs_sh.section_id
          where cs_sh.content_id = ${qualified("page", "id")} and ${shareVisible}
          order by s_sh.title limit 1)
      )`.as("section"),
    })
    .from(page)
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
    section: jsonColumn(r.section),
  }));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, next: last ? encodeCursor(last.cursorAt, last.id) : null };
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
  cursor_at: string;
  section: { slug: string; title: string } | null;
}

/** What sectionListingColumn's column holds (postgres.js parses json; PGlite may leave text). */
export type SectionListingValue = SummaryJson[] | string | null;

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/**
 * One section's listing as a JSON column of the query that reads the section itself (the
 * section page: one round trip for both). `sectionId` is that query's section id; the listing
 * is a page of items homed in or shared into it, with access decided by the section's
 * visibility (visibleInSectionListing, C2).
 */
export function sectionListingColumn(db: Db, viewer: AccessViewer, sectionId: SQL, cursor?: string | null, limit = PAGE_SIZE): SQL<SectionListingValue> {
  const listing = summaryQuery(db, viewer, listingWhere.section(sectionId, cursor, limit), "published", cursor, limit, visibleInSectionListing(viewer, sectionId));
  return sql<SectionListingValue>`(select coalesce(json_agg(l order by l.published_at desc nulls last, l.id desc nulls last), '[]') from (${listing}) l)`;
}

/** The page of summaries from sectionListingColumn's value. */
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
      cursorAt: r.cursor_at,
      section: r.section,
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
  section: (section: SectionRef, cursor?: string | null, limit = PAGE_SIZE) =>
    and(
      eq(content.status, "published"),
      sql`${content.id} in (select page_ids.id from (${sectionPage(section, decodeCursor(cursor), limit)}) page_ids)`,
    ),
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

/** A section by id, or as an SQL expression of its id (a column of the query it is part of). */
export type SectionRef = number | SQL;

/** Published items homed in or shared into one section. */
export async function listSectionContent(viewer: AccessViewer, section: SectionRef, cursor?: string | null, limit = PAGE_SIZE) {
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
  /**
   * E3: results (per-option counts) only once the viewer has voted, and always for the
   * home section's editors and managers; before that only the number of votes.
   */
  poll: {
    options: { id: number; label: string; votes: number | null }[];
    totalVotes: number;
    myVote: number | null;
    resultsVisible: boolean;
  } | null;
  home: { slug: string; title: string } | null;
  group: { slug: string; name: string } | null;
  /** Only sections the viewer can view (C3); whether they may stop sharing it there (C1). */
  sharedInto: { id: number; slug: string; title: string; mayStopSharing: boolean }[];
  /** Bumped by every save: forms and buttons send it back so a stale change is refused. */
  version: number;
  /** Which controls the page offers (C1, S7); the actions re-check each with can(). */
  permissions: ItemPermissions;
}

export type ContentLookup = { status: "ok"; item: ContentDetail } | { status: "forbidden" } | { status: "not-found" };

/** One item for its page: 403 when it exists but may not be viewed, 404 for secret-group content (C5). */
interface SharedRow {
  id: number;
  slug: string;
  title: string;
  mayStopSharing: boolean;
}
interface PollRow {
  id: number;
  label: string;
  votes: number;
  mine: boolean;
}

/** One query: the item, whether the viewer may view it, what they may do with it, and (only when visible) where it is shared and its poll. */
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
      authorName: sql<string>`(select p.name from people p where p.id = ${qualified("content", "author_id")})`,
      publishedAt: content.publishedAt,
      updatedAt: content.updatedAt,
      eventStartsAt: content.eventStartsAt,
      eventEndsAt: content.eventEndsAt,
      eventPlace: content.eventPlace,
      homeSlug: home.slug,
      homeTitle: home.title,
      groupSlug: groups.slug,
      groupName: groups.name,
      version: content.version,
      visible: sql<boolean>`cv.visible`,
      // Read with the item so the page can decide its controls without a query per
      // control (contentActionsFor); the actions themselves still ask can().
      homeRoles: rolesHeldOn(viewer, qualified("content", "home_section_id")),
      isAuthor: sql<boolean>`${content.authorId} = ${viewer.id}`,
      hasShareTarget: sql<boolean>`exists (
        select 1 from sections s_t
        where s_t.id is distinct from ${qualified("content", "home_section_id")}
          and s_t.id not in (select cs_t.section_id from content_shares cs_t where cs_t.content_id = ${qualified("content", "id")})
          ${viewer.isWebmaster ? sql`` : sql`and s_t.id in ${sectionsWithRole(viewer, ["editor", "manager"])}`}
      )`,
      secretToViewer: sql<boolean>`(${groups.visibility} = 'secret' and not exists (
        select 1 from ${groupMembers} where ${groupMembers.groupId} = ${groups.id} and ${groupMembers.personId} = ${viewer.id}
      ))`,
      // Only for a visible item: the visible sections it is shared into, and a poll's options.
      sharedInto: sql<SharedRow[] | string | null>`case when cv.visible then (
        select json_agg(json_build_object('id', s_sh.id, 'slug', s_sh.slug, 'title', s_sh.title, 'mayStopSharing', ${
          viewer.isWebmaster ? sql`true` : sql`s_sh.id in ${sectionsWithRole(viewer, ["editor", "manager"])}`
        }) order by s_sh.title, s_sh.id)
        from content_shares cs_sh join sections s_sh on s_sh.id = cs_sh.section_id
        where cs_sh.content_id = ${qualified("content", "id")}
          and ${isVisibleSectionRow(viewer, { id: sql`s_sh.id`, effectivelyRestricted: sql`s_sh.effectively_restricted` })}
      ) end`,
      pollOptions: sql<PollRow[] | string | null>`case when cv.visible and ${qualified("content", "type")} = 'poll' then (
        select json_agg(json_build_object(
          'id', po.id,
          'label', po.label,
          'votes', (select count(*)::int from poll_votes pv where pv.option_id = po.id),
          'mine', exists (select 1 from poll_votes pv where pv.option_id = po.id and pv.person_id = ${viewer.id})
        ) order by po.position)
        from poll_options po where po.content_id = ${qualified("content", "id")}
      ) end`,
    })
    .from(content)
    .innerJoinLateral(sql`(select ${visibleContent(viewer)} as visible) cv`, sql`true`)
    .leftJoin(home, and(eq(home.id, content.homeSectionId), isVisibleSectionRow(viewer, home)))
    .leftJoin(groups, eq(groups.id, content.homeGroupId))
    .where(eq(content.id, id))
    .limit(1);
  if (!row) return { status: "not-found" };
  if (!row.visible) return { status: row.secretToViewer && !viewer.isWebmaster ? "not-found" : "forbidden" };
  const rolesHeld = textArray(row.homeRoles);
  const allowed = contentActionsFor(viewer, { rolesHeld, isAuthor: row.isAuthor === true, status: row.status });
  const edit = allowed.has("content.edit");
  const permissions: ItemPermissions = {
    edit,
    publish: allowed.has("content.publish"),
    delete: allowed.has("content.delete"),
    history: allowed.has("content.history"),
    share: edit && row.hasShareTarget === true,
  };
  // E3: the home section's editors and managers (and webmasters) see poll results unvoted.
  const editsHome = viewer.isWebmaster || rolesHeld.includes("editor") || rolesHeld.includes("manager");

  const shared = jsonColumn(row.sharedInto) ?? [];
  const poll = row.type === "poll" ? (jsonColumn(row.pollOptions) ?? []) : null;

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
      poll: poll ? pollView(poll, editsHome) : null,
      home: row.homeSlug && row.homeTitle ? { slug: row.homeSlug, title: row.homeTitle } : null,
      group: row.groupSlug && row.groupName ? { slug: row.groupSlug, name: row.groupName } : null,
      sharedInto: shared.map((s) => ({ ...s, mayStopSharing: s.mayStopSharing === true })),
      version: row.version,
      permissions,
    },
  };
}

function pollView(options: { id: number; label: string; votes: number; mine: boolean }[], editsHome: boolean): NonNullable<ContentDetail["poll"]> {
  const myVote = options.find((o) => o.mine)?.id ?? null;
  const resultsVisible = myVote !== null || editsHome;
  return {
    // Counts are not even sent to someone who may not see them yet.
    options: options.map((o) => ({ id: o.id, label: o.label, votes: resultsVisible ? Number(o.votes) : null })),
    totalVotes: options.reduce((n, o) => n + Number(o.votes), 0),
    myVote,
    resultsVisible,
  };
}

// ---------------------------------------------------------------------------------------
// Authoring reads (issue 4): what the item page may offer, the edit form, share targets,
// version history. Each first decides viewing exactly as getContent does (403/404, C5),
// then the permission with can() (lib/access/policies.ts).

export interface ItemPermissions {
  edit: boolean;
  publish: boolean;
  delete: boolean;
  history: boolean;
  /** There is at least one section the viewer may share this item into (C1). */
  share: boolean;
}

/** The controls an item's page offers this viewer (read with the item by getContent); none when they may not view it. */
export async function getItemPermissions(viewer: AccessViewer, id: string): Promise<ItemPermissions> {
  const result = await getContent(viewer, id);
  return result.status === "ok" ? result.item.permissions : { edit: false, publish: false, delete: false, history: false, share: false };
}

/**
 * C1: the sections the viewer may share an item into: where they are editor or manager
 * (or everywhere, for webmasters), other than its home and the sections it is already in.
 * Empty when they may not edit the item.
 */
export async function listShareTargets(viewer: AccessViewer, id: string): Promise<{ id: number; title: string }[]> {
  if (!isUuid(id) || !(await can(viewer, "content.edit", { kind: "content", id }))) return [];
  const db = await getDb();
  return db
    .select({ id: sections.id, title: sections.title })
    .from(sections)
    .where(
      and(
        viewer.isWebmaster ? undefined : sql`${sections.id} in ${sectionsWithRole(viewer, ["editor", "manager"])}`,
        sql`${sections.id} is distinct from (select c_h.home_section_id from content c_h where c_h.id = ${id})`,
        sql`${sections.id} not in (select cs_t.section_id from content_shares cs_t where cs_t.content_id = ${id})`,
      ),
    )
    .orderBy(asc(sections.title), asc(sections.id));
}

export interface CreateContext {
  section: { id: number; slug: string; title: string };
  mayPublish: boolean;
}

/** `/sections/<slug>/new`: 404 / 403 as the section page answers, then 403 without content.create there. */
export async function getCreateContext(
  viewer: AccessViewer,
  slug: string,
): Promise<{ status: "ok"; context: CreateContext } | { status: "forbidden" } | { status: "not-found" }> {
  const db = await getDb();
  const [row] = await db
    .select({ id: sections.id, slug: sections.slug, title: sections.title, visible: sql<boolean>`${isVisibleSectionRow(viewer, sections)}` })
    .from(sections)
    .where(eq(sections.slug, slug))
    .limit(1);
  if (!row) return { status: "not-found" };
  if (!row.visible) return { status: "forbidden" };
  const resource = { kind: "section" as const, id: row.id };
  if (!(await can(viewer, "content.create", resource))) return { status: "forbidden" };
  return { status: "ok", context: { section: { id: row.id, slug: row.slug, title: row.title }, mayPublish: await can(viewer, "content.publishIn", resource) } };
}

export interface EditableContent {
  id: string;
  type: ContentType;
  title: string;
  /** The stored rich text, sanitised again before it reaches the editor (C6). */
  body: string;
  status: "draft" | "published";
  version: number;
  event: { startsDate: string; startsTime: string; endsDate: string; endsTime: string; place: string } | null;
  poll: { options: { id: number; label: string }[] } | null;
  home: { slug: string; title: string } | null;
  mayPublish: boolean;
}

/** The edit form's data: 404/403 as the item page, then 403 without content.edit. */
export async function getContentForEdit(
  viewer: AccessViewer,
  id: string,
): Promise<{ status: "ok"; item: EditableContent } | { status: "forbidden" } | { status: "not-found" }> {
  const seen = await getContent(viewer, id);
  if (seen.status !== "ok") return seen;
  if (!(await can(viewer, "content.edit", { kind: "content", id }))) return { status: "forbidden" };
  const db = await getDb();
  const [row] = await db.select().from(content).where(eq(content.id, id)).limit(1);
  if (!row) return { status: "not-found" };
  const options =
    row.type === "poll"
      ? await db.select({ id: pollOptions.id, label: pollOptions.label }).from(pollOptions).where(eq(pollOptions.contentId, id)).orderBy(asc(pollOptions.position))
      : null;
  const starts = row.eventStartsAt ? utcToZoned(row.eventStartsAt) : null;
  const ends = row.eventEndsAt ? utcToZoned(row.eventEndsAt) : null;
  return {
    status: "ok",
    item: {
      id: row.id,
      type: row.type,
      title: row.title,
      body: sanitizeRichText(row.body),
      status: row.status,
      version: row.version,
      event:
        row.type === "event"
          ? { startsDate: starts?.date ?? "", startsTime: starts?.time ?? "", endsDate: ends?.date ?? "", endsTime: ends?.time ?? "", place: row.eventPlace ?? "" }
          : null,
      poll: options ? { options } : null,
      home: seen.item.home,
      mayPublish: await can(viewer, "content.publish", { kind: "content", id }),
    },
  };
}

export interface VersionSummary {
  version: number;
  status: "draft" | "published";
  editorName: string;
  savedAt: Date;
}

export interface VersionSnapshot extends VersionSummary {
  title: string;
  /** Sanitised rich text as saved. */
  body: string;
  details: VersionDetailsView;
}

export interface VersionDetailsView {
  event?: { startsAt: string | null; endsAt: string | null; place: string | null };
  poll?: { options: string[] };
}

export interface ContentHistory {
  id: string;
  title: string;
  versions: VersionSummary[];
  /** The version compared with the one before it (the newest by default). */
  compared: { current: VersionSnapshot; previous: VersionSnapshot | null } | null;
}

/** `/content/<id>/history`: 404/403 as the item page, then 403 without content.history. */
export async function getContentHistory(
  viewer: AccessViewer,
  id: string,
  compare?: number,
): Promise<{ status: "ok"; history: ContentHistory } | { status: "forbidden" } | { status: "not-found" }> {
  const seen = await getContent(viewer, id);
  if (seen.status !== "ok") return seen;
  if (!(await can(viewer, "content.history", { kind: "content", id }))) return { status: "forbidden" };
  const db = await getDb();
  const versions = await db
    .select({ version: contentVersions.version, status: contentVersions.status, editorName: contentVersions.editorName, savedAt: contentVersions.savedAt })
    .from(contentVersions)
    .where(eq(contentVersions.contentId, id))
    .orderBy(desc(contentVersions.version));
  const target = compare && versions.some((v) => v.version === compare) ? compare : versions[0]?.version;
  let compared: ContentHistory["compared"] = null;
  if (target !== undefined) {
    const rows = await db
      .select()
      .from(contentVersions)
      .where(and(eq(contentVersions.contentId, id), inArray(contentVersions.version, [target, target - 1])));
    const snap = (v: number): VersionSnapshot | null => {
      const r = rows.find((x) => x.version === v);
      return r
        ? {
            version: r.version,
            status: r.status,
            editorName: r.editorName,
            savedAt: r.savedAt,
            title: r.title,
            body: sanitizeRichText(r.body),
            details: (jsonColumn(r.details as VersionDetailsView | string) ?? {}) as VersionDetailsView,
          }
        : null;
    };
    compared = { current: snap(target)!, previous: snap(target - 1) };
  }
  return { status: "ok", history: { id, title: seen.item.title, versions, compared } };
}
