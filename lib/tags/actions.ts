"use server";
/**
 * D7: suggestions as one types a tag (a read action: the viewer re-read, what they may view
 * decides what is offered), and the webmasters' rename, merge and delete (defineActions:
 * the permission decided in the transaction of the change, audited, M8).
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, defineReadAction } from "@/lib/actions";
import { TAG_MAX } from "./schemas";
import { deleteTagInput, renameTagInput } from "./admin-schemas";
import { deleteTag, renameTag } from "./mutations";
import { suggestTags } from "./queries";

export const suggestTagsAction = defineReadAction({
  input: z.object({ text: z.string().max(TAG_MAX * 4, `A tag can be at most ${TAG_MAX} characters.`) }),
  authorize: "tags.suggest",
  run: ({ viewer, input, db }) => suggestTags(viewer, input.text, db),
});

const target = (name: string) => ({ type: "tag", id: name });

export const renameTagAction = defineAction({
  name: "tag.rename",
  input: renameTagInput,
  authorize: "tags.manage",
  run: async ({ input, tx }) => {
    const change = await renameTag(tx, input.from, input.to, input.merge);
    revalidatePath("/admin/tags");
    return change;
  },
  audit: (_input, change) => ({ target: target(change.from), details: { to: change.to, merged: change.merged, changed: change.changed } }),
});

export const deleteTagAction = defineAction({
  name: "tag.delete",
  input: deleteTagInput,
  authorize: "tags.manage",
  run: async ({ input, tx }) => {
    const change = await deleteTag(tx, input.name);
    revalidatePath("/admin/tags");
    return change;
  },
  audit: (_input, change) => ({ target: target(change.from), details: { changed: change.changed } }),
});
