"use server";
/**
 * E6: mention suggestions as a read action (no transaction, no audit row), with the
 * viewer re-read and the permission checked like every action: for an existing item,
 * whoever can view it (they may comment on it, K1; its editors write in it); for a new
 * draft, whoever may create content in that section or group; for a comment on a target
 * (an item, idea, wall post or query), whoever may view that target.
 */
import { can } from "@/lib/access/policies";
import { defineReadAction } from "@/lib/actions";
import { type MentionFor, mentionSuggestInput } from "./schemas";
import { suggestMentions } from "./suggest";

export const suggestMentionsAction = defineReadAction({
  input: mentionSuggestInput,
  authorize: {
    policies: ["mention.suggest", "content.create", "content.createInGroup", "comment.mentions"],
    check: async ({ viewer, input, db }) => {
      if (input.target !== undefined) return can(viewer, "comment.mentions", { kind: "commentTarget", id: input.target }, db);
      if (input.id !== undefined) return can(viewer, "mention.suggest", { kind: "content", id: input.id }, db);
      if (input.sectionId !== undefined) return can(viewer, "content.create", { kind: "section", id: input.sectionId }, db);
      if (input.groupId !== undefined) return can(viewer, "content.createInGroup", { kind: "group", id: input.groupId }, db);
      return false;
    },
  },
  run: ({ viewer, input, db }) => {
    const target: MentionFor =
      input.target !== undefined
        ? { target: input.target }
        : input.id !== undefined
          ? { id: input.id }
          : input.sectionId !== undefined
            ? { sectionId: input.sectionId }
            : { groupId: input.groupId! };
    return suggestMentions(viewer, target, input.query, { db });
  },
});
