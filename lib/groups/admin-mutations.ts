import "server-only";
/**
 * What group admins and webmasters do (G1, G5, S8): create a group (organisational
 * people; the creator is its first admin), edit it, change its visibility, delete it with
 * its content, add and remove members, make and remove admins, decide join requests,
 * invite people and cancel invitations. The action has checked the permission; each
 * function locks the group (lockGroup) before it reads what it decides on.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { content, contentShares, contentVersions, groupFileVersions, groupFiles, groupInvitations, groupJoinRequests, groupMembers, groups, people, uploads } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { recordNotificationEvent } from "@/lib/notifications/events";
import { mailRequestDecision } from "./mail";
import { admitMember, lockGroup, membershipOf, refuseLastAdmin } from "./mutations";
import { GROUP_S8_TICK_MESSAGE, type GroupVisibility, RESERVED_GROUP_SLUGS, groupSlugFromName } from "./schemas";

type Person = Pick<Viewer, "id" | "name">;

/** G5: a new group, its address from its name, its creator its first admin. */
export async function createGroup(tx: Db, viewer: Person, input: { name: string; description: string; visibility: GroupVisibility }) {
  const slug = groupSlugFromName(input.name);
  if (!slug) throw new ActionError("Use at least one letter or number in the name: the group's web address is made from it.", "name");
  const clash = `A group with the web address /groups/${slug} already exists. Choose another name.`;
  if ((RESERVED_GROUP_SLUGS as readonly string[]).includes(slug)) throw new ActionError(`/groups/${slug} is a page of its own. Choose another name.`, "name");
  // The unique index decides a race; both answers say the same.
  const [group] = await tx
    .insert(groups)
    .values({ slug, name: input.name, description: input.description, visibility: input.visibility, createdBy: viewer.id })
    .onConflictDoNothing({ target: groups.slug })
    .returning({ id: groups.id, slug: groups.slug });
  if (!group) throw new ActionError(clash, "name");
  await tx.insert(groupMembers).values({ groupId: group.id, personId: viewer.id, isAdmin: true });
  return group;
}

/** The name and description; the address stays (links and bookmarks keep working). */
export async function updateGroup(tx: Db, input: { groupId: number; name: string; description: string }) {
  const group = await lockGroup(tx, input.groupId);
  await tx.update(groups).set({ name: input.name, description: input.description }).where(eq(groups.id, group.id));
  return { slug: group.slug, oldName: group.name };
}

/** G1: public, private or secret. What it exposes or hides was shown and confirmed in the form. */
export async function setVisibility(tx: Db, input: { groupId: number; visibility: GroupVisibility }) {
  const group = await lockGroup(tx, input.groupId);
  if (group.visibility !== input.visibility) await tx.update(groups).set({ visibility: input.visibility }).where(eq(groups.id, group.id));
  return { slug: group.slug, from: group.visibility, to: input.visibility };
}

/**
 * Deletes the group and everything in it, after its name was typed again. Content refers
 * to its group with ON DELETE RESTRICT (nothing goes by accident), so the items go first,
 * here, with their versions, shares, polls and image rows (their own cascades); then the
 * group with its members, requests, invitations and files (G7). Answers the counts for the
 * audit row, and the stored objects (images, file versions) to delete once the transaction
 * has committed.
 */
export async function deleteGroup(tx: Db, input: { groupId: number; confirmName: string }) {
  const group = await lockGroup(tx, input.groupId);
  if (input.confirmName.trim().toLowerCase() !== group.name.trim().toLowerCase()) {
    throw new ActionError(`Type the group's name exactly as shown (${group.name}) to delete it.`, "confirmName");
  }
  const homed = sql`(select c.id from content c where c.home_group_id = ${group.id})`;
  const [counts] = await tx
    .select({
      items: sql<number>`(select count(*)::int from content c where c.home_group_id = ${group.id})`,
      versions: sql<number>`(select count(*)::int from ${contentVersions} v where v.content_id in ${homed})`,
      shares: sql<number>`(select count(*)::int from ${contentShares} s where s.content_id in ${homed})`,
      members: sql<number>`(select count(*)::int from ${groupMembers} m where m.group_id = ${group.id})`,
      pendingRequests: sql<number>`(select count(*)::int from ${groupJoinRequests} r where r.group_id = ${group.id} and r.status = 'pending')`,
      pendingInvitations: sql<number>`(select count(*)::int from ${groupInvitations} i where i.group_id = ${group.id} and i.status = 'pending')`,
    })
    .from(groups)
    .where(eq(groups.id, group.id));
  const images = await tx.select({ id: uploads.id }).from(uploads).where(sql`${uploads.contentId} in ${homed}`);
  // G7: the group's files go with it (their versions' rows by cascade, which puts their keys in the storage ledger).
  const fileVersions = await tx
    .select({ key: groupFileVersions.storageKey })
    .from(groupFileVersions)
    .innerJoin(groupFiles, eq(groupFiles.id, groupFileVersions.fileId))
    .where(eq(groupFiles.groupId, group.id));
  await tx.delete(content).where(eq(content.homeGroupId, group.id));
  await tx.delete(groups).where(eq(groups.id, group.id));
  return {
    name: group.name,
    slug: group.slug,
    counts: { ...counts!, images: images.length, fileVersions: fileVersions.length },
    storedObjects: [...images.map((i) => i.id), ...fileVersions.map((v) => v.key)],
  };
}

