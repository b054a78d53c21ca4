import "server-only";
/**
 * K1 K2 K3: what comments hang off — a comment target — and the one place that maps each
 * kind of target to its column on `comments`, its table, who may view it (and so read,
 * write and report its comments), who turns its comments off, who moderates them, where
 * its "comments off" switch and counter live, and its page's address. Every comment query,
 * mutation, permission (lib/access/comments.ts), mention suggestion and notification asks
 * here, so there is one implementation of comments whatever they hang off.
 *
 *   content   an item (section or group content): C2 S4–S7 G1–G6 (lib/access/comments.ts)
 *   idea      an idea (G8): whoever may use Ideas (E5, the app on); idea moderators moderate
 *   wallPost  a wall post: whoever may use the Message Wall, while the post is not hidden
 *             (its author and the wall's moderators still see a hidden one)
 *   query     a query: whoever may use Queries; the queries moderators moderate
 */
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { comments, content, contentConversation, ideas, orgQueries, wallPosts } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { appModeratorSql } from "@/lib/access/app-moderators";
import { commentableContent, commentsToggleContent, moderatedContent } from "@/lib/access/comments";
import { mayUseAppSql } from "@/lib/access/external-access";
import { visibleContent } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import type { SwitchableApp } from "@/lib/settings/schemas";
import { COMMENT_TARGET_KINDS, COMMENT_TARGET_NOUN, type CommentTarget, type CommentTargetKind } from "./schemas";

export type { CommentTarget, CommentTargetKind } from "./schemas";

export const COMMENTS_OFF_MESSAGE = "Comments are turned off for this item.";
export const NOT_PUBLISHED_MESSAGE = "This item is not published, so it takes no comments.";

export interface TargetSpec {
  kind: CommentTargetKind;
  /** The column of `comments` that points at a target of this kind. */
  column: AnyPgColumn;
  /** The target's table, and its id column. */
  table: PgTable;
  id: AnyPgColumn;
  /** The app it belongs to (E5: absent for whoever may not use it); null for content. */
  app: SwitchableApp | null;
  /** What the messages call it ("this idea"). */
  noun: string;
  /** SQL on the target's row: the viewer may view it, and so read and report its comments (K1 K3). */
  mayView: (viewer: AccessSubject) => SQL;
  /** SQL on the target's row: the viewer may comment on it (K1; whether comments are off is told apart). */
  mayComment: (viewer: AccessSubject) => SQL;
  /** SQL on the target's row: the viewer turns its comments off and on (K1). */
  mayToggle: (viewer: AccessSubject) => SQL;
  /** SQL on the target's row: the viewer hides and restores its comments and reads their reports (K2 K3). */
  mayModerate: (viewer: AccessSubject) => SQL;
  /** SQL on the target's row: its comments are turned off; how many comments it lists. */
  commentsOff: SQL;
  count: SQL;
  /** The target's page; its comments are at `#comments`. */
  href: (id: string) => string;
}

const wallModerator = (viewer: AccessSubject) => appModeratorSql(viewer, "messageWall");

