import "server-only";
/**
 * Reading comments (K1 K2 K3): an item's conversation for its page, and the moderation
 * queue. Every query joins the comments to their item and ANDs the viewer's access predicate
 * in (C2, C4), so nothing here names or quotes a comment on an item the viewer cannot open.
 *
 * What a comment's DTO carries is decided here, in the query, not by the page: a hidden
 * comment's text and reason reach only its author (the reason also its moderators); a
 * deleted one's text is gone; who reported a comment is never read at all (K3).
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { isUuid } from "@/db/sql";
import { comments, commentReports, content, contentConversation, people } from "@/db/schema";
import { commentableContent, commentsToggleContent, moderatedContent } from "@/lib/access/comments";
import { cursorCodec } from "@/lib/access/cursor";
import { visibleContent } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import type { CommentOrder } from "./schemas";

export const COMMENTS_PAGE_SIZE = 20;
/** Replies shown under one comment (K1: one level; a thread longer than this says so). */
export const REPLIES_SHOWN = 50;
export const MODERATION_PAGE_SIZE = 20;

const commentCursor = cursorCodec({ at: "timestamp", id: "uuid" });

export interface CommentView {
  id: string;
  authorName: string;
  mine: boolean;
  createdAt: Date;
  edited: boolean;
  state: "shown" | "hidden" | "deleted";
  /** Null when this viewer may not read it: deleted, or hidden and not theirs. */
  body: string | null;
  /** K2: why a moderator hid it; only for its author and the item's moderators. */
  hiddenReason: string | null;
  /** K3: someone else's comment they can read. */
  mayReport: boolean;
}

export interface Thread extends CommentView {
  replies: CommentView[];
  /** More replies than REPLIES_SHOWN exist. */
  moreReplies: boolean;
}

export interface ItemConversation {
  commentsOff: boolean;
  /** C4: the item's comment count as listings show it. */
  count: number;
  /** K1: may write a comment now (published, visible, comments on). */
  mayComment: boolean;
  /** K1: may turn comments off and on. */
  mayToggle: boolean;
  /** K2: may hide and restore comments here. */
  mayModerate: boolean;
  order: CommentOrder;
  threads: Thread[];
  /** Cursor of the next page of top-level comments, or null. */
  next: string | null;
}

/** The columns of one comment as this viewer may see it. */
function commentColumns(viewer: AccessSubject, moderates: boolean) {
  const mine = sql<boolean>`(${comments.authorId} = ${viewer.id})`;
  const modSql = moderates ? sql`true` : sql`false`;
  // Aliased: the replies read these columns through a subquery.
  return {
    id: comments.id,
    authorName: people.name,
    mine: mine.as("mine"),
    createdAt: comments.createdAt,
    editedAt: comments.editedAt,
    deletedAt: comments.deletedAt,
    hiddenAt: comments.hiddenAt,
    // K2: a hidden comment's text for its author only; a deleted one's is empty anyway.
    body: sql<string | null>`case when ${comments.deletedAt} is not null then null
      when ${comments.hiddenAt} is not null and not ${mine} then null else ${comments.body} end`.as("shown_body"),
    hiddenReason: sql<string | null>`case when ${comments.hiddenAt} is not null and (${mine} or ${modSql}) then ${comments.hiddenReason} end`.as("shown_reason"),
    cursorAt: sql<string>`${comments.createdAt}::text`.as("cursor_at"),
  };
}

type CommentRowOut = {
  id: string;
  authorName: string;
  mine: boolean;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  body: string | null;
  hiddenReason: string | null;
};

function toView(row: CommentRowOut): CommentView {
  const state = row.deletedAt ? "deleted" : row.hiddenAt ? "hidden" : "shown";
  return {
    id: row.id,
    authorName: row.authorName,
    mine: row.mine === true,
    createdAt: new Date(row.createdAt),
    edited: row.editedAt !== null && state === "shown",
    state,
    body: row.body,
    hiddenReason: row.hiddenReason,
    mayReport: state === "shown" && row.mine !== true,
  };
}

/**
 * K1: an item's conversation for its page: what the viewer may do, and one page of
 * top-level comments (newest or oldest first, keyset-paged) with up to REPLIES_SHOWN replies
 * each, oldest first. Null when the viewer may not view the item.
 */
