"use server";
/**
 * Section management server actions (S1–S8). Each is built with defineAction, so it
 * re-reads the viewer, parses its input and checks its own permission in the
 * transaction it writes in, whatever page the form was on; every change is audited.
 */
import { z } from "zod";
import { defineAction, defineReadAction } from "@/lib/actions";
import { can } from "@/lib/access/policies";
import { pickPeople } from "@/lib/access/pickers";
import * as mutations from "./mutations";
import { applyAsPreviewed, previewImpact } from "./impact";
import { searchMoveTargets, searchTeamsToAdd, teamReach } from "./queries";
import {
  addMembersSchema,
  addTeamSchema,
  previewAddTeamSchema,
  previewAddMembersSchema,
  previewRemoveMembersSchema,
  previewRemoveTeamsSchema,
  previewRestrictedSchema,
  previewMoveSchema,
  changeRolesSchema,
  createSectionSchema,
  moveSectionSchema,
  removeMembersSchema,
  removeTeamsSchema,
  searchSchema,
  setRestrictedSchema,
  updateSectionSchema,
} from "./schemas";

const section = (input: { sectionId: number }) => ({ type: "section", id: input.sectionId });

export const addSectionMembers = defineAction({
  name: "section.members.add",
  input: addMembersSchema,
  authorize: "section.manage",
  // B4: as previewed (previewAddMembersImpact), or refused with the figures to check again.
  run: ({ tx, input }) => applyAsPreviewed(tx, input.sectionId, input.impactFingerprint, (t) => mutations.addMembers(t, input)),
  audit: (input, result) => ({ target: section(input), details: { personIds: input.personIds, externals: result.externals, acknowledgedS8: input.acknowledgeExternal } }),
});

export const removeSectionMembers = defineAction({
  name: "section.members.remove",
  input: removeMembersSchema,
  authorize: "section.manage",
  // B4: as previewed (previewRemoveMembersImpact), or refused with the figures to check again.
  run: ({ tx, input }) => applyAsPreviewed(tx, input.sectionId, input.impactFingerprint, (t) => mutations.removeMembers(t, input)),
  audit: (input) => ({ target: section(input), details: { personIds: input.personIds } }),
});

export const addSectionTeam = defineAction({
  name: "section.teams.add",
  input: addTeamSchema,
  authorize: "section.manage",
  // B4: as previewed (previewAddTeamImpact), or refused with the figures to check again.
  run: ({ tx, viewer, input }) => applyAsPreviewed(tx, input.sectionId, input.impactFingerprint, (t) => mutations.addTeam(t, viewer, input)),
  audit: (input, result) => ({ target: section(input), details: { teamId: input.teamId, includeChildren: input.includeChildren, ...result } }),
});

export const removeSectionTeams = defineAction({
  name: "section.teams.remove",
  input: removeTeamsSchema,
  authorize: "section.manage",
  // B4: as previewed (previewRemoveTeamsImpact), or refused with the figures to check again.
  run: ({ tx, input }) => applyAsPreviewed(tx, input.sectionId, input.impactFingerprint, (t) => mutations.removeTeams(t, input)),
  audit: (input) => ({ target: section(input), details: { teamIds: input.teamIds } }),
});

export const changeSectionRoles = defineAction({
  name: "section.roles.change",
  input: changeRolesSchema,
  authorize: "section.manage",
  run: ({ tx, input }) => mutations.changeRoles(tx, input),
  audit: (input, result) => ({
    target: section(input),
    details: { change: input.change, roles: input.roles, personIds: input.personIds, externals: result.externals, acknowledgedS8: input.acknowledgeExternal },
  }),
});

export const setSectionRestricted = defineAction({
  name: "section.restricted.set",
  input: setRestrictedSchema,
  authorize: "section.manage",
  // B4: as previewed (previewRestrictedImpact), or refused with the figures to check again.
  run: ({ tx, input }) => applyAsPreviewed(tx, input.sectionId, input.impactFingerprint, (t) => mutations.setRestricted(t, input)),
  audit: (input) => ({ target: section(input), details: { restricted: input.restricted } }),
});

export const updateSectionDetails = defineAction({
  name: "section.details.update",
  input: updateSectionSchema,
  authorize: "section.manage",
  run: ({ tx, viewer, input }) => mutations.updateDetails(tx, viewer, input),
  audit: (input, result) => ({ target: section(input), details: { title: input.title, slug: result.slug, previousSlug: result.previousSlug } }),
});

