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
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { comments, commentReports, content, ideas, orgQueries, people, wallPosts } from "@/db/schema";
import { moderatedComments } from "@/lib/access/comment-targets";
import { cursorCodec } from "@/lib/access/cursor";
import { profileLink } from "@/lib/people/profile-link";
import type { AccessSubject } from "@/lib/access/types";
import type { CommentOrder } from "./schemas";
import { type CommentTarget, TARGETS, commentsOn, isCommentTarget, targetHref } from "./target";

export const COMMENTS_PAGE_SIZE = 20;
/** Replies shown under one comment (K1: one level; a thread longer than this says so). */
export const REPLIES_SHOWN = 50;
export const MODERATION_PAGE_SIZE = 20;

const commentCursor = cursorCodec({ at: "timestamp", id: "uuid" });

export interface CommentView {
  id: string;
  authorId: string;
  authorName: string;
  /** The viewer may open the author's profile (P6 E4 E5). */
  authorLinked: boolean;
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
    authorId: comments.authorId,
    authorName: people.name,
    // P6 E4 E5: the name links to the profile only for those who may open it.
    authorLinked: profileLink(viewer, people.id, people.blocked).as("author_linked"),
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
  authorId: string;
  authorName: string;
  authorLinked: boolean;
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
    authorId: row.authorId,
    authorName: row.authorName,
    authorLinked: row.authorLinked === true,
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
 * K1: a comment target's conversation for its page (an item, idea, wall post or query,
 * lib/comments/target.ts): what the viewer may do, and one page of top-level comments
 * (newest or oldest first, keyset-paged) with up to REPLIES_SHOWN replies each, oldest
 * first. Null when the viewer may not view the target.
 */
