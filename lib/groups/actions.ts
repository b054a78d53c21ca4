"use server";
/**
 * The group server actions (G1–G5, E5, S8). Each is built with defineAction: the viewer is
 * re-read, the input parsed, the catalogue entry (lib/access/policies.ts) decided inside
 * the transaction, and the change audited (M8) in that same transaction.
 */
import { revalidatePath } from "next/cache";
import { pickPeople } from "@/lib/access/pickers";
import { measureGroupVisibilityImpact } from "@/lib/access/impact/group-impact";
import { rolledBack } from "@/lib/access/impact/rollback";
import { previewed, refuseUnlessAsPreviewed } from "@/lib/previewed-impact";
import { defineAction, defineReadAction } from "@/lib/actions";
import { deleteReleasedObjects } from "@/lib/storage/lifecycle";
import * as admin from "./admin-mutations";
import { groupManagePath, groupPath } from "./mail";
import * as own from "./membership-mutations";
import {
  cancelInvitationInput,
  createGroupInput,
  decideRequestInput,
  deleteGroupInput,
  groupOnlyInput,
  memberInput,
  peopleToGroupInput,
  requestToJoinInput,
  respondInvitationInput,
  searchGroupPeopleInput,
  setAdminInput,
  setVisibilityInput,
  previewVisibilityInput,
  updateGroupInput,
} from "./schemas";

const target = (groupId: number) => ({ type: "group", id: groupId });

/** The group's pages (the other engineer's directory and group page, and ours) show the change at once. */
function refresh(slug: string) {
  revalidatePath("/groups");
  revalidatePath(groupPath(slug));
  revalidatePath(groupManagePath(slug));
}

// ── Creating and administering (G5: admins and webmasters; creating: organisational people, E5) ──

export const createGroupAction = defineAction({
  name: "group.create",
  input: createGroupInput,
  authorize: "group.create",
  run: async ({ viewer, input, tx }) => {
    const group = await admin.createGroup(tx, viewer, input);
    revalidatePath("/groups");
    return group;
  },
  audit: (input, result) => ({ target: target(result.id), details: { name: input.name, slug: result.slug, visibility: input.visibility } }),
});

export const updateGroupAction = defineAction({
  name: "group.update",
  input: updateGroupInput,
  authorize: "group.manage",
  run: async ({ input, tx }) => {
    const result = await admin.updateGroup(tx, input);
    refresh(result.slug);
    return null;
  },
  audit: (input) => ({ target: target(input.groupId), details: { name: input.name } }),
});

export const setGroupVisibilityAction = defineAction({
  name: "group.visibility.set",
  input: setVisibilityInput,
  authorize: "group.manage",
  run: async ({ input, tx }) => {
    // B4: as previewed (previewGroupVisibilityImpact), or refused with the figures to check again.
    if (input.impactFingerprint !== undefined) refuseUnlessAsPreviewed(await measureGroupVisibilityImpact(tx, input.groupId, input.visibility), input.impactFingerprint);
    const result = await admin.setVisibility(tx, input);
    refresh(result.slug);
    return { from: result.from, to: result.to };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: result }),
});

/** B4: who gains or loses reading the group's content with the new visibility, without saving it. */
export const previewGroupVisibilityImpact = defineReadAction({
  input: previewVisibilityInput,
  authorize: "group.manage",
  run: async ({ input, db }) => previewed(await rolledBack(db, (tx) => measureGroupVisibilityImpact(tx, input.groupId, input.visibility))),
});

/** Deletes the group, its content and files (confirmed by its name); the stored objects go once the rows are gone. */
export const deleteGroupAction = defineAction({
  name: "group.delete",
  input: deleteGroupInput,
  authorize: "group.manage",
  run: async ({ input, tx }) => {
    const result = await admin.deleteGroup(tx, input);
    revalidatePath("/groups");
    return result;
  },
  audit: (input, result) => ({ target: target(input.groupId), details: { name: result.name, slug: result.slug, ...result.counts } }),
  afterCommit: (result) => deleteReleasedObjects(result.storedObjects),
});

export const addGroupMembersAction = defineAction({
  name: "group.members.add",
  input: peopleToGroupInput,
  authorize: "group.manage",
  run: async ({ input, tx }) => {
    const result = await admin.addMembers(tx, input);
    refresh(result.slug);
    return { added: result.added.length, externals: result.externals };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: { personIds: input.personIds, added: result.added, externals: result.externals, acknowledgedS8: input.acknowledgeExternal } }),
});