export async function getItemConversation(viewer: AccessSubject, contentId: string, options: { order: CommentOrder; cursor?: string | null }): Promise<ItemConversation | null> {
  if (!isUuid(contentId)) return null;
  const db = await getDb();
  const [facts] = await db
    .select({
      commentsOff: sql<boolean>`coalesce(${contentConversation.commentsOff}, false)`,
      count: sql<number>`coalesce(${contentConversation.commentCount}, 0)`,
      mayComment: sql<boolean>`${commentableContent(viewer)}`,
      mayToggle: sql<boolean>`${commentsToggleContent(viewer)}`,
      mayModerate: sql<boolean>`${moderatedContent(viewer)}`,
    })
    .from(content)
    .leftJoin(contentConversation, eq(contentConversation.contentId, content.id))
    .where(and(eq(content.id, contentId), visibleContent(viewer)))
    .limit(1);
  if (!facts) return null;
  const mayModerate = facts.mayModerate === true;

  const after = commentCursor.decode(options.cursor);
  const newest = options.order === "newest";
  const keyset = after
    ? newest
      ? sql`(${comments.createdAt} < ${after.at}::timestamptz or (${comments.createdAt} = ${after.at}::timestamptz and ${comments.id} < ${after.id}::uuid))`
      : sql`(${comments.createdAt} > ${after.at}::timestamptz or (${comments.createdAt} = ${after.at}::timestamptz and ${comments.id} > ${after.id}::uuid))`
    : undefined;
  const top = await db
    .select(commentColumns(viewer, mayModerate))
    .from(comments)
    .innerJoin(people, eq(people.id, comments.authorId))
    // The item's visibility was decided just above (facts): no comment is read unless it passed.
    .where(and(eq(comments.contentId, contentId), isNull(comments.parentId), keyset))
    .orderBy(newest ? desc(comments.createdAt) : asc(comments.createdAt), newest ? desc(comments.id) : asc(comments.id))
    .limit(COMMENTS_PAGE_SIZE + 1);
  const shown = top.slice(0, COMMENTS_PAGE_SIZE);
  const last = top.length > COMMENTS_PAGE_SIZE ? shown[shown.length - 1]! : null;

  const repliesByParent = new Map<string, CommentView[]>();
  const more = new Set<string>();
  if (shown.length) {
    const ranked = db
      .select({
        ...commentColumns(viewer, mayModerate),
        parentId: sql<string>`${comments.parentId}`.as("parent_id"),
        rank: sql<number>`row_number() over (partition by ${comments.parentId} order by ${comments.createdAt}, ${comments.id})`.as("rank"),
      })
      .from(comments)
      .innerJoin(people, eq(people.id, comments.authorId))
      .where(and(inArray(comments.parentId, shown.map((r) => r.id)), eq(comments.contentId, contentId)))
      .as("ranked");
    const replies = await db.select().from(ranked).where(sql`${ranked.rank} <= ${REPLIES_SHOWN + 1}`).orderBy(ranked.parentId, ranked.rank);
    for (const r of replies) {
      if (Number(r.rank) > REPLIES_SHOWN) {
        more.add(r.parentId);
        continue;
      }
      const list = repliesByParent.get(r.parentId) ?? [];
      list.push(toView(r as CommentRowOut));
      repliesByParent.set(r.parentId, list);
    }
  }

  return {
    commentsOff: facts.commentsOff === true,
    count: Number(facts.count),
    mayComment: facts.mayComment === true,
    mayToggle: facts.mayToggle === true,
    mayModerate,
    order: options.order,
    threads: shown.map((r) => ({ ...toView(r), replies: repliesByParent.get(r.id) ?? [], moreReplies: more.has(r.id) })),
    next: last ? commentCursor.encode({ at: last.cursorAt, id: last.id }) : null,
  };
}

export interface ReportedComment {
  commentId: string;
  item: { id: string; title: string };
  authorName: string;
  /** The comment's text as it stands (the moderator decides on it); null once deleted. */
  body: string | null;
  state: "shown" | "hidden" | "deleted";
  createdAt: Date;
  /** K3: the reasons given, oldest first; never who gave them. */
  reasons: string[];
  firstReportedAt: Date;
}

const queueCursor = cursorCodec({ at: "timestamp", id: "uuid" });

/**
 * K3: the moderation queue: comments with open reports that the viewer may hide (their
 * item's section managers, S7 cascade; its group's admins; webmasters), and only on items
 * they may view. Oldest report first, keyset-paged. Reporters are not read.
 */