/** Managers create subsections (S7 cascade makes them managers there too); webmasters also top-level ones. */
export const createSection = defineAction({
  name: "section.create",
  input: createSectionSchema,
  authorize: {
    policies: ["section.createTopLevel", "section.createChild"],
    check: async ({ viewer, input, tx }) =>
      input.parentId === null ? can(viewer, "section.createTopLevel", null, tx) : can(viewer, "section.createChild", { kind: "section", id: input.parentId }, tx),
  },
  run: ({ tx, viewer, input }) => mutations.createSection(tx, viewer, input),
  audit: (input, result) => ({ target: { type: "section", id: result.id }, details: { parentId: input.parentId, slug: result.slug, restricted: input.restricted } }),
});

export const moveSection = defineAction({
  name: "section.move",
  input: moveSectionSchema,
  authorize: "section.move",
  // B4: as previewed (previewMoveImpact), or refused with the figures to check again.
  run: ({ tx, input }) => applyAsPreviewed(tx, input.sectionId, input.impactFingerprint, (t) => mutations.moveSection(t, input)),
  audit: (input) => ({ target: section(input), details: { newParentId: input.newParentId } }),
});

// Reads behind the forms' pickers: the same checks, no audit row. Managing the section
// lets one use them; whom they find is the one picker rule (lib/access/pickers.ts, E4, E5).

export const searchPeopleForSection = defineReadAction({
  input: searchSchema,
  authorize: "section.manage",
  run: ({ viewer, input, db }) => pickPeople(viewer, input.query, { db }),
});

export const searchTeamsForSection = defineReadAction({
  input: searchSchema,
  authorize: "section.manage",
  run: ({ viewer, input, db }) => searchTeamsToAdd(viewer, input.sectionId, input.query, db),
});

/** Null for a team that does not exist or that the viewer may not pick (the same answer, E5). */
export const teamReachForSection = defineReadAction({
  input: z.object({ sectionId: addTeamSchema.shape.sectionId, teamId: addTeamSchema.shape.teamId, includeChildren: z.boolean() }),
  authorize: "section.manage",
  run: ({ viewer, input, db }) => teamReach(input.teamId, input.includeChildren, db, viewer),
});

/** B4: what adding the people gives, and to whom (S8's acknowledgement is the save's), without saving it. */
export const previewAddMembersImpact = defineReadAction({
  input: previewAddMembersSchema,
  authorize: "section.manage",
  run: ({ input, db }) => previewImpact(db, input.sectionId, (tx) => mutations.addMembers(tx, { ...input, acknowledgeExternal: true })),
});

/** B4: what removing the people takes away (they may still view through a team, a section above, or an open section). */
export const previewRemoveMembersImpact = defineReadAction({
  input: previewRemoveMembersSchema,
  authorize: "section.manage",
  run: ({ input, db }) => previewImpact(db, input.sectionId, (tx) => mutations.removeMembers(tx, input)),
});

/** B4: what removing the teams takes away, and from whom, without saving it. */
export const previewRemoveTeamsImpact = defineReadAction({
  input: previewRemoveTeamsSchema,
  authorize: "section.manage",
  run: ({ input, db }) => previewImpact(db, input.sectionId, (tx) => mutations.removeTeams(tx, input)),
});

/** B4: what adding the team gives, and to whom, measured on the real data without saving it. */
export const previewAddTeamImpact = defineReadAction({
  input: previewAddTeamSchema,
  authorize: "section.manage",
  run: ({ viewer, input, db }) => previewImpact(db, input.sectionId, (tx) => mutations.addTeam(tx, viewer, { ...input, acknowledgeExternal: true })),
});

/** B4: what setting or lifting Restricted does, and to whom, measured on the real data without saving it. */
export const previewRestrictedImpact = defineReadAction({
  input: previewRestrictedSchema,
  authorize: "section.manage",
  run: ({ input, db }) => previewImpact(db, input.sectionId, (tx) => mutations.setRestricted(tx, { ...input, confirmed: true })),
});

/** B4: what moving the section does to who can view it and the sections below it, without saving it. */
export const previewMoveImpact = defineReadAction({
  input: previewMoveSchema,
  authorize: "section.move",
  run: ({ input, db }) => previewImpact(db, input.sectionId, (tx) => mutations.moveSection(tx, input)),
});

export const searchMoveTargetsForSection = defineReadAction({
  input: searchSchema,
  authorize: "section.move",
  run: ({ input, db }) => searchMoveTargets(input.sectionId, input.query, db),
});
