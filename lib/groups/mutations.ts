import "server-only";
/**
 * What every group change shares (G1, G5): the group locked for the change, the
 * last-admin rule, and a person's place in a group settled when they join. Each runs in
 * the transaction of a server action that has checked its permission already
 * (lib/groups/actions.ts); the changes themselves are in admin-mutations.ts (what admins
 * and webmasters do) and membership-mutations.ts (what a person does for themself).
 */
import { and, count, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { groupInvitations, groupJoinRequests, groupMembers, groups } from "@/db/schema";
import { ActionError, REFUSED_MESSAGE } from "@/lib/actions";
import type { GroupVisibility } from "./schemas";

export interface LockedGroup {
  id: number;
  slug: string;
  name: string;
  visibility: GroupVisibility;
}

/**
 * The group, its row locked until the transaction ends: every change to one group's
 * members, admins, requests and invitations waits for the one before it, so two admins
 * removing each other at once cannot both see "another admin is left" (G5).
 * A group that is gone answers as a refusal does: the same words as a group one may not see (C5).
 */
export async function lockGroup(tx: Db, groupId: number): Promise<LockedGroup> {
  const [group] = await tx
    .select({ id: groups.id, slug: groups.slug, name: groups.name, visibility: groups.visibility })
    .from(groups)
    .where(eq(groups.id, groupId))
    .for("update")
    .limit(1);
  if (!group) throw new ActionError(REFUSED_MESSAGE);
  return group;
}

export const LAST_ADMIN_MESSAGE = {
  leave: "You are the group's only admin, so you cannot leave it. Make another member an admin first, or delete the group.",
  remove: "This person is the group's only admin and cannot be removed. Make another member an admin first.",
  demote: "This person is the group's only admin. Make another member an admin first.",
} as const;

/** G5: a group always keeps at least one admin. Call with the group locked (lockGroup). */
export async function refuseLastAdmin(tx: Db, groupId: number, personId: string, what: keyof typeof LAST_ADMIN_MESSAGE): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.isAdmin, true), ne(groupMembers.personId, personId)));
  if ((row?.n ?? 0) === 0) throw new ActionError(LAST_ADMIN_MESSAGE[what]);
}

/** The person's membership of the group, or null. */
export async function membershipOf(tx: Db, groupId: number, personId: string): Promise<{ isAdmin: boolean } | null> {
  const [row] = await tx
    .select({ isAdmin: groupMembers.isAdmin })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.personId, personId)))
    .limit(1);
  return row ?? null;
}

/**
 * Makes the person a member (nothing when they are one already) and closes whatever else
 * they had waiting in the group: a member has no pending request or invitation. The one
 * that brought them in is decided by the caller before this.
 */
export async function admitMember(tx: Db, groupId: number, personId: string, isAdmin = false): Promise<boolean> {
  const inserted = await tx.insert(groupMembers).values({ groupId, personId, isAdmin }).onConflictDoNothing().returning({ personId: groupMembers.personId });
  const now = new Date();
  await tx
    .update(groupJoinRequests)
    .set({ status: "cancelled", decidedAt: now })
    .where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.personId, personId), eq(groupJoinRequests.status, "pending")));
  await tx
    .update(groupInvitations)
    .set({ status: "cancelled", decidedAt: now })
    .where(and(eq(groupInvitations.groupId, groupId), eq(groupInvitations.personId, personId), eq(groupInvitations.status, "pending")));
  return inserted.length > 0;
}
