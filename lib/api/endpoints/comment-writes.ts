/**
 * D2: writing comments through the API (K1, K2, E3): each endpoint performs the item page's
 * own comment action as the token's person (lib/actions.ts actAs): the same schema, the same
 * permission in the writing transaction (who may view the item may comment, while its
 * comments are on), the same notifications and @mentions, and an audit row naming the token.
 */
import { z } from "zod";
import { createCommentSchema, editCommentSchema } from "@/lib/comments/schemas";
import { defineEndpoint } from "../endpoint";
import { named } from "../schemas";
import { contentIdParam } from "./content";

const commentIdParam = z.uuid().meta({ description: "The comment's id (a Comment's `id`)." });

export const commentWrittenSchema = named(
  "CommentWritten",
  z
    .object({
      id: z.uuid(),
      created: z.boolean().meta({ description: "false when a comment of this id was already written (the same comment sent twice): nothing more was written." }),
    })
    .meta({ description: "A comment written; it is listed at GET /content/{id}/comments." }),
);

export const commentChangedSchema = named(
  "CommentChanged",
  z
    .object({
      id: z.uuid(),
      state: z.enum(["edited", "deleted", "kept"]).meta({ description: "edited; deleted; or kept: deleted by its author but kept in its place, without its text, for its replies (K2)." }),
    })
    .meta({ description: "One's own comment changed or deleted." }),
);

/** The action's own fields less the target, which the path names; the comment's id is made for the caller when they send none. */
const newCommentBody = createCommentSchema.omit({ target: true }).extend({
  id: createCommentSchema.shape.id.optional().meta({ description: "An id of the caller's making: the same comment sent again with it writes nothing more. Made for you when left out." }),
});

export const createComment = defineEndpoint({
  operationId: "createComment",
  method: "post",
  path: "/content/{id}/comments",
  summary: "Comment on an item, or reply",
  description:
    "Writes a comment (plain text with links and @mentions: a mention notifies only people who may view the item, E6), or with `parentId` a reply to a top-level comment (K1: one level of replies): anyone who may view the published item, externals included (E3), while its comments are on.",
  needs: "write",
  pathParams: z.object({ id: contentIdParam }),
  body: newCommentBody,
  creates: true,
  response: commentWrittenSchema,
});

export const editComment = defineEndpoint({
  operationId: "editComment",
  method: "patch",
  path: "/comments/{commentId}",
  summary: "Change one's own comment",
  description: "Changes the text of one's own shown comment; it is then marked edited (K2).",
  needs: "write",
  pathParams: z.object({ commentId: commentIdParam }),
  body: editCommentSchema,
  bodyFromPath: ["commentId"],
  response: commentChangedSchema,
  forbidden: "You may not change this comment.",
});

export const deleteComment = defineEndpoint({
  operationId: "deleteComment",
  method: "delete",
  path: "/comments/{commentId}",
  summary: "Delete one's own comment",
  description: "Deletes one's own comment; one with replies keeps its place, without its text (K2).",
  needs: "write",
  pathParams: z.object({ commentId: commentIdParam }),
  response: commentChangedSchema,
  forbidden: "You may not delete this comment.",
});
