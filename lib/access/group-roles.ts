import "server-only";
/**
 * How the viewer stands in groups, as SQL, and what that lets them write (G2, G5, G6):
 * the groups they belong to and administer, their role in one group, who may post in a
 * group (content and files alike: one rule), and who may change an item homed in a group.
 * Groups have no editor role: members publish their own items directly, and the group's
 * admins moderate every item in it. Membership is read live, so someone who leaves a group
 * keeps nothing of it, their own items included.
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { content } from "@/db/schema";
import type { AccessSubject } from "./types";

/** How the viewer stands in one group: "none" for someone who is not a member. */
export type GroupRole = "admin" | "member" | "none";

/** The ids of the groups the viewer is a member of (admins are members). */
export const groupsWhereMember = (viewer: AccessSubject): SQL => sql`(select gm.group_id from group_members gm where gm.person_id = ${viewer.id})`;

/** The ids of the groups the viewer administers. */
export const groupsWhereAdmin = (viewer: AccessSubject): SQL =>
  sql`(select gm.group_id from group_members gm where gm.person_id = ${viewer.id} and gm.is_admin)`;

/** The viewer's role in the group whose id is in `column`, as one column. */
export function groupRoleIn(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL<GroupRole> {
  return sql<GroupRole>`coalesce((select case when gm_role.is_admin then 'admin' else 'member' end
    from group_members gm_role where gm_role.group_id = ${column} and gm_role.person_id = ${viewer.id}), 'none')`;
}

/**
 * True when the viewer may post in the group in `column`: write content (C1) or upload a
 * file (G7). G2: its members — external members too, with or without the Groups switch
 * (G3: the groups they are in stay theirs); G5: webmasters, in every group.
 */
export function mayPostInGroup(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL {
  if (viewer.isWebmaster) return sql`${column} is not null`;
  return sql`${column} in ${groupsWhereMember(viewer)}`;
}

/**
 * True when the viewer administers the group in `group`, or is `owner` while a member of
 * it: who may change something made in a group (G5: admins moderate it; its maker keeps it
 * while a member). Webmasters are the caller's to add.
 */
export function administeredOrOwnedWhileMember(viewer: AccessSubject, group: AnyPgColumn | SQL, owner: AnyPgColumn | SQL): SQL {
  // True or false, never null: an owner whose account is gone is null.
  return sql`(${group} in ${groupsWhereAdmin(viewer)} or (coalesce(${owner} = ${viewer.id}, false) and ${group} in ${groupsWhereMember(viewer)}))`;
}

/**
 * Predicate on `content`: an item homed in a group that the viewer may edit, publish or
 * unpublish, delete and read the history of: its author while a member (G2, G6), the
 * group's admins (G5: they moderate its content), webmasters (G5). False for items homed
 * in a section, whose section roles decide (S7).
 */
export function changeableGroupItems(viewer: AccessSubject): SQL {
  if (viewer.isWebmaster) return sql`${content.homeGroupId} is not null`;
  return administeredOrOwnedWhileMember(viewer, content.homeGroupId, content.authorId);
}

/**
 * The same rule as `changeableGroupItems`, from the facts a page read with the item: the
 * viewer's role in its home group and whether they wrote it.
 */
export function mayChangeGroupItemAs(viewer: Pick<AccessSubject, "isWebmaster">, role: GroupRole, isAuthor: boolean): boolean {
  return viewer.isWebmaster || role === "admin" || (role === "member" && isAuthor);
}

/** The same rule as `mayPostInGroup`, from the viewer's role in the group as a page read it. */
export function mayPostInGroupAs(viewer: Pick<AccessSubject, "isWebmaster">, role: GroupRole): boolean {
  return viewer.isWebmaster || role !== "none";
}
