"use server";
/**
 * The team server actions (P5). Each is built with defineAction: the viewer is re-read,
 * the input parsed, `team.manage` checked inside the transaction (the team's admins,
 * admins of a team above it, webmasters), and the change audited (M8).
 */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { withLiveRights } from "@/lib/access/live-rights";
import { can } from "@/lib/access/policies";
import { getViewer } from "@/lib/access/viewer";
import { defineAction } from "@/lib/actions";
import type { PersonMatch } from "@/lib/people/search";
import { addTeamMembers, createChildTeam, removeTeamMember, renameTeam, setTeamAdmin } from "./mutations";
import { searchTeamCandidates } from "./queries";
import {
  addTeamMembersInput,
  createChildTeamInput,
  removeTeamMemberInput,
  renameTeamInput,
  searchTeamCandidatesInput,
  setTeamAdminInput,
} from "./schemas";

function refresh(key: string) {
  revalidatePath("/teams");
  revalidatePath(`/teams/${key}`);
}

export const addTeamMembersAction = defineAction({
  name: "team.members.add",
  input: addTeamMembersInput,
  authorize: "team.manage",
  run: async ({ input, tx }) => {
    const result = await addTeamMembers(tx, input);
    refresh(result.key);
    return { added: result.added.length };
  },
  audit: (input, result) => ({
    target: { type: "team", id: input.teamId },
    details: { personIds: input.personIds, added: result.added, confirmedExternal: input.confirmExternal },
  }),
});

export const removeTeamMemberAction = defineAction({
  name: "team.members.remove",
  input: removeTeamMemberInput,
  authorize: "team.manage",
  run: async ({ viewer, input, tx }) => {
    const result = await removeTeamMember(tx, viewer, input);
    refresh(result.key);
    return null;
  },
  audit: (input) => ({ target: { type: "team", id: input.teamId }, details: { personId: input.personId } }),
});

export const setTeamAdminAction = defineAction({
  name: "team.admins.set",
  input: setTeamAdminInput,
  authorize: "team.manage",
  run: async ({ viewer, input, tx }) => {
    const result = await setTeamAdmin(tx, viewer, input);
    refresh(result.key);
    return null;
  },
  audit: (input) => ({ target: { type: "team", id: input.teamId }, details: { personId: input.personId, isAdmin: input.isAdmin } }),
});

export const renameTeamAction = defineAction({
  name: "team.rename",
  input: renameTeamInput,
  authorize: "team.manage",
  run: async ({ input, tx }) => {
    const result = await renameTeam(tx, input);
    refresh(result.key);
    return { oldName: result.oldName };
  },
  audit: (input, result) => ({ target: { type: "team", id: input.teamId }, details: { name: input.name, oldName: result.oldName } }),
});

export const createChildTeamAction = defineAction({
  name: "team.create",
  input: createChildTeamInput,
  authorize: { policies: ["team.manage"], check: ({ viewer, input, tx }) => can(viewer, "team.manage", { kind: "team", id: input.parentId }, tx) },
  run: async ({ input, tx }) => {
    const team = await createChildTeam(tx, input);
    revalidatePath("/teams");
    return { key: team.key, id: team.id };
  },
  audit: (input, result) => ({ target: { type: "team", id: result.id }, details: { parentId: input.parentId, name: input.name, key: result.key } }),
});

/**
 * The PersonPicker's search on a team page. Not a change, so not audited per keystroke,
 * but checked like one: only those who manage the team may search (callers of
 * searchPeople authorize first), re-read from the database on every call.
 */
export async function searchTeamCandidatesAction(teamId: number, query: string): Promise<PersonMatch[]> {
  const viewer = await getViewer();
  if (!viewer || viewer.mustEnrolTwoFactor) throw new Error("Your session has ended. Sign in again.");
  const parsed = searchTeamCandidatesInput.safeParse({ teamId, query });
  if (!parsed.success) return [];
  const db = await getDb();
  // As in defineAction: decided on the viewer's rights as they are now (S4, P2).
  const live = await withLiveRights(db, viewer);
  if (!live || !(await can(live, "team.manage", { kind: "team", id: parsed.data.teamId }, db))) throw new Error("You do not have permission to do this.");
  return searchTeamCandidates(db, live, parsed.data.teamId, parsed.data.query);
}