/** The people chosen, checked: they exist, are not blocked, and S8 was acknowledged for external ones. */
async function chosenPeople(tx: Db, personIds: string[], acknowledgeExternal: boolean) {
  const ids = [...new Set(personIds)];
  const found = await tx.select({ id: people.id, name: people.name, audience: people.audience, blocked: people.blocked }).from(people).where(inArray(people.id, ids));
  if (found.length !== ids.length || found.some((p) => p.blocked)) {
    throw new ActionError("Someone you chose can no longer be added. Remove them and try again.", "personIds");
  }
  // S8: the server decides from the database, whatever the form said.
  if (found.some((p) => p.audience === "external") && !acknowledgeExternal) throw new ActionError(GROUP_S8_TICK_MESSAGE, "acknowledgeExternal");
  return found;
}

/** G5: admins add members directly; people already in the group stay as they are. */
export async function addMembers(tx: Db, input: { groupId: number; personIds: string[]; acknowledgeExternal: boolean }) {
  const group = await lockGroup(tx, input.groupId);
  const found = await chosenPeople(tx, input.personIds, input.acknowledgeExternal);
  const added: string[] = [];
  for (const person of found) if (await admitMember(tx, group.id, person.id)) added.push(person.id);
  return { slug: group.slug, added, externals: found.filter((p) => p.audience === "external").map((p) => p.id) };
}

export async function removeMember(tx: Db, input: { groupId: number; personId: string }) {
  const group = await lockGroup(tx, input.groupId);
  const member = await membershipOf(tx, group.id, input.personId);
  if (!member) return { slug: group.slug, removed: false };
  if (member.isAdmin) await refuseLastAdmin(tx, group.id, input.personId, "remove");
  await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.personId, input.personId)));
  return { slug: group.slug, removed: true };
}

export async function setAdmin(tx: Db, input: { groupId: number; personId: string; isAdmin: boolean }) {
  const group = await lockGroup(tx, input.groupId);
  const member = await membershipOf(tx, group.id, input.personId);
  if (!member) throw new ActionError("This person is not a member of the group any more.");
  if (member.isAdmin === input.isAdmin) return { slug: group.slug, changed: false };
  if (!input.isAdmin) await refuseLastAdmin(tx, group.id, input.personId, "demote");
  await tx.update(groupMembers).set({ isAdmin: input.isAdmin }).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.personId, input.personId)));
  return { slug: group.slug, changed: true };
}

/**
 * G1: approve (the requester becomes a member) or decline a pending request; the requester
 * is told. Idempotent: a request decided already (a double click, two admins at once) is
 * answered with what was decided, and nothing changes.
 */
export async function decideRequest(tx: Db, viewer: Person, input: { groupId: number; requestId: number; decision: "approve" | "decline" }) {
  const group = await lockGroup(tx, input.groupId);
  const [request] = await tx
    .select({ id: groupJoinRequests.id, personId: groupJoinRequests.personId, status: groupJoinRequests.status })
    .from(groupJoinRequests)
    .where(and(eq(groupJoinRequests.id, input.requestId), eq(groupJoinRequests.groupId, group.id)))
    .limit(1);
  if (!request) throw new ActionError("This request could not be found. Reload the page.");
  if (request.status !== "pending") return { slug: group.slug, personId: request.personId, outcome: "already-decided" as const, status: request.status };
  const approved = input.decision === "approve";
  await tx
    .update(groupJoinRequests)
    .set({ status: approved ? "approved" : "declined", decidedBy: viewer.id, decidedAt: new Date() })
    .where(eq(groupJoinRequests.id, request.id));
  if (approved) await admitMember(tx, group.id, request.personId);
  const mailed = await mailRequestDecision(tx, group, { id: request.id, personId: request.personId, approved });
  return { slug: group.slug, personId: request.personId, outcome: approved ? ("approved" as const) : ("declined" as const), status: approved ? "approved" : "declined", mailed };
}

/**
 * G5: invitations (organisational or external people, S8 acknowledged for external ones).
 * Members and people already invited are skipped; each new invitee is notified (K5).
 */
export async function invitePeople(tx: Db, viewer: Person, input: { groupId: number; personIds: string[]; acknowledgeExternal: boolean }) {
  const group = await lockGroup(tx, input.groupId);
  const found = await chosenPeople(tx, input.personIds, input.acknowledgeExternal);
  const members = new Set(
    (await tx.select({ id: groupMembers.personId }).from(groupMembers).where(and(eq(groupMembers.groupId, group.id), inArray(groupMembers.personId, found.map((p) => p.id))))).map((r) => r.id),
  );
  const invited: { id: number; personId: string }[] = [];
  for (const person of found) {
    if (members.has(person.id)) continue;
    const [row] = await tx
      .insert(groupInvitations)
      .values({ groupId: group.id, personId: person.id, invitedBy: viewer.id })
      .onConflictDoNothing()
      .returning({ id: groupInvitations.id, personId: groupInvitations.personId });
    if (!row) continue;
    invited.push(row);
  }
  // G5 K5: the new invitees are told (in the site, and by e-mail as each prefers) once this commits.
  if (invited.length) await recordNotificationEvent(tx, { kind: "group_invitation", actorId: viewer.id, groupId: group.id, recipientIds: invited.map((i) => i.personId) });
  return { slug: group.slug, invited, skipped: found.length - invited.length, externals: found.filter((p) => p.audience === "external").map((p) => p.id) };
}

export async function cancelInvitation(tx: Db, input: { groupId: number; invitationId: number }) {
  const group = await lockGroup(tx, input.groupId);
  const cancelled = await tx
    .update(groupInvitations)
    .set({ status: "cancelled", decidedAt: new Date() })
    .where(and(eq(groupInvitations.id, input.invitationId), eq(groupInvitations.groupId, group.id), eq(groupInvitations.status, "pending")))
    .returning({ personId: groupInvitations.personId });
  return { slug: group.slug, cancelled: cancelled.length > 0, personId: cancelled[0]?.personId ?? null };
}

