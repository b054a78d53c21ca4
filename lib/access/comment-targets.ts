import "server-only";
/**
 * K1 K2 K3: the catalogue's comment decisions (policies.ts), on a comment target — an item,
 * an idea, a wall post or a query (lib/comments/target.ts maps each to its predicates; an
 * item's are in ./comments.ts) — or on one comment, as SQL on `comments` joined to its
 * target. The comment queries read the same predicates to decide which controls to show,
 * so a page and an action cannot disagree. Every rule includes "may view the target": nobody
 * edits, reports or moderates a comment on something they cannot open.
 */
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { comments } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { type TargetSpec, askOfTarget, isCommentTarget, onCommentTarget } from "@/lib/comments/target";
import type { AccessSubject } from "./types";

/** SQL on a `comments` row, K2 K3: the viewer moderates it (its target's moderators, lib/comments/target.ts). */
export function moderatedComments(viewer: AccessSubject): SQL {
  return onCommentTarget((t) => t.mayModerate(viewer));
}

/** K2 E3: one's own comment, not deleted, on a target (item, idea, wall post, query) one may still view. */
export function ownComments(viewer: AccessSubject): SQL {
  return and(eq(comments.authorId, viewer.id), sql`${comments.deletedAt} is null`, onCommentTarget((t) => t.mayView(viewer)))!;
}

/** K3: someone else's comment they can read (not deleted, not hidden) on a target they may view. */
export function reportableComments(viewer: AccessSubject): SQL {
  return and(
    sql`${comments.authorId} <> ${viewer.id}`,
    sql`${comments.deletedAt} is null`,
    sql`${comments.hiddenAt} is null`,
    onCommentTarget((t) => t.mayView(viewer)),
  )!;
}

/**
 * How the catalogue's comment entries are decided (policies.ts, PolicyDecision): on a
 * comment target ("commentViewers": may view it, "commenters", "commentsToggle") or on one
 * comment (the rest).
 */
export type CommentDecision = "commentViewers" | "commenters" | "commentsToggle" | "commentAuthor" | "commentReporters" | "commentModerators";

export function isCommentDecision(decidedBy: string): decidedBy is CommentDecision {
  return ["commentViewers", "commenters", "commentsToggle", "commentAuthor", "commentReporters", "commentModerators"].includes(decidedBy);
}

/** One catalogue decision on one comment target or one comment, in one query. */
export async function canOnComments(viewer: AccessSubject, decidedBy: CommentDecision, resource: { kind: string; id: unknown }, db: Db): Promise<boolean> {
  if (resource.kind === "commentTarget") {
    if (!isCommentTarget(resource.id)) return false;
    const pick = (t: TargetSpec) =>
      decidedBy === "commentViewers" ? t.mayView(viewer) : decidedBy === "commenters" ? t.mayComment(viewer) : decidedBy === "commentsToggle" ? t.mayToggle(viewer) : sql`false`;
    return askOfTarget(db, resource.id, pick);
  }
  if (resource.kind !== "comment" || typeof resource.id !== "string" || !isUuid(resource.id)) return false;
  const allowed =
    decidedBy === "commentAuthor"
      ? ownComments(viewer)
      : decidedBy === "commentReporters"
        ? reportableComments(viewer)
        : decidedBy === "commentModerators"
          ? moderatedComments(viewer)
          : sql`false`;
  const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(comments).where(eq(comments.id, resource.id)).limit(1);
  return row?.ok === true;
}
