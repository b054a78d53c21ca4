"use server";
/**
 * Naming app moderators (G8: "the app's moderators: webmasters and the people they name").
 * defineActions: viewer re-read, input parsed, `apps.moderators.manage` (webmasters) checked in
 * the transaction, audited (M8).
 */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { withLiveRights } from "@/lib/access/live-rights";
import { can } from "@/lib/access/policies";
import { getViewer } from "@/lib/access/viewer";
import { defineAction } from "@/lib/actions";
import type { PersonMatch } from "@/lib/people/search";
import { addAppModerators, removeAppModerator } from "./mutations";
import { searchModeratorCandidates } from "./queries";
import { addAppModeratorsInput, removeAppModeratorInput, searchModeratorCandidatesInput } from "./schemas";

export const addAppModeratorsAction = defineAction({
  name: "apps.moderators.add",
  input: addAppModeratorsInput,
  authorize: "apps.moderators.manage",
  run: async ({ input, tx }) => {
    const added = await addAppModerators(tx, input.app, input.personIds);
    revalidatePath("/admin/settings/apps");
    return { added: added.length, addedIds: added };
  },
  audit: (input, result) => ({ target: { type: "app", id: input.app }, details: { added: result.addedIds } }),
});

export const removeAppModeratorAction = defineAction({
  name: "apps.moderators.remove",
  input: removeAppModeratorInput,
  authorize: "apps.moderators.manage",
  run: async ({ input, tx }) => {
    const removed = await removeAppModerator(tx, input.app, input.personId);
    revalidatePath("/admin/settings/apps");
    return { removed };
  },
  audit: (input, result) => ({ target: { type: "app", id: input.app }, details: { personId: input.personId, removed: result.removed } }),
});

/** The picker's search: webmasters only, decided on their rights as they are now. */
export async function searchModeratorCandidatesAction(app: string, query: string): Promise<PersonMatch[]> {
  const viewer = await getViewer();
  if (!viewer || viewer.mustEnrolTwoFactor) throw new Error("Your session has ended. Sign in again.");
  const parsed = searchModeratorCandidatesInput.safeParse({ app, query });
  if (!parsed.success) return [];
  const db = await getDb();
  const live = await withLiveRights(db, viewer);
  if (!live || !(await can(live, "apps.moderators.manage", null, db))) throw new Error("You do not have permission to do this.");
  return searchModeratorCandidates(db, parsed.data.app, parsed.data.query);
}