export const TARGETS: Record<CommentTargetKind, TargetSpec> = {
  content: {
    kind: "content",
    column: comments.contentId,
    table: content,
    id: content.id,
    app: null,
    noun: COMMENT_TARGET_NOUN.content,
    mayView: (v) => visibleContent(v),
    mayComment: (v) => commentableContent(v),
    mayToggle: (v) => commentsToggleContent(v),
    mayModerate: (v) => moderatedContent(v),
    commentsOff: sql`coalesce((select cc_t.comments_off from content_conversation cc_t where cc_t.content_id = ${content.id}), false)`,
    count: sql`coalesce((select cc_t.comment_count from content_conversation cc_t where cc_t.content_id = ${content.id}), 0)`,
    href: (id) => `/content/${id}`,
  },
  idea: {
    kind: "idea",
    column: comments.ideaId,
    table: ideas,
    id: ideas.id,
    app: "ideas",
    noun: COMMENT_TARGET_NOUN.idea,
    mayView: (v) => mayUseAppSql(v, "ideas"),
    mayComment: (v) => mayUseAppSql(v, "ideas"),
    mayToggle: (v) => sql`(${mayUseAppSql(v, "ideas")} and (${ideas.authorId} = ${v.id} or ${appModeratorSql(v, "ideas")}))`,
    mayModerate: (v) => appModeratorSql(v, "ideas"),
    commentsOff: sql`${ideas.commentsOff}`,
    count: sql`${ideas.commentCount}`,
    href: (id) => `/ideas/${id}`,
  },
  wallPost: {
    kind: "wallPost",
    column: comments.wallPostId,
    table: wallPosts,
    id: wallPosts.id,
    app: "messageWall",
    noun: COMMENT_TARGET_NOUN.wallPost,
    // K2: a hidden post is gone for everyone but its author and the wall's moderators.
    mayView: (v) => sql`(${mayUseAppSql(v, "messageWall")} and (${wallPosts.hiddenAt} is null or ${wallPosts.authorId} = ${v.id} or ${wallModerator(v)}))`,
    mayComment: (v) => TARGETS.wallPost.mayView(v),
    mayToggle: (v) => sql`(${TARGETS.wallPost.mayView(v)} and (${wallPosts.authorId} = ${v.id} or ${wallModerator(v)}))`,
    mayModerate: (v) => wallModerator(v),
    commentsOff: sql`${wallPosts.commentsOff}`,
    count: sql`${wallPosts.commentCount}`,
    href: (id) => `/wall/${id}`,
  },
  query: {
    kind: "query",
    column: comments.queryId,
    table: orgQueries,
    id: orgQueries.id,
    app: "queries",
    noun: COMMENT_TARGET_NOUN.query,
    mayView: (v) => mayUseAppSql(v, "queries"),
    mayComment: (v) => mayUseAppSql(v, "queries"),
    mayToggle: (v) => sql`(${mayUseAppSql(v, "queries")} and (${orgQueries.askerId} = ${v.id} or ${appModeratorSql(v, "queries")}))`,
    mayModerate: (v) => appModeratorSql(v, "queries"),
    commentsOff: sql`${orgQueries.commentsOff}`,
    count: sql`${orgQueries.commentCount}`,
    href: (id) => `/queries/${id}`,
  },
};

export function isCommentTarget(value: unknown): value is CommentTarget {
  if (!value || typeof value !== "object") return false;
  const { kind, id } = value as { kind?: unknown; id?: unknown };
  return typeof kind === "string" && (COMMENT_TARGET_KINDS as readonly string[]).includes(kind) && typeof id === "string" && isUuid(id);
}

/** The target's page (its comments at `#comments`). */
export function targetHref(target: CommentTarget): string {
  return TARGETS[target.kind].href(target.id);
}

type Pick = (spec: TargetSpec) => SQL;

/** SQL: the target with id `idSql` exists and `pick`'s predicate holds on its row. */
export function onTargetById(kind: CommentTargetKind, idSql: SQL | AnyPgColumn, pick: Pick): SQL {
  const spec = TARGETS[kind];
  return sql`exists (select 1 from ${spec.table} where ${spec.id} = ${idSql} and ${pick(spec)})`;
}

/** SQL on a `comments` row: `pick`'s predicate holds on the comment's target. */
export function onCommentTarget(pick: Pick): SQL {
  return sql`(${sql.join(
    COMMENT_TARGET_KINDS.map((kind) => sql`(${TARGETS[kind].column} is not null and ${onTargetById(kind, TARGETS[kind].column, pick)})`),
    sql` or `,
  )})`;
}

/** SQL on a `comments` row: it is a comment on `target`. */
export function commentsOn(target: CommentTarget): SQL {
  return eq(TARGETS[target.kind].column, target.id);
}

/** The target of a comment row as read from the table. */
export function targetOfComment(row: { contentId: string | null; ideaId: string | null; wallPostId: string | null; queryId: string | null }): CommentTarget {
  if (row.contentId) return { kind: "content", id: row.contentId };
  if (row.ideaId) return { kind: "idea", id: row.ideaId };
  if (row.wallPostId) return { kind: "wallPost", id: row.wallPostId };
  return { kind: "query", id: row.queryId! };
}

/** The comment columns for a new comment on `target` (every other target column null). */
export function targetColumns(target: CommentTarget): { contentId: string | null; ideaId: string | null; wallPostId: string | null; queryId: string | null } {
  return {
    contentId: target.kind === "content" ? target.id : null,
    ideaId: target.kind === "idea" ? target.id : null,
    wallPostId: target.kind === "wallPost" ? target.id : null,
    queryId: target.kind === "query" ? target.id : null,
  };
}

/** Same target? */
export function sameTarget(a: CommentTarget, b: CommentTarget): boolean {
  return a.kind === b.kind && a.id.toLowerCase() === b.id.toLowerCase();
}

