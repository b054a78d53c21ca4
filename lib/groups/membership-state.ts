import "server-only";
/**
 * The viewer's standing in a group, as the membership controls show it (G1, G3, G5, E5):
 * member or admin, invited, asked to join, or outside with the right to join or ask. Its
 * columns are read by the group page's own query (lib/groups/queries.ts) and by the
 * actions' tests through `membershipState`; the actions decide again themselves.
 */
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "@/db/client";
import { groupMembers, groups } from "@/db/schema";
import { visibleGroups } from "@/lib/access/filters";
import { groupRelation } from "@/lib/access/policies";
import type { AccessSubject } from "@/lib/access/types";

export type MembershipStateName = "admin" | "member" | "requested" | "invited" | "none";

export interface MembershipState {
  state: MembershipStateName;
  /** G1 G3 E5: may join (public) / ask to join (private) now; false for members. */
  mayJoin: boolean;
  mayRequest: boolean;
  /** G5: the viewer is the group's only admin (so may not leave). */
  onlyAdmin: boolean;
}

/**
 * Columns of a query over `groups` that say how the viewer stands to the row's group,
 * beside its membership ("admin" | "member" | "none") read by the same query.
 */
export function membershipStateColumns(viewer: AccessSubject) {
  return {
    invited: groupRelation(viewer, "invited").mapWith(Boolean),
    requested: groupRelation(viewer, "requested").mapWith(Boolean),
    mayJoin: groupRelation(viewer, "mayJoin").mapWith(Boolean),
    mayRequest: groupRelation(viewer, "mayRequest").mapWith(Boolean),
    // Counted only for an admin, the one person it matters to (G5): not for every reader of a large group.
    otherAdmins: sql<number>`(case when exists (select 1 from group_members gs_a where gs_a.group_id = ${groups.id} and gs_a.person_id = ${viewer.id} and gs_a.is_admin)
      then (select count(*)::int from group_members gs_o where gs_o.group_id = ${groups.id} and gs_o.is_admin and gs_o.person_id <> ${viewer.id}) else 0 end)`.mapWith(Number),
  };
}

type StateColumns = { [K in keyof ReturnType<typeof membershipStateColumns>]: K extends "otherAdmins" ? number : boolean };

/** The state from the membership and the columns above. */
export function toMembershipState(membership: "admin" | "member" | "none", row: StateColumns): MembershipState {
  const state: MembershipStateName = membership !== "none" ? membership : row.invited ? "invited" : row.requested ? "requested" : "none";
  const outside = state === "none";
  return { state, mayJoin: outside && row.mayJoin, mayRequest: outside && row.mayRequest, onlyAdmin: membership === "admin" && row.otherAdmins === 0 };
}

/**
 * How the viewer stands to a group they can see, on its own. Null when the group is
 * unknown or not visible to them.
 */
export async function membershipState(viewer: AccessSubject, groupId: number, given?: Db): Promise<MembershipState | null> {
  if (!Number.isSafeInteger(groupId)) return null;
  const db = given ?? (await getDb());
  const member = alias(groupMembers, "gm_self");
  const [row] = await db
    .select({ isMember: sql<boolean>`${member.personId} is not null`, isAdmin: sql<boolean>`coalesce(${member.isAdmin}, false)`, ...membershipStateColumns(viewer) })
    .from(groups)
    .leftJoin(member, and(eq(member.groupId, groups.id), eq(member.personId, viewer.id)))
    .where(and(eq(groups.id, groupId), visibleGroups(viewer)))
    .limit(1);
  if (!row) return null;
  return toMembershipState(row.isAdmin ? "admin" : row.isMember ? "member" : "none", row);
}
