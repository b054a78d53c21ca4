import { deleteCommentRoute, patchComment } from "@/lib/api/handlers/comment-writes";

/** PATCH and DELETE /api/v1/comments/{commentId} (D2): change or delete one's own comment, by the item page's own actions as the token's person (K2). */
export const PATCH = patchComment;
export const DELETE = deleteCommentRoute;
