import "server-only";
/**
 * What a person does for themself in a group (G1, G3, G5): join a public group, ask to
 * join a private one, cancel that request, accept or decline an invitation, leave. The
 * action has checked the permission (group.join, group.request …); each function locks
 * the group and checks again what the lock makes certain (the visibility now, the last admin).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { groupInvitations, groupJoinRequests, groupMembers } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { ActionError, REFUSED_MESSAGE } from "@/lib/actions";
import { recordNotificationEvent } from "@/lib/notifications/events";
import { admitMember, lockGroup, membershipOf, refuseLastAdmin } from "./mutations";

type Person = Pick<Viewer, "id" | "name">;

/** G1: joining a public group; joining twice (a double click) is answered, not refused. */
export async function joinGroup(tx: Db, viewer: Person, input: { groupId: number }) {
  const group = await lockGroup(tx, input.groupId);
  if (group.visibility !== "public") throw new ActionError(REFUSED_MESSAGE);
  const joined = await admitMember(tx, group.id, viewer.id);
  return { group, outcome: joined ? ("joined" as const) : ("already-member" as const) };
}

/**
 * G1: asking to join a private group, with an optional note; the admins are told. A group
 * that became secret meanwhile answers exactly as a missing group (nothing written).
 */
export async function requestToJoin(tx: Db, viewer: Person, input: { groupId: number; message: string }) {
  const group = await lockGroup(tx, input.groupId);
  if (group.visibility !== "private") throw new ActionError(REFUSED_MESSAGE);
  if (await membershipOf(tx, group.id, viewer.id)) throw new ActionError(`You are already a member of ${group.name}.`);
  const [invited] = await tx
    .select({ id: groupInvitations.id })
    .from(groupInvitations)
    .where(and(eq(groupInvitations.groupId, group.id), eq(groupInvitations.personId, viewer.id), eq(groupInvitations.status, "pending")))
    .limit(1);
  if (invited) throw new ActionError(`You are invited to ${group.name} already: accept the invitation instead.`);
  const [request] = await tx
    .insert(groupJoinRequests)
    .values({ groupId: group.id, personId: viewer.id, message: input.message })
    .onConflictDoNothing()
    .returning({ id: groupJoinRequests.id });
  if (!request) return { group, requestId: null, outcome: "already-requested" as const };
  // G1 K5: the admins are told (in the site, and by e-mail as each prefers) once this commits.
  await recordNotificationEvent(tx, { kind: "group_request", actorId: viewer.id, groupId: group.id });
  return { group, requestId: request.id, outcome: "requested" as const };
}

/** Cancelling one's own pending request. */
export async function cancelOwnRequest(tx: Db, viewer: Person, input: { groupId: number }) {
  const group = await lockGroup(tx, input.groupId);
  const cancelled = await tx
    .update(groupJoinRequests)
    .set({ status: "cancelled", decidedAt: new Date() })
    .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.personId, viewer.id), eq(groupJoinRequests.status, "pending")))
    .returning({ id: groupJoinRequests.id });
  return { group, requestId: cancelled[0]?.id ?? null };
}

/** G5: accepting (one becomes a member) or declining one's own pending invitation. */
export async function respondToInvitation(tx: Db, viewer: Person, input: { groupId: number; accept: boolean }) {
  const group = await lockGroup(tx, input.groupId);
  const [invitation] = await tx
    .update(groupInvitations)
    .set({ status: input.accept ? "accepted" : "declined", decidedAt: new Date() })
    .where(and(eq(groupInvitations.groupId, group.id), eq(groupInvitations.personId, viewer.id), eq(groupInvitations.status, "pending")))
    .returning({ id: groupInvitations.id });
  if (!invitation) throw new ActionError("This invitation is no longer open.");
  if (input.accept) await admitMember(tx, group.id, viewer.id);
  return { group, invitationId: invitation.id };
}

/** Leaving a group; the last admin cannot (G5). */
export async function leaveGroup(tx: Db, viewer: Person, input: { groupId: number }) {
  const group = await lockGroup(tx, input.groupId);
  const member = await membershipOf(tx, group.id, viewer.id);
  if (!member) return { group, left: false };
  if (member.isAdmin) await refuseLastAdmin(tx, group.id, viewer.id, "leave");
  await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.personId, viewer.id)));
  return { group, left: true };
}
