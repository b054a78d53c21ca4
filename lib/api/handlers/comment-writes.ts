import "server-only";
/**
 * D2: the API's comment writes: the item page's own comment actions performed as the token's
 * person (actAs: the same schema, permission in the writing transaction, notifications and
 * audit row, naming the token).
 */
import { randomUUID } from "node:crypto";
import { actAs } from "@/lib/actions";
import { createCommentAction, deleteCommentAction, editCommentAction } from "@/lib/comments/actions";
import { actionAnswer } from "../action-answer";
import { createComment, deleteComment, editComment } from "../endpoints/comment-writes";
import { apiRoute } from "../route";

export const postComment = apiRoute(createComment, async ({ caller, path, body }) => {
  const input = { id: randomUUID(), ...body, target: { kind: "content", id: path.id } };
  const result = await actAs(createCommentAction, caller)(input);
  return actionAnswer(result, (data) => data, { status: 201, location: () => `/api/v1/content/${path.id}/comments` });
});

export const patchComment = apiRoute(editComment, async ({ caller, path, body }) => {
  const result = await actAs(editCommentAction, caller)({ ...body, commentId: path.commentId });
  return actionAnswer(result, (data) => ({ id: data.id, state: "edited" as const }));
});

export const deleteCommentRoute = apiRoute(deleteComment, async ({ caller, path }) => {
  const result = await actAs(deleteCommentAction, caller)({ commentId: path.commentId });
  return actionAnswer(result, (data) => ({ id: data.id, state: data.kept ? ("kept" as const) : ("deleted" as const) }));
});