export async function getConversation(viewer: AccessSubject, target: CommentTarget, options: { order: CommentOrder; cursor?: string | null }): Promise<ItemConversation | null> {
  if (!isCommentTarget(target)) return null;
  const spec = TARGETS[target.kind];
  const db = await getDb();
  const [facts] = await db
    .select({
      commentsOff: sql<boolean>`${spec.commentsOff}`,
      count: sql<number>`${spec.count}`,
      mayComment: sql<boolean>`${spec.mayComment(viewer)}`,
      mayToggle: sql<boolean>`${spec.mayToggle(viewer)}`,
      mayModerate: sql<boolean>`${spec.mayModerate(viewer)}`,
    })
    .from(spec.table)
    .where(and(eq(spec.id, target.id), spec.mayView(viewer)))
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
    // The target's visibility was decided just above (facts): no comment is read unless it passed.
    .where(and(commentsOn(target), isNull(comments.parentId), keyset))
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
      .where(and(inArray(comments.parentId, shown.map((r) => r.id)), commentsOn(target)))
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

/**
 * Where a comment in the moderation queue is: its target, the target's page, and its name
 * as a phrase ("Partner news", "the idea “…”", "a wall post by …", "the query “…”"). Read
 * only for comments the viewer moderates, who may view their targets (lib/comments/target.ts).
 */
export interface CommentPlace {
  target: CommentTarget;
  href: string;
  label: string;
}

const wallAuthor = alias(people, "wall_author");

/** The columns CommentPlace is made of, for a query that left-joins every target (placeJoins). */
function placeColumns() {
  return {
    targetKind: sql<CommentTarget["kind"]>`case when ${comments.contentId} is not null then 'content'
      when ${comments.ideaId} is not null then 'idea' when ${comments.wallPostId} is not null then 'wallPost' else 'query' end`.as("target_kind"),
    targetId: sql<string>`coalesce(${comments.contentId}, ${comments.ideaId}, ${comments.wallPostId}, ${comments.queryId})`.as("target_id"),
    targetTitle: sql<string | null>`coalesce(${content.title}, ${ideas.title}, ${orgQueries.title})`.as("target_title"),
    wallAuthorName: sql<string | null>`${wallAuthor.name}`.as("wall_author_name"),
  };
}

function placeOf(row: { targetKind: CommentTarget["kind"]; targetId: string; targetTitle: string | null; wallAuthorName: string | null }): CommentPlace {
  const target = { kind: row.targetKind, id: row.targetId };
  const label =
    row.targetKind === "content"
      ? (row.targetTitle ?? "an item")
      : row.targetKind === "idea"
        ? `the idea “${row.targetTitle ?? ""}”`
        : row.targetKind === "wallPost"
          ? `a wall post by ${row.wallAuthorName ?? "someone"}`
          : `the query “${row.targetTitle ?? ""}”`;
  return { target, href: targetHref(target), label };
}

export interface ReportedComment {
  commentId: string;
  place: CommentPlace;
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
 * item's section managers, S7 cascade; its group's admins; webmasters; the app's moderators
 * for ideas, wall posts and queries), and only on targets they may view. Oldest report first, keyset-paged. Reporters are not read.
 */
export async function listReportedComments(viewer: AccessSubject, cursor?: string | null, limit = MODERATION_PAGE_SIZE): Promise<{ items: ReportedComment[]; next: string | null }> {
  const db = await getDb();
  const grouped = db
    .select({
      commentId: sql<string>`${comments.id}`.as("comment_id"),
      ...placeColumns(),
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
    .innerJoin(people, eq(people.id, comments.authorId))
    // Each comment's target (one of them matches) and a wall post's author, to name where it is.
    .leftJoin(content, eq(content.id, comments.contentId))
    .leftJoin(ideas, eq(ideas.id, comments.ideaId))
    .leftJoin(wallPosts, eq(wallPosts.id, comments.wallPostId))
    .leftJoin(wallAuthor, eq(wallAuthor.id, wallPosts.authorId))
    .leftJoin(orgQueries, eq(orgQueries.id, comments.queryId))
    .where(and(eq(commentReports.status, "open"), moderatedComments(viewer)))
    .groupBy(comments.id, people.id, content.id, ideas.id, wallPosts.id, wallAuthor.id, orgQueries.id)
    .as("q");
  const after = queueCursor.decode(cursor);
  const rows = await db
    .select({
      commentId: grouped.commentId,
      targetKind: grouped.targetKind,
      targetId: grouped.targetId,
      targetTitle: grouped.targetTitle,
      wallAuthorName: grouped.wallAuthorName,
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
    place: placeOf(r),
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
  place: CommentPlace;
  authorName: string;
  body: string;
  reason: string | null;
  hiddenAt: Date;
}

/** K2: comments hidden on targets the viewer moderates, most recently hidden first: where they restore one. */
export async function listHiddenComments(viewer: AccessSubject, cursor?: string | null, limit = MODERATION_PAGE_SIZE): Promise<{ items: HiddenComment[]; next: string | null }> {
  const db = await getDb();
  const after = queueCursor.decode(cursor);
  const rows = await db
    .select({
      commentId: comments.id,
      ...placeColumns(),
      authorName: people.name,
      body: comments.body,
      reason: comments.hiddenReason,
      hiddenAt: comments.hiddenAt,
      hiddenAtText: sql<string>`${comments.hiddenAt}::text`,
    })
    .from(comments)
    .innerJoin(people, eq(people.id, comments.authorId))
    .leftJoin(content, eq(content.id, comments.contentId))
    .leftJoin(ideas, eq(ideas.id, comments.ideaId))
    .leftJoin(wallPosts, eq(wallPosts.id, comments.wallPostId))
    .leftJoin(wallAuthor, eq(wallAuthor.id, wallPosts.authorId))
    .leftJoin(orgQueries, eq(orgQueries.id, comments.queryId))
    .where(
      and(
        sql`${comments.hiddenAt} is not null`,
        isNull(comments.deletedAt),
        moderatedComments(viewer),
        after ? sql`(${comments.hiddenAt} < ${after.at}::timestamptz or (${comments.hiddenAt} = ${after.at}::timestamptz and ${comments.id} < ${after.id}::uuid))` : undefined,
      ),
    )
    .orderBy(desc(comments.hiddenAt), desc(comments.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({
    commentId: r.commentId,
    place: placeOf(r),
    authorName: r.authorName,
    body: r.body,
    reason: r.reason,
    hiddenAt: r.hiddenAt!,
  }));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, next: last ? queueCursor.encode({ at: last.hiddenAtText, id: last.commentId }) : null };
}
