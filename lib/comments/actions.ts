"use server";
/**
 * Comment server actions (K1 K2 K3 E3). Each is a defineAction: the viewer re-read, the input
 * parsed with the form's schema, the catalogue entry checked inside the transaction of the
 * change, and an audit row written (M8) — hiding, restoring and dismissing among them. The
 * audit rows name the comment and the item, never the comment's text.
 */
import { defineAction } from "@/lib/actions";
import { createComment, deleteComment, dismissReports, editComment, hideComment, reportComment, restoreComment, setCommentsOff } from "./mutations";
import { commentIdSchema, commentsToggleSchema, createCommentSchema, editCommentSchema, hideCommentSchema, reportCommentSchema } from "./schemas";

const comment = (id: string) => ({ type: "comment", id });

export const createCommentAction = defineAction({
  name: "comment.create",
  input: createCommentSchema,
  authorize: "comment.create",
  run: ({ viewer, input, tx }) => createComment(tx, viewer, input),
  audit: (input, result) => ({ target: comment(result.id), details: { target: input.target, parentId: input.parentId ?? null, created: result.created } }),
});

export const editCommentAction = defineAction({
  name: "comment.edit",
  input: editCommentSchema,
  authorize: "comment.edit",
  run: ({ input, tx }) => editComment(tx, input),
  audit: (input, result) => ({ target: comment(input.commentId), details: { target: result.target } }),
});

export const deleteCommentAction = defineAction({
  name: "comment.delete",
  input: commentIdSchema,
  authorize: "comment.delete",
  run: ({ input, tx }) => deleteComment(tx, input),
  audit: (input, result) => ({ target: comment(input.commentId), details: { target: result.target, keptForReplies: result.kept } }),
});

export const reportCommentAction = defineAction({
  name: "comment.report",
  input: reportCommentSchema,
  authorize: "comment.report",
  run: ({ viewer, input, tx }) => reportComment(tx, viewer, input),
  audit: (input, result) => ({ target: comment(input.commentId), details: { reason: input.reason, reported: result.reported } }),
});

export const hideCommentAction = defineAction({
  name: "comment.hide",
  input: hideCommentSchema,
  authorize: "comment.moderate",
  run: ({ viewer, input, tx }) => hideComment(tx, viewer, input),
  audit: (input, result) => ({ target: comment(input.commentId), details: { target: result.target, reason: input.reason, reportsSettled: result.reports } }),
});

export const restoreCommentAction = defineAction({
  name: "comment.restore",
  input: commentIdSchema,
  authorize: "comment.moderate",
  run: ({ input, tx }) => restoreComment(tx, input),
  audit: (input, result) => ({ target: comment(input.commentId), details: { target: result.target } }),
});

export const dismissReportsAction = defineAction({
  name: "comment.reports.dismiss",
  input: commentIdSchema,
  authorize: "comment.moderate",
  run: ({ viewer, input, tx }) => dismissReports(tx, viewer, input),
  audit: (input, result) => ({ target: comment(input.commentId), details: { reports: result.reports } }),
});

export const setCommentsOffAction = defineAction({
  name: "comments.toggle",
  input: commentsToggleSchema,
  authorize: "comments.toggle",
  run: ({ input, tx }) => setCommentsOff(tx, input),
  audit: (input) => ({ target: { type: input.target.kind, id: input.target.id }, details: { off: input.off } }),
});
