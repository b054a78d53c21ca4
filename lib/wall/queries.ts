import "server-only";
/**
 * Reading the Message Wall (G4 K2 K3 K4 E5). Every query ANDs the viewer's wall predicates
 * (lib/access/wall.ts) into its own SQL, so nothing here names or quotes a post for someone
 * who may not use the wall (E5: externals without the switch; nobody while the app is off).
 *
 * What a post's DTO carries is decided here, in the query: a hidden post's text, image and
 * reason reach only its author (the reason, and in the queue the text, also its moderators);
 * who reported a post is never read at all (K3).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { isUuid } from "@/db/sql";
import { people, wallFavourites, wallPostReports, wallPosts } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import type { AccessSubject } from "@/lib/access/types";
import { mayUseWallSql, ownWallPosts, readableWallPosts, reportableWallPosts, visibleWallPosts, wallModeratorSql } from "@/lib/access/wall";

export const WALL_PAGE_SIZE = 20;
export const WALL_QUEUE_PAGE_SIZE = 20;

const wallCursor = cursorCodec({ at: "timestamp", id: "uuid" });

export interface WallPostView {
  id: string;
  authorName: string;
  authorExternal: boolean;
  mine: boolean;
  createdAt: Date;
  edited: boolean;
  hidden: boolean;
  /** Null when this viewer may not read it (hidden, and neither theirs nor moderated by them). */
  body: string | null;
  image: { src: string; alt: string } | null;
  /** K2: why a moderator hid it; only for its author and the wall's moderators. */
  hiddenReason: string | null;
  favouriteCount: number;
  commentCount: number;
  favourite: boolean;
  /** K2: edit (when not hidden) and delete: its author. */
  mayEdit: boolean;
  mayDelete: boolean;
  /** K3: someone else's post they can read. */
  mayReport: boolean;
  /** K3: this viewer has an open report on it. */
  reported: boolean;
  /** K2: hide or restore it. */
  mayModerate: boolean;
  /** K2: the version an edit is made from (concurrent edits are refused). */
  version: string;
}

/** The columns of one post as this viewer may see it. */
function postColumns(viewer: AccessSubject) {
  const readable = readableWallPosts(viewer);
  const moderates = wallModeratorSql(viewer);
  return {
    id: wallPosts.id,
    authorName: people.name,
    authorAudience: people.audience,
    mine: sql<boolean>`(${wallPosts.authorId} = ${viewer.id})`,
    createdAt: wallPosts.createdAt,
    editedAt: wallPosts.editedAt,
    hiddenAt: wallPosts.hiddenAt,
    body: sql<string | null>`case when ${readable} then ${wallPosts.body} end`,
    imageId: sql<string | null>`case when ${readable} then ${wallPosts.imageId} end`,
    imageAlt: sql<string | null>`case when ${readable} then ${wallPosts.imageAlt} end`,
    hiddenReason: sql<string | null>`case when ${wallPosts.hiddenAt} is not null and (${wallPosts.authorId} = ${viewer.id} or ${moderates}) then ${wallPosts.hiddenReason} end`,
    favouriteCount: wallPosts.favouriteCount,
    commentCount: wallPosts.commentCount,
    favourite: sql<boolean>`exists (select 1 from wall_favourites wf_v where wf_v.wall_post_id = ${wallPosts.id} and wf_v.person_id = ${viewer.id})`,
    mayDelete: sql<boolean>`${ownWallPosts(viewer)}`,
    mayReport: sql<boolean>`${reportableWallPosts(viewer)}`,
    reported: sql<boolean>`exists (select 1 from wall_post_reports wr_v where wr_v.wall_post_id = ${wallPosts.id} and wr_v.reporter_id = ${viewer.id} and wr_v.status = 'open')`,
    mayModerate: sql<boolean>`${moderates}`,
    version: sql<string>`coalesce(${wallPosts.editedAt}, ${wallPosts.createdAt})::text`,
    cursorAt: sql<string>`${wallPosts.createdAt}::text`,
  };
}

type PostRow = {
  id: string;
  authorName: string;
  authorAudience: "organisational" | "external";
  mine: boolean;
  createdAt: Date;
  editedAt: Date | null;
  hiddenAt: Date | null;
  body: string | null;
  imageId: string | null;
  imageAlt: string | null;
  hiddenReason: string | null;
  favouriteCount: number;
  commentCount: number;
  favourite: boolean;
  mayDelete: boolean;
  mayReport: boolean;
  reported: boolean;
  mayModerate: boolean;
  version: string;
};

