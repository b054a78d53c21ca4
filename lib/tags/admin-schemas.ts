/**
 * D7: the webmasters' tag forms, shared by the client forms and the actions. Client-safe.
 */
import { z } from "zod";
import { TAG_MAX, normaliseTag, oneTagProblem } from "./schemas";

/** A tag as typed into a form: normalised, then checked like any tag. */
const tagName = (empty: string) =>
  z
    .string({ error: empty })
    .max(TAG_MAX * 4, `A tag can be at most ${TAG_MAX} characters.`)
    .transform(normaliseTag)
    .superRefine((tag, ctx) => {
      if (!tag) ctx.addIssue({ code: "custom", message: empty });
      else {
        const problem = oneTagProblem(tag);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }
    });

/** The answer to a rename into an existing tag not confirmed as a merge (the form then asks). */
export const mergeNeedsConfirming = (from: string, to: string) => `“${to}” is already a tag. Rename again to merge “${from}” into it.`;

export const renameTagInput = z.object({
  from: tagName("This tag could not be found. Reload the page."),
  to: tagName("Enter the tag's new name."),
  /** Renaming into a tag that exists merges the two: only when the webmaster confirmed it. */
  merge: z.boolean().default(false),
});
export type RenameTagForm = z.input<typeof renameTagInput>;

export const deleteTagInput = z.object({
  name: tagName("This tag could not be found. Reload the page."),
  confirmed: z.literal(true, { error: "Confirm that you want to delete this tag." }),
});

/** /admin/tags' filter and page: tags whose names hold `q`, in name order after `after`. */
export const tagListParams = z.object({
  q: z.string().catch("").transform((q) => normaliseTag(q).slice(0, TAG_MAX)),
  after: z
    .string()
    .optional()
    .catch(undefined)
    .transform((after) => (after ? normaliseTag(after).slice(0, TAG_MAX) || undefined : undefined)),
});
export type TagListParams = z.output<typeof tagListParams>;