export const removeGroupMemberAction = defineAction({
  name: "group.members.remove",
  input: memberInput,
  authorize: "group.manage",
  run: async ({ input, tx }) => {
    const result = await admin.removeMember(tx, input);
    refresh(result.slug);
    return { removed: result.removed };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: { personId: input.personId, removed: result.removed } }),
});

export const setGroupAdminAction = defineAction({
  name: "group.admins.set",
  input: setAdminInput,
  authorize: "group.manage",
  run: async ({ input, tx }) => {
    const result = await admin.setAdmin(tx, input);
    refresh(result.slug);
    return { changed: result.changed };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: { personId: input.personId, isAdmin: input.isAdmin, changed: result.changed } }),
});

export const decideGroupRequestAction = defineAction({
  name: "group.request.decide",
  input: decideRequestInput,
  authorize: "group.manage",
  run: async ({ viewer, input, tx }) => {
    const result = await admin.decideRequest(tx, viewer, input);
    refresh(result.slug);
    return { outcome: result.outcome, status: result.status };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: { requestId: input.requestId, decision: input.decision, outcome: result.outcome } }),
});

export const inviteToGroupAction = defineAction({
  name: "group.invitations.create",
  input: peopleToGroupInput,
  authorize: "group.manage",
  run: async ({ viewer, input, tx }) => {
    const result = await admin.invitePeople(tx, viewer, input);
    refresh(result.slug);
    return { invited: result.invited.length, skipped: result.skipped, externals: result.externals };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: { personIds: input.personIds, invited: result.invited, skipped: result.skipped, externals: result.externals, acknowledgedS8: input.acknowledgeExternal } }),
});

export const cancelGroupInvitationAction = defineAction({
  name: "group.invitations.cancel",
  input: cancelInvitationInput,
  authorize: "group.manage",
  run: async ({ input, tx }) => {
    const result = await admin.cancelInvitation(tx, input);
    refresh(result.slug);
    return { cancelled: result.cancelled, personId: result.personId };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: { invitationId: input.invitationId, personId: result.personId, cancelled: result.cancelled } }),
});

// ── One's own place in a group (G1, G3, G5) ──

export const joinGroupAction = defineAction({
  name: "group.join",
  input: groupOnlyInput,
  authorize: "group.join",
  run: async ({ viewer, input, tx }) => {
    const result = await own.joinGroup(tx, viewer, input);
    refresh(result.group.slug);
    return { outcome: result.outcome };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: { outcome: result.outcome } }),
});

export const requestToJoinGroupAction = defineAction({
  name: "group.request",
  input: requestToJoinInput,
  authorize: "group.request",
  run: async ({ viewer, input, tx }) => {
    const result = await own.requestToJoin(tx, viewer, input);
    refresh(result.group.slug);
    return { outcome: result.outcome, requestId: result.requestId };
  },
  // The note is the requester's own words to the admins: its length is enough for the log.
  audit: (input, result) => ({ target: target(input.groupId), details: { requestId: result.requestId, outcome: result.outcome, messageLength: input.message.length } }),
});

export const cancelGroupRequestAction = defineAction({
  name: "group.request.cancel",
  input: groupOnlyInput,
  authorize: "group.request.cancel",
  run: async ({ viewer, input, tx }) => {
    const result = await own.cancelOwnRequest(tx, viewer, input);
    refresh(result.group.slug);
    return { requestId: result.requestId };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: result }),
});

export const respondToGroupInvitationAction = defineAction({
  name: "group.invitation.respond",
  input: respondInvitationInput,
  authorize: "group.invitation.respond",
  run: async ({ viewer, input, tx }) => {
    const result = await own.respondToInvitation(tx, viewer, input);
    refresh(result.group.slug);
    return { accepted: input.accept, slug: result.group.slug };
  },
  audit: (input) => ({ target: target(input.groupId), details: { accept: input.accept } }),
});

export const leaveGroupAction = defineAction({
  name: "group.leave",
  input: groupOnlyInput,
  authorize: "group.leave",
  run: async ({ viewer, input, tx }) => {
    const result = await own.leaveGroup(tx, viewer, input);
    refresh(result.group.slug);
    return { left: result.left };
  },
  audit: (input, result) => ({ target: target(input.groupId), details: result }),
});

// ── The person picker behind "Add members" and "Invite" (G5): admins may use it; whom it finds is E4/E5's rule ──

export const searchPeopleForGroup = defineReadAction({
  input: searchGroupPeopleInput,
  authorize: "group.manage",
  run: ({ viewer, input, db }) => pickPeople(viewer, input.query, { db }),
});
