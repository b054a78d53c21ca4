import "server-only";
/**
 * Who may comment, turn comments off, edit, report and moderate (K1, K2, K3, E3), as SQL on
 * `content` (and `comments` joined to its item). The catalogue (policies.ts) decides its
 * comment entries with these, and the comment queries read the same predicates to decide
 * which controls to show, so a page and an action cannot disagree.
 *
 * Every rule includes "may view the item" (C2): nobody comments on, reports or moderates a
 * comment on an item they cannot open, whatever role they hold.
 */
import { type SQL, and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { comments, content } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { sectionsWithRole, visibleContent, visiblePublishedContent } from "./filters";
import { changeableGroupItems, groupsWhereAdmin } from "./group-roles";
import type { AccessSubject } from "./types";

/** K1: anyone who may view the item, while it is published (drafts take no comments). */
export function commentableContent(viewer: AccessSubject): SQL {
  return visiblePublishedContent(viewer);
}

/**
 * K1: who turns an item's comments off and on: its author, its home section's editors and
 * managers (S7 cascade), its group's admins (the author while a member, G5 G6), webmasters.
 */
export function commentsToggleContent(viewer: AccessSubject): SQL {
  if (viewer.isWebmaster) return sql`true`;
  return and(
    visibleContent(viewer),
    sql`(${content.homeSectionId} in ${sectionsWithRole(viewer, ["manager", "editor"])}
      or (${content.authorId} = ${viewer.id} and ${content.homeSectionId} is not null)
      or ${changeableGroupItems(viewer)})`,
  )!;
}

/**
 * K2 K3: who moderates an item's comments: managers of its home section (or of a section
 * above it, S7), admins of its home group (G5), webmasters — each only while they may view it.
 */
export function moderatedContent(viewer: AccessSubject): SQL {
  if (viewer.isWebmaster) return sql`true`;
  return and(
    visibleContent(viewer),
    sql`(${content.homeSectionId} in ${sectionsWithRole(viewer, ["manager"])} or ${content.homeGroupId} in ${groupsWhereAdmin(viewer)})`,
  )!;
}

/** K2 E3: one's own comment, not deleted, on an item one may still view. */
export function ownComments(viewer: AccessSubject): SQL {
  return and(eq(comments.authorId, viewer.id), sql`${comments.deletedAt} is null`, visibleContent(viewer))!;
}

/** K3: someone else's comment they can read (not deleted, not hidden) on an item they may view. */
export function reportableComments(viewer: AccessSubject): SQL {
  return and(
    sql`${comments.authorId} <> ${viewer.id}`,
    sql`${comments.deletedAt} is null`,
    sql`${comments.hiddenAt} is null`,
    visibleContent(viewer),
  )!;
}

/** How the catalogue's comment entries are decided (policies.ts, PolicyDecision). */
export type CommentDecision = "commenters" | "commentsToggle" | "commentAuthor" | "commentReporters" | "commentModerators";

export function isCommentDecision(decidedBy: string): decidedBy is CommentDecision {
  return ["commenters", "commentsToggle", "commentAuthor", "commentReporters", "commentModerators"].includes(decidedBy);
}

/** One catalogue decision on one item ("commenters", "commentsToggle") or one comment (the rest), in one query. */
export async function canOnComments(viewer: AccessSubject, decidedBy: CommentDecision, resource: { kind: string; id: unknown }, db: Db): Promise<boolean> {
  if (typeof resource.id !== "string" || !isUuid(resource.id)) return false;
  if (resource.kind === "content") {
    const allowed = decidedBy === "commenters" ? commentableContent(viewer) : decidedBy === "commentsToggle" ? commentsToggleContent(viewer) : sql`false`;
    const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(content).where(eq(content.id, resource.id)).limit(1);
    return row?.ok === true;
  }
  if (resource.kind !== "comment") return false;
  const allowed =
    decidedBy === "commentAuthor"
      ? ownComments(viewer)
      : decidedBy === "commentReporters"
        ? reportableComments(viewer)
        : decidedBy === "commentModerators"
          ? moderatedContent(viewer)
          : sql`false`;
  const [row] = await db
    .select({ ok: sql<boolean>`${allowed}` })
    .from(comments)
    .innerJoin(content, eq(content.id, comments.contentId))
    .where(eq(comments.id, resource.id))
    .limit(1);
  return row?.ok === true;
}
