"use server";
/**
 * The Ideas server actions (G4 G8 K4 E4 E5). Each is a defineAction: the viewer re-read,
 * the input parsed, the catalogue entry (lib/access/policies.ts) decided inside the
 * transaction of the change, and the change audited (M8) in that same transaction.
 */
import { revalidatePath } from "next/cache";
import { can } from "@/lib/access/policies";
import { defineAction } from "@/lib/actions";
import { setFollow } from "@/lib/reactions/mutations";
import { createIdea, deleteIdea, setStatus, setVote, updateIdea } from "./mutations";
import { createIdeaInput, deleteIdeaInput, followIdeaInput, setIdeaStatusInput, updateIdeaInput, voteIdeaInput } from "./schemas";

const idea = (id: string) => ({ kind: "idea" as const, id });
const target = (id: string) => ({ type: "idea", id });

function refresh(id?: string) {
  revalidatePath("/ideas");
  if (id) revalidatePath(`/ideas/${id}`);
}

/** G4 E4 E5: whoever may use Ideas submits one (external people only with the Ideas switch). */
export const createIdeaAction = defineAction({
  name: "idea.create",
  input: createIdeaInput,
  authorize: "ideas.use",
  run: async ({ viewer, input, tx }) => {
    const created = await createIdea(tx, viewer.id, input);
    refresh();
    return created;
  },
  audit: (input, result) => ({ target: target(result.id), details: { title: input.title, tags: input.tags } }),
});

/** G4 G8: the author while the idea is new, moderators always; against the version the form read. */
export const updateIdeaAction = defineAction({
  name: "idea.update",
  input: updateIdeaInput,
  authorize: { policies: ["idea.edit"], check: ({ viewer, input, tx }) => can(viewer, "idea.edit", idea(input.ideaId), tx) },
  run: async ({ input, tx }) => {
    const saved = await updateIdea(tx, input);
    refresh(input.ideaId);
    return saved;
  },
  audit: (input) => ({ target: target(input.ideaId), details: { title: input.title, tags: input.tags } }),
});

export const deleteIdeaAction = defineAction({
  name: "idea.delete",
  input: deleteIdeaInput,
  authorize: { policies: ["idea.delete"], check: ({ viewer, input, tx }) => can(viewer, "idea.delete", idea(input.ideaId), tx) },
  run: async ({ input, tx }) => {
    const deleted = await deleteIdea(tx, input.ideaId);
    refresh(input.ideaId);
    return deleted;
  },
  audit: (input, result) => ({ target: target(input.ideaId), details: { title: result.title } }),
});

/** G8: one vote a person; voting twice is one vote, taking it back twice takes one. */
export const voteIdeaAction = defineAction({
  name: "idea.vote",
  input: voteIdeaInput,
  authorize: { policies: ["idea.vote"], check: ({ viewer, input, tx }) => can(viewer, "idea.vote", idea(input.ideaId), tx) },
  run: async ({ viewer, input, tx }) => {
    const result = await setVote(tx, viewer.id, input.ideaId, input.vote);
    refresh(input.ideaId);
    return result;
  },
  audit: (input) => ({ target: target(input.ideaId), details: { vote: input.vote } }),
});

/** K4: following needs Ideas; letting go needs only one's own account (as the other follows). */
export const followIdeaAction = defineAction({
  name: "idea.follow",
  input: followIdeaInput,
  authorize: {
    policies: ["idea.follow", "account.own"],
    check: ({ viewer, input, tx }) => (input.follow ? can(viewer, "idea.follow", idea(input.ideaId), tx) : can(viewer, "account.own", null, tx)),
  },
  run: ({ viewer, input, tx }) => setFollow(tx, viewer.id, { kind: "idea", id: input.ideaId }, input.follow),
  audit: (input) => ({ target: target(input.ideaId), details: { follow: input.follow } }),
});

/** G8: the Ideas moderators (webmasters and the people they name) set the status, with a note. */
export const setIdeaStatusAction = defineAction({
  name: "idea.status.set",
  input: setIdeaStatusInput,
  authorize: "ideas.moderate",
  run: async ({ viewer, input, tx }) => {
    const result = await setStatus(tx, viewer.id, input);
    refresh(input.ideaId);
    return result;
  },
  audit: (input, result) => ({ target: target(input.ideaId), details: { from: result.from, to: result.to, note: input.note } }),
});
