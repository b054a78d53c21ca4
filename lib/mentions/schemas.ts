/**
 * E6: what a mention suggestion is asked for, shared by the editor, the mention textarea and
 * the server action. The item being written is named one of four ways: an existing item's
 * id, for a new draft its home section or group (C1: exactly one), or the comment target
 * (an item, idea, wall post or query) a comment is being written on (K1).
 */
import { z } from "zod";
import { type CommentTarget, commentTargetSchema } from "@/lib/comments/schemas";
import { dbId } from "@/lib/validation/text";

export const MENTION_SUGGESTIONS_MAX = 8;
/** Fewer letters than this after "@" ask nothing (lib/people/search.ts's minimum). */
export const MENTION_QUERY_MIN = 2;
export const MENTION_QUERY_MAX = 100;

export const mentionSuggestInput = z
  .object({
    id: z.uuid("This item could not be found. Reload the page.").optional(),
    sectionId: dbId("This section could not be found. Reload the page.").optional(),
    groupId: dbId("This group could not be found. Reload the page.").optional(),
    target: commentTargetSchema.optional(),
    query: z.string().trim().max(MENTION_QUERY_MAX, `Type at most ${MENTION_QUERY_MAX} characters.`),
  })
  .refine((v) => [v.id, v.sectionId, v.groupId, v.target].filter((x) => x !== undefined).length === 1, {
    message: "Name the item being written: an item, or a new item's section or group.",
    path: ["id"],
  });
export type MentionSuggestInput = z.output<typeof mentionSuggestInput>;

/** The item a mention is for, as `mentionSuggestInput` names it. */
export type MentionFor = { id: string } | { sectionId: number } | { groupId: number } | { target: CommentTarget };

/** One person a suggestion list offers: the name to insert and the id that counts. */
export interface MentionSuggestion {
  id: string;
  name: string;
  audience: "organisational" | "external";
}