/** What lockTarget found: the target gone, an item not published (it takes no comments), or its switch. */
export type LockedTarget = { state: "gone" } | { state: "unpublished"; commentsOff: boolean } | { state: "open"; commentsOff: boolean };

/**
 * The target's comment switch, locked for the rest of the transaction: a comment and
 * "turn comments off" on the same target wait for each other, so no comment slips in after
 * comments were turned off (K1). An item's status is read under the same lock: an unpublish
 * that commits first is seen.
 */
export async function lockTarget(tx: Db, target: CommentTarget): Promise<LockedTarget> {
  if (target.kind === "content") {
    const [item] = await tx.select({ status: content.status }).from(content).where(eq(content.id, target.id)).for("share").limit(1);
    if (!item) return { state: "gone" };
    await tx.insert(contentConversation).values({ contentId: target.id }).onConflictDoNothing();
    const [row] = await tx.select({ commentsOff: contentConversation.commentsOff }).from(contentConversation).where(eq(contentConversation.contentId, target.id)).for("update");
    return { state: item.status === "published" ? "open" : "unpublished", commentsOff: row?.commentsOff ?? false };
  }
  const spec = TARGETS[target.kind];
  const [row] = await tx.select({ commentsOff: sql<boolean>`${spec.commentsOff}` }).from(spec.table).where(eq(spec.id, target.id)).for("update").limit(1);
  return row ? { state: "open", commentsOff: row.commentsOff === true } : { state: "gone" };
}

/** The message for a comment target that no longer exists. */
export function goneMessage(target: CommentTarget): string {
  const noun = TARGETS[target.kind].noun;
  return `${noun[0]!.toUpperCase()}${noun.slice(1)} no longer exists.`;
}

/** The message for a comment refused because comments are off. */
export function commentsOffMessage(target: CommentTarget): string {
  return target.kind === "content" ? COMMENTS_OFF_MESSAGE : `Comments are turned off for ${TARGETS[target.kind].noun}.`;
}

/** K1 C4: adds `by` to the target's comment count, in the transaction of the comment's change. */
export async function addToCount(tx: Db, target: CommentTarget, by: number): Promise<void> {
  switch (target.kind) {
    case "content":
      await tx
        .insert(contentConversation)
        .values({ contentId: target.id, commentCount: Math.max(by, 0) })
        .onConflictDoUpdate({ target: contentConversation.contentId, set: { commentCount: sql`greatest(${contentConversation.commentCount} + ${by}, 0)` } });
      return;
    case "idea":
      await tx.update(ideas).set({ commentCount: sql`greatest(${ideas.commentCount} + ${by}, 0)` }).where(eq(ideas.id, target.id));
      return;
    case "wallPost":
      await tx.update(wallPosts).set({ commentCount: sql`greatest(${wallPosts.commentCount} + ${by}, 0)` }).where(eq(wallPosts.id, target.id));
      return;
    case "query":
      await tx.update(orgQueries).set({ commentCount: sql`greatest(${orgQueries.commentCount} + ${by}, 0)` }).where(eq(orgQueries.id, target.id));
      return;
  }
}

/** K1: turns the target's comments off or on (after lockTarget). */
export async function writeCommentsOff(tx: Db, target: CommentTarget, off: boolean): Promise<void> {
  switch (target.kind) {
    case "content":
      await tx.update(contentConversation).set({ commentsOff: off }).where(eq(contentConversation.contentId, target.id));
      return;
    case "idea":
      await tx.update(ideas).set({ commentsOff: off }).where(eq(ideas.id, target.id));
      return;
    case "wallPost":
      await tx.update(wallPosts).set({ commentsOff: off }).where(eq(wallPosts.id, target.id));
      return;
    case "query":
      await tx.update(orgQueries).set({ commentsOff: off }).where(eq(orgQueries.id, target.id));
      return;
  }
}

/** One predicate of the target (`pick`) asked of one target, in one query; false for a target that does not exist. */
export async function askOfTarget(db: Db, target: CommentTarget, pick: Pick): Promise<boolean> {
  if (!isCommentTarget(target)) return false;
  const spec = TARGETS[target.kind];
  const [row] = await db.select({ ok: sql<boolean>`${pick(spec)}` }).from(spec.table).where(and(eq(spec.id, target.id))).limit(1);
  return row?.ok === true;
}
