"use server";
/**
 * Message Wall server actions (G4 K2 K3 K4 E5 E6). Each is a defineAction: the viewer
 * re-read, the input parsed with the form's schema, the catalogue entry checked inside the
 * transaction of the change, and an audit row written (M8) — hiding and restoring among
 * them. The audit rows name the post, never its text.
 */
import { can } from "@/lib/access/policies";
import { defineAction, defineReadAction } from "@/lib/actions";
import { deleteReleasedObjects } from "@/lib/storage/lifecycle";
import { createWallPost, deleteWallPost, dismissWallReports, editWallPost, hideWallPost, reportWallPost, restoreWallPost, setWallFavourite } from "./mutations";
import { createWallPostSchema, editWallPostSchema, favouriteWallPostSchema, hideWallPostSchema, reportWallPostSchema, wallPostIdSchema, wallSuggestSchema } from "./schemas";
import { suggestWallMentions } from "./suggest";

const post = (id: string) => ({ type: "wallPost", id });

export const createWallPostAction = defineAction({
  name: "wall.post.create",
  input: createWallPostSchema,
  authorize: "wall.use",
  run: ({ viewer, input, tx }) => createWallPost(tx, viewer, input),
  audit: (input, result) => ({ target: post(result.id), details: { created: result.created, image: input.imageId ?? null } }),
});

export const editWallPostAction = defineAction({
  name: "wall.post.edit",
  input: editWallPostSchema,
  authorize: "wallPost.edit",
  run: ({ viewer, input, tx }) => editWallPost(tx, viewer, input),
  audit: (input, result) => ({ target: post(input.postId), details: { changed: result.changed } }),
});

const deletePost = defineAction({
  name: "wall.post.delete",
  input: wallPostIdSchema,
  authorize: "wallPost.delete",
  run: ({ input, tx }) => deleteWallPost(tx, input),
  audit: (input, result) => ({ target: post(input.postId), details: { images: result.uploadIds.length } }),
});

/** K2: deletes the post, then (after the commit) its image's file. */
export async function deleteWallPostAction(raw: unknown) {
  const result = await deletePost(raw);
  if (result.ok) await deleteReleasedObjects(result.data.uploadIds);
  return result.ok ? { ok: true as const, data: { id: result.data.id } } : result;
}

/**
 * K4: favouriting needs a post one may read; taking one's own favourite away needs only
 * one's own account, so someone who lost access can still let go of it.
 */
export const favouriteWallPostAction = defineAction({
  name: "wall.post.favourite",
  input: favouriteWallPostSchema,
  authorize: {
    policies: ["wallPost.favourite", "account.own"],
    check: async ({ viewer, input, tx }) =>
      input.favourite ? can(viewer, "wallPost.favourite", { kind: "wallPost", id: input.postId }, tx) : can(viewer, "account.own", null, tx),
  },
  run: ({ viewer, input, tx }) => setWallFavourite(tx, viewer, input),
  audit: (input) => ({ target: post(input.postId), details: { favourite: input.favourite } }),
});

export const reportWallPostAction = defineAction({
  name: "wall.post.report",
  input: reportWallPostSchema,
  authorize: "wallPost.report",
  run: ({ viewer, input, tx }) => reportWallPost(tx, viewer, input),
  audit: (input, result) => ({ target: post(input.postId), details: { reason: input.reason, reported: result.reported } }),
});

export const hideWallPostAction = defineAction({
  name: "wall.post.hide",
  input: hideWallPostSchema,
  authorize: "wall.moderate",
  run: ({ viewer, input, tx }) => hideWallPost(tx, viewer, input),
  audit: (input, result) => ({ target: post(input.postId), details: { reason: input.reason, reportsSettled: result.reports } }),
});

export const restoreWallPostAction = defineAction({
  name: "wall.post.restore",
  input: wallPostIdSchema,
  authorize: "wall.moderate",
  run: ({ input, tx }) => restoreWallPost(tx, input),
  audit: (input) => ({ target: post(input.postId) }),
});

export const dismissWallReportsAction = defineAction({
  name: "wall.post.reports.dismiss",
  input: wallPostIdSchema,
  authorize: "wall.moderate",
  run: ({ viewer, input, tx }) => dismissWallReports(tx, viewer, input),
  audit: (input, result) => ({ target: post(input.postId), details: { reports: result.reports } }),
});

/** E6: whom to suggest after "@" in the post box: people who may use the wall and whom the writer may find. */
export const suggestWallMentionsAction = defineReadAction({
  input: wallSuggestSchema,
  authorize: "wall.use",
  run: ({ viewer, input, db }) => suggestWallMentions(viewer, input.query, { db }),
});
