/**
 * The comment forms' schemas (K1 K2 K3), shared by the client forms and the server actions
 * that parse the same input again. No server-only imports here.
 */
import { z } from "zod";
import { plainText } from "@/lib/validation/text";

/** K1: a comment is plain text of at most this many characters (the column's check agrees). */
export const COMMENT_MAX = 10_000;
export const REASON_MAX = 500;

export const COMMENT_EMPTY_MESSAGE = "Write your comment first.";
export const COMMENT_TOO_LONG_MESSAGE = `A comment can be at most ${COMMENT_MAX.toLocaleString("en-GB")} characters. Shorten it, or say the rest in a second comment.`;

const reload = "This comment could not be found. Reload the page, then try again.";
const commentId = z.uuid(reload);

/** K1: what comments hang off (lib/comments/target.ts maps each kind to its table and rules). */
export const COMMENT_TARGET_KINDS = ["content", "idea", "wallPost", "query"] as const;
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number];
export type CommentTarget = { kind: CommentTargetKind; id: string };
/** How messages name each kind of target ("Comments are turned off for this idea."). */
export const COMMENT_TARGET_NOUN: Record<CommentTargetKind, string> = { content: "this item", idea: "this idea", wallPost: "this post", query: "this query" };

const TARGET_GONE = "What you are commenting on could not be found. Reload the page.";
/** A comment target as a form sends it: `{ kind, id }`. */
export const commentTargetSchema = z.object({
  kind: z.enum(COMMENT_TARGET_KINDS, { error: TARGET_GONE }),
  id: z.uuid(TARGET_GONE),
});

export const commentBody = plainText(COMMENT_MAX, { required: COMMENT_EMPTY_MESSAGE, tooLong: COMMENT_TOO_LONG_MESSAGE, multiline: true, invalid: COMMENT_EMPTY_MESSAGE });

function reason(required: string) {
  return plainText(REASON_MAX, { required, tooLong: `Give a reason of at most ${REASON_MAX} characters.`, multiline: true, invalid: required });
}

/**
 * K1: a new comment or reply. `id` is made by the form once per comment it sends, so a
 * second submit of the same comment (a double click, a retry) writes nothing more.
 */
export const createCommentSchema = z.object({
  id: z.uuid("This form is out of date. Reload the page, then write your comment again."),
  target: commentTargetSchema,
  /** A reply's top-level comment (K1: one level of replies). */
  parentId: commentId.optional(),
  body: commentBody,
});
export type CreateCommentInput = z.output<typeof createCommentSchema>;

export const editCommentSchema = z.object({ commentId, body: commentBody });
export const commentIdSchema = z.object({ commentId });

export const reportCommentSchema = z.object({ commentId, reason: reason("Say why you are reporting this comment.") });
export const hideCommentSchema = z.object({ commentId, reason: reason("Give the reason for hiding this comment: its author is shown it.") });

export const commentsToggleSchema = z.object({ target: commentTargetSchema, off: z.boolean({ error: "Choose whether comments are on or off." }) });

/** K1: the order of an item's top-level comments, kept in the address (`?comments=oldest`). */
export const COMMENT_ORDERS = ["newest", "oldest"] as const;
export type CommentOrder = (typeof COMMENT_ORDERS)[number];
export function commentOrderOf(raw: string | string[] | undefined): CommentOrder {
  return raw === "oldest" ? "oldest" : "newest";
}