export async function listReportedComments(viewer: AccessSubject, cursor?: string | null, limit = MODERATION_PAGE_SIZE): Promise<{ items: ReportedComment[]; next: string | null }> {
  const db = await getDb();
  const grouped = db
    .select({
      commentId: sql<string>`${comments.id}`.as("comment_id"),
      itemId: sql<string>`${content.id}`.as("item_id"),
      itemTitle: sql<string>`${content.title}`.as("item_title"),
      authorName: sql<string>`${people.name}`.as("author_name"),
      body: sql<string | null>`case when ${comments.deletedAt} is null then ${comments.body} end`.as("body"),
      deletedAt: sql<Date | null>`${comments.deletedAt}`.as("deleted_at"),
      hiddenAt: sql<Date | null>`${comments.hiddenAt}`.as("hidden_at"),
      createdAt: sql<Date>`${comments.createdAt}`.as("created_at"),
      reasons: sql<string[]>`array_agg(${commentReports.reason} order by ${commentReports.createdAt}, ${commentReports.id})`.as("reasons"),
      firstAt: sql<string>`min(${commentReports.createdAt})`.as("first_at"),
    })
    .from(commentReports)
    .innerJoin(comments, eq(comments.id, commentReports.commentId))
    .innerJoin(content, eq(content.id, comments.contentId))
    .innerJoin(people, eq(people.id, comments.authorId))
    .where(and(eq(commentReports.status, "open"), moderatedContent(viewer)))
    .groupBy(comments.id, content.id, people.id)
    .as("q");
  const after = queueCursor.decode(cursor);
  const rows = await db
    .select({
      commentId: grouped.commentId,
      itemId: grouped.itemId,
      itemTitle: grouped.itemTitle,
      authorName: grouped.authorName,
      body: grouped.body,
      deletedAt: grouped.deletedAt,
      hiddenAt: grouped.hiddenAt,
      createdAt: grouped.createdAt,
      reasons: grouped.reasons,
      firstAt: grouped.firstAt,
      firstAtText: sql<string>`${grouped.firstAt}::text`.as("first_at_text"),
    })
    .from(grouped)
    .where(after ? sql`(${grouped.firstAt} > ${after.at}::timestamptz or (${grouped.firstAt} = ${after.at}::timestamptz and ${grouped.commentId} > ${after.id}::uuid))` : undefined)
    .orderBy(asc(grouped.firstAt), asc(grouped.commentId))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({
    commentId: r.commentId,
    item: { id: r.itemId, title: r.itemTitle },
    authorName: r.authorName,
    body: r.body,
    state: r.deletedAt ? ("deleted" as const) : r.hiddenAt ? ("hidden" as const) : ("shown" as const),
    createdAt: new Date(r.createdAt),
    reasons: Array.isArray(r.reasons) ? r.reasons : [],
    firstReportedAt: new Date(r.firstAt),
  }));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, next: last ? queueCursor.encode({ at: last.firstAtText, id: last.commentId }) : null };
}

export interface HiddenComment {
  commentId: string;
  item: { id: string; title: string };
  authorName: string;
  body: string;
  reason: string | null;
  hiddenAt: Date;
}

/** K2: comments hidden on items the viewer moderates, most recently hidden first: where they restore one. */
export async function listHiddenComments(viewer: AccessSubject, cursor?: string | null, limit = MODERATION_PAGE_SIZE): Promise<{ items: HiddenComment[]; next: string | null }> {
  const db = await getDb();
  const after = queueCursor.decode(cursor);
  const rows = await db
    .select({
      commentId: comments.id,
      itemId: content.id,
      itemTitle: content.title,
      authorName: people.name,
      body: comments.body,
      reason: comments.hiddenReason,
      hiddenAt: comments.hiddenAt,
      hiddenAtText: sql<string>`${comments.hiddenAt}::text`,
    })
    .from(comments)
    .innerJoin(content, eq(content.id, comments.contentId))
    .innerJoin(people, eq(people.id, comments.authorId))
    .where(
      and(
        sql`${comments.hiddenAt} is not null`,
        isNull(comments.deletedAt),
        moderatedContent(viewer),
        after ? sql`(${comments.hiddenAt} < ${after.at}::timestamptz or (${comments.hiddenAt} = ${after.at}::timestamptz and ${comments.id} < ${after.id}::uuid))` : undefined,
      ),
    )
    .orderBy(desc(comments.hiddenAt), desc(comments.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({
    commentId: r.commentId,
    item: { id: r.itemId, title: r.itemTitle },
    authorName: r.authorName,
    body: r.body,
    reason: r.reason,
    hiddenAt: r.hiddenAt!,
  }));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, next: last ? queueCursor.encode({ at: last.hiddenAtText, id: last.commentId }) : null };
}
