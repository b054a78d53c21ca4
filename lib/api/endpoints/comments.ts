/**
 * D2: comments, as the pages show them (K1–K3): an item's conversation, the one under its page
 * (/content/<id>), for everyone who may view the item.
 */
import { z } from "zod";
import { COMMENT_ORDERS } from "@/lib/comments/schemas";
import { cursorParam, defineEndpoint } from "../endpoint";
import { isoTime, named, pageOf, personLink } from "../schemas";
import { contentIdParam } from "./content";

const commentFields = {
  id: z.uuid(),
  author: personLink,
  mine: z.boolean().meta({ description: "The caller wrote it." }),
  createdAt: isoTime,
  edited: z.boolean().meta({ description: "Its author changed it after posting (K2)." }),
  state: z.enum(["shown", "hidden", "deleted"]).meta({
    description: "shown; hidden by a moderator (K2); or deleted by its author while it had replies (its place kept, its text gone).",
  }),
  body: z.string().nullable().meta({
    description: "Its text (plain text with links and @mentions, K1); null when deleted, and when hidden unless the caller wrote it (K2: only its author is sent a hidden comment's text).",
  }),
  hiddenReason: z.string().nullable().meta({ description: "K2: why a moderator hid it: only to its author and to those who moderate here; null otherwise." }),
  permissions: z
    .object({
      mayEdit: z.boolean().meta({ description: "The caller's own shown comment (K2)." }),
      mayDelete: z.boolean().meta({ description: "The caller's own comment, not already deleted (K2)." }),
      mayReport: z.boolean().meta({ description: "Someone else's shown comment (K3)." }),
      mayHide: z.boolean().meta({ description: "A shown comment, and the caller moderates here (K2)." }),
      mayRestore: z.boolean().meta({ description: "A hidden comment, and the caller moderates here (K2)." }),
      mayReply: z.boolean().meta({ description: "A shown top-level comment of an item that takes comments from the caller now (K1: one level of replies)." }),
    })
    .meta({ description: "What the page offers the caller to do with this comment; each action checks again when it is done." }),
};

export const commentSchema = named("Comment", z.object(commentFields).meta({ description: "A comment as the caller may see it (K1 K2); who reported it is never shown (K3)." }));

export const commentThreadSchema = named(
  "CommentThread",
  z
    .object({
      ...commentFields,
      replies: z.array(commentSchema).meta({ description: "Its replies, oldest first: the first 50 (K1: one level of replies)." }),
      moreReplies: z.boolean().meta({ description: "It has more replies than are given here." }),
    })
    .meta({ description: "A top-level comment and its replies." }),
);

export const conversationSchema = named(
  "Conversation",
  pageOf(commentThreadSchema, "A page of the top-level comments, in the order asked for, each with its replies.")
    .extend({
      count: z.number().int().meta({ description: "The item's comment count, as the listings show it (C4)." }),
      commentsOff: z.boolean().meta({ description: "Comments are turned off for this item (K1)." }),
      order: z.enum(COMMENT_ORDERS),
      mayComment: z.boolean().meta({ description: "The page offers the caller a box to write a comment now: the item is published and takes comments from them, and comments are on (K1)." }),
      mayTurnCommentsOff: z.boolean().meta({ description: "The caller may turn comments off and on here: its author, its section's editors and managers, its group's admins, webmasters (K1)." }),
      mayModerate: z.boolean().meta({ description: "The caller hides and restores comments here: its section's managers, its group's admins, webmasters (K2)." }),
    })
    .meta({ description: "An item's comments, as its page shows them to the caller (K1–K3)." }),
);

export const listContentComments = defineEndpoint({
  operationId: "listContentComments",
  method: "get",
  path: "/content/{id}/comments",
  summary: "An item's comments",
  description:
    "The comments under an item, as its page shows them to the caller (K1–K3): top-level comments a page at a time, newest or oldest first, each with its replies oldest first; a hidden comment's text only to its author, its reason only to its author and those who moderate it; never who reported a comment. For everyone who may view the item (403 and 404 as GET /content/{id}).",
  needs: "read",
  pathParams: z.object({ id: contentIdParam }),
  query: z.object({
    order: z
      .enum(COMMENT_ORDERS, { error: "Give order as newest or oldest." })
      .default("newest")
      .meta({ description: "The order of the top-level comments, as the page's ?comments= (newest first unless oldest)." }),
    cursor: cursorParam,
  }),
  response: conversationSchema,
  notFound: "No item has this id, or it is not one whose existence may be told to you (secret-group content, C5).",
  forbidden: "You may not view this item (C2), so not its comments either (K1).",
});
