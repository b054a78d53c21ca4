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

export const renameTagInput = z.object({
  from: tagName("This tag could not be found. Reload the page."),
  to: tagName("Enter the tag's new name."),
});
export type RenameTagForm = z.input<typeof renameTagInput>;

export const deleteTagInput = z.object({
  name: tagName("This tag could not be found. Reload the page."),
  confirmed: z.literal(true, { error: "Confirm that you want to delete this tag." }),
});