function toView(r: PostRow): WallPostView {
  const hidden = r.hiddenAt !== null;
  return {
    id: r.id,
    authorName: r.authorName,
    authorExternal: r.authorAudience === "external",
    mine: r.mine === true,
    createdAt: new Date(r.createdAt),
    edited: r.editedAt !== null,
    hidden,
    body: r.body,
    image: r.imageId && r.body !== null ? { src: `/api/uploads/${r.imageId}`, alt: r.imageAlt ?? "" } : null,
    hiddenReason: r.hiddenReason,
    favouriteCount: Number(r.favouriteCount),
    commentCount: Number(r.commentCount),
    favourite: r.favourite === true,
    mayEdit: r.mayDelete === true && !hidden,
    mayDelete: r.mayDelete === true,
    mayReport: r.mayReport === true,
    reported: r.reported === true,
    mayModerate: r.mayModerate === true,
    version: r.version,
  };
}

/**
 * listWallPosts' statement (a page and one more row), unexecuted, so benchmarks can EXPLAIN it.
 * The order names NULLS LAST as wall_posts_newest_idx has it (drizzle wrote the index so), or
 * the planner could not walk the index and would sort every post instead.
 */
export function wallListQuery(db: Db, viewer: AccessSubject, cursor: string | null | undefined, limit: number) {
  const after = wallCursor.decode(cursor);
  return db
    .select(postColumns(viewer))
    .from(wallPosts)
    .innerJoin(people, eq(people.id, wallPosts.authorId))
    .where(and(visibleWallPosts(viewer), after ? sql`(${wallPosts.createdAt}, ${wallPosts.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(sql`${wallPosts.createdAt} desc nulls last`, sql`${wallPosts.id} desc nulls last`)
    .limit(limit + 1);
}

/** G4: the wall, newest first, keyset-paged (ties on the time broken by id). Null when the viewer may not use it. */
export async function listWallPosts(
  viewer: AccessSubject,
  cursor?: string | null,
  options: { limit?: number; db?: Db } = {},
): Promise<{ items: WallPostView[]; next: string | null } | null> {
  const db = options.db ?? (await getDb());
  const limit = options.limit ?? WALL_PAGE_SIZE;
  const [usable] = rowsOf<{ ok: boolean }>(await db.execute(sql`select ${mayUseWallSql(viewer)} as ok`));
  if (usable?.ok !== true) return null;
  const rows = await wallListQuery(db, viewer, cursor, limit);
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? items[items.length - 1]! : null;
  return { items: items.map((r) => toView(r as PostRow)), next: last ? wallCursor.encode({ at: last.cursorAt, id: last.id }) : null };
}

/** G4: one post (its permalink), or null when it does not exist or the viewer may not use the wall. */
export async function getWallPost(viewer: AccessSubject, id: string, db?: Db): Promise<WallPostView | null> {
  if (!isUuid(id)) return null;
  const d = db ?? (await getDb());
  const [row] = await d
    .select(postColumns(viewer))
    .from(wallPosts)
    .innerJoin(people, eq(people.id, wallPosts.authorId))
    .where(and(eq(wallPosts.id, id.toLowerCase()), visibleWallPosts(viewer)))
    .limit(1);
  return row ? toView(row as PostRow) : null;
}

/** K4: the viewer's favourite posts they may read now, most recently favourited first (for /me/favourites). */
export async function listFavouriteWallPosts(
  viewer: AccessSubject,
  cursor?: string | null,
  limit = WALL_PAGE_SIZE,
): Promise<{ items: (WallPostView & { favouritedAt: Date })[]; next: string | null }> {
  const db = await getDb();
  const after = wallCursor.decode(cursor);
  const rows = await db
    .select({ ...postColumns(viewer), favouritedAt: wallFavourites.createdAt, favCursor: sql<string>`${wallFavourites.createdAt}::text` })
    .from(wallFavourites)
    .innerJoin(wallPosts, eq(wallPosts.id, wallFavourites.wallPostId))
    .innerJoin(people, eq(people.id, wallPosts.authorId))
    .where(
      and(
        eq(wallFavourites.personId, viewer.id),
        readableWallPosts(viewer),
        after ? sql`(${wallFavourites.createdAt} < ${after.at}::timestamptz or (${wallFavourites.createdAt} = ${after.at}::timestamptz and ${wallPosts.id} < ${after.id}::uuid))` : undefined,
      ),
    )
    .orderBy(desc(wallFavourites.createdAt), desc(wallPosts.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? items[items.length - 1]! : null;
  return {
    items: items.map((r) => ({ ...toView(r as PostRow), favouritedAt: new Date(r.favouritedAt) })),
    next: last ? wallCursor.encode({ at: last.favCursor, id: last.id }) : null,
  };
}

export interface WallQueueEntry {
  postId: string;
  authorName: string;
  /** The post's text as it stands (the moderator decides on it). */
  body: string;
  hidden: boolean;
  hiddenReason: string | null;
  createdAt: Date;
  /** K3: the open reports' reasons, oldest first; never who gave them. */
  reasons: string[];
  /** When the first open report came, or when it was hidden (no report). */
  since: Date;
}

/**
 * K2 K3: the wall's moderation queue for its moderators (webmasters and the people named):
 * posts with open reports, and hidden posts (to restore), the longest-waiting first,
 * keyset-paged. Null for anyone else (and while the wall is off). Reporters are not read.
 */
export async function listWallModerationQueue(viewer: AccessSubject, cursor?: string | null, limit = WALL_QUEUE_PAGE_SIZE): Promise<{ items: WallQueueEntry[]; next: string | null } | null> {
  const db = await getDb();
  const [moderates] = rowsOf<{ ok: boolean }>(await db.execute(sql`select ${wallModeratorSql(viewer)} as ok`));
  if (moderates?.ok !== true) return null;
  const since = sql`coalesce((select min(r_s.created_at) from wall_post_reports r_s where r_s.wall_post_id = ${wallPosts.id} and r_s.status = 'open'), ${wallPosts.hiddenAt})`;
  const q = db
    .select({
      postId: sql<string>`${wallPosts.id}`.as("post_id"),
      authorName: sql<string>`${people.name}`.as("author_name"),
      body: sql<string>`${wallPosts.body}`.as("body"),
      hiddenAt: sql<Date | null>`${wallPosts.hiddenAt}`.as("hidden_at"),
      hiddenReason: sql<string | null>`${wallPosts.hiddenReason}`.as("hidden_reason"),
      createdAt: sql<Date>`${wallPosts.createdAt}`.as("created_at"),
      reasons: sql<string[]>`coalesce((select array_agg(r_a.reason order by r_a.created_at, r_a.id) from wall_post_reports r_a where r_a.wall_post_id = ${wallPosts.id} and r_a.status = 'open'), '{}')`.as("reasons"),
      since: sql<Date>`${since}`.as("since"),
    })
    .from(wallPosts)
    .innerJoin(people, eq(people.id, wallPosts.authorId))
    .where(
      and(
        wallModeratorSql(viewer),
        sql`(${wallPosts.hiddenAt} is not null or exists (select 1 from ${wallPostReports} r_o where r_o.wall_post_id = ${wallPosts.id} and r_o.status = 'open'))`,
      ),
    )
    .as("q");
  const after = wallCursor.decode(cursor);
  const rows = await db
    .select({
      postId: q.postId,
      authorName: q.authorName,
      body: q.body,
      hiddenAt: q.hiddenAt,
      hiddenReason: q.hiddenReason,
      createdAt: q.createdAt,
      reasons: q.reasons,
      since: q.since,
      sinceText: sql<string>`${q.since}::text`.as("since_text"),
    })
    .from(q)
    .where(after ? sql`(${q.since} > ${after.at}::timestamptz or (${q.since} = ${after.at}::timestamptz and ${q.postId} > ${after.id}::uuid))` : undefined)
    .orderBy(sql`q.since`, sql`q.post_id`)
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({
    postId: r.postId,
    authorName: r.authorName,
    body: r.body,
    hidden: r.hiddenAt !== null,
    hiddenReason: r.hiddenReason,
    createdAt: new Date(r.createdAt),
    reasons: Array.isArray(r.reasons) ? r.reasons : [],
    since: new Date(r.since),
  }));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, next: last ? wallCursor.encode({ at: last.sinceText, id: last.postId }) : null };
}
