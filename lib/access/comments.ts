import "server-only";
/**
 * Who may comment, turn comments off, edit, report and moderate (K1, K2, K3, E3), as SQL on
 * `content` (and `comments` joined to its item). The catalogue (policies.ts) decides its
 * comment entries with these, and the comment queries read the same predicates to decide
 * which controls to show, so a page and an action cannot disagree.
 *
 * Every rule includes "may view the item" (C2): nobody comments on, reports or moderates a
 * comment on an item they cannot open, whatever role they hold. These are the item's rules
 * of lib/comments/target.ts, which maps every comment target (items, ideas, wall posts,
 * queries) to its predicates; the rules on one comment, and the catalogue's decisions, are
 * in ./comment-targets.ts.
 */
import { type SQL, and, sql } from "drizzle-orm";
import { content } from "@/db/schema";
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
