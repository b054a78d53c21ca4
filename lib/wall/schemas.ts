/**
 * The Message Wall's forms (G4 K2 K3 K4), shared by the client forms and the server actions
 * that parse the same input again. No server-only imports here.
 */
import { z } from "zod";
import { plainText } from "@/lib/validation/text";

/** G4: a wall post is short plain text (the column's check agrees). */
export const WALL_POST_MAX = 500;
export const WALL_ALT_MAX = 300;
export const WALL_REASON_MAX = 500;

export const POST_EMPTY_MESSAGE = "Write your post first.";
export const POST_TOO_LONG_MESSAGE = `A wall post can be at most ${WALL_POST_MAX} characters. Shorten it, or say the rest in a comment.`;
export const ALT_REQUIRED_MESSAGE = "Describe the image for people who cannot see it, or mark it as decorative.";
export const OUT_OF_DATE_MESSAGE = "This form is out of date. Reload the page, then try again.";

const postId = z.uuid("This post could not be found. Reload the page, then try again.");

export const wallPostBody = plainText(WALL_POST_MAX, { required: POST_EMPTY_MESSAGE, tooLong: POST_TOO_LONG_MESSAGE, multiline: true, invalid: POST_EMPTY_MESSAGE });

/** "n characters left" as the post box counts it (the same count zod's max uses). */
export function charactersLeft(text: string): number {
  return WALL_POST_MAX - text.trim().length;
}

/**
 * G4: a new post. `id` is made by the form once per post, so a second submit of the same
 * post writes nothing more. An image (an upload of the writer's own, POST /api/uploads?for=wall)
 * needs alternative text unless marked decorative.
 */
export const createWallPostSchema = z
  .object({
    id: z.uuid(OUT_OF_DATE_MESSAGE),
    body: wallPostBody,
    imageId: z.uuid("This image could not be found. Upload it again.").nullish(),
    imageAlt: plainText(WALL_ALT_MAX, { tooLong: `Keep the description to at most ${WALL_ALT_MAX} characters.`, invalid: ALT_REQUIRED_MESSAGE }).optional(),
    decorative: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.imageId && !v.decorative && !v.imageAlt) ctx.addIssue({ code: "custom", path: ["imageAlt"], message: ALT_REQUIRED_MESSAGE });
  });
export type CreateWallPostInput = z.output<typeof createWallPostSchema>;

/** K2: an edit names the version it was made from (the time of the last edit, or of writing). */
export const editWallPostSchema = z.object({
  postId,
  body: wallPostBody,
  version: z.string(OUT_OF_DATE_MESSAGE).min(1, OUT_OF_DATE_MESSAGE).max(64, OUT_OF_DATE_MESSAGE),
});
export const wallPostIdSchema = z.object({ postId });
export const favouriteWallPostSchema = z.object({ postId, favourite: z.boolean() });

function reason(required: string) {
  return plainText(WALL_REASON_MAX, { required, tooLong: `Give a reason of at most ${WALL_REASON_MAX} characters.`, multiline: true, invalid: required });
}
export const reportWallPostSchema = z.object({ postId, reason: reason("Say why you are reporting this post.") });
export const hideWallPostSchema = z.object({ postId, reason: reason("Give the reason for hiding this post: its author is shown it.") });

export const wallSuggestSchema = z.object({ query: z.string().trim().max(100, "Type at most 100 characters.") });
