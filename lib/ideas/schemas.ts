/**
 * The Ideas app's inputs (G4 G8 E4 E5), shared by the forms (react-hook-form) and the server
 * actions that parse them again. Client-safe: no server-only imports.
 */
import { z } from "zod";
import { tagList, tagsText } from "@/lib/tags/schemas";
import { plainText } from "@/lib/validation/text";

export const IDEA_STATUSES = ["new", "under_review", "planned", "done", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const IDEA_STATUS_LABEL: Record<IdeaStatus, string> = {
  new: "New",
  under_review: "Under review",
  planned: "Planned",
  done: "Done",
  declined: "Declined",
};

export const IDEA_TITLE_MAX = 200;
/** Sanitised rich text, as content bodies allow (lib/content/schemas.ts BODY_MAX). */
export const IDEA_DESCRIPTION_MAX = 200_000;
export const IDEA_NOTE_MAX = 1000;

const ideaId = z.uuid("This idea could not be found. Reload the page.");

const title = plainText(IDEA_TITLE_MAX, {
  invalid: "Enter a title for your idea.",
  required: "Enter a title for your idea: an empty idea cannot be submitted.",
  tooLong: `Enter a title of at most ${IDEA_TITLE_MAX} characters.`,
});
const description = z.string({ error: "Describe your idea as text." }).max(IDEA_DESCRIPTION_MAX, "The description is too long. Shorten it.").default("");

/** The form's fields: the tags as one line of text, separated by commas. */
export const ideaFormSchema = z.object({
  title,
  description,
  tags: tagsText,
});
export type IdeaFormInput = z.input<typeof ideaFormSchema>;
export type IdeaFormValues = z.output<typeof ideaFormSchema>;

/** G4 E4 E5: submit an idea. */
export const createIdeaInput = z.object({ title, description, tags: tagList });
export type CreateIdeaInput = z.output<typeof createIdeaInput>;

/**
 * Edit an idea: `baseUpdatedAt` is the idea's `updated_at` as the form read it
 * (PostgreSQL's text of it): an edit against an older one is refused, nothing lost.
 */
export const updateIdeaInput = createIdeaInput.extend({
  ideaId,
  baseUpdatedAt: z.string({ error: "Reload the page, then try again." }).min(1, "Reload the page, then try again.").max(64, "Reload the page, then try again."),
});
export type UpdateIdeaInput = z.output<typeof updateIdeaInput>;

export const deleteIdeaInput = z.object({ ideaId });

/** G8: one vote a person; false takes it back. */
export const voteIdeaInput = z.object({ ideaId, vote: z.boolean() });

/** K4: follow (true) or unfollow (false) an idea. */
export const followIdeaInput = z.object({ ideaId, follow: z.boolean() });

const NOTE_REQUIRED_FOR_DECLINED = "Say why the idea is declined: its author and followers are told.";

/** The status form's fields (the id is added by the form). */
export const ideaStatusFormSchema = z
  .object({
    status: z.enum(IDEA_STATUSES, { error: "Choose a status." }),
    note: plainText(IDEA_NOTE_MAX, { multiline: true, invalid: "Enter the note as text.", tooLong: `Keep the note to at most ${IDEA_NOTE_MAX} characters.` }).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.status === "declined" && v.note.length === 0) ctx.addIssue({ code: "custom", path: ["note"], message: NOTE_REQUIRED_FOR_DECLINED });
  });
export type IdeaStatusFormInput = z.input<typeof ideaStatusFormSchema>;

/** G8: move an idea to a status, with a note (required for declined). */
export const setIdeaStatusInput = z
  .object({
    ideaId,
    status: z.enum(IDEA_STATUSES, { error: "Choose a status." }),
    note: plainText(IDEA_NOTE_MAX, { multiline: true, invalid: "Enter the note as text.", tooLong: `Keep the note to at most ${IDEA_NOTE_MAX} characters.` }).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.status === "declined" && v.note.length === 0) ctx.addIssue({ code: "custom", path: ["note"], message: NOTE_REQUIRED_FOR_DECLINED });
  });
export type SetIdeaStatusInput = z.output<typeof setIdeaStatusInput>;

/** The listing's orders: by votes (default), newest first, by status (new first, then newest). */
export const IDEA_SORTS = ["votes", "newest", "status"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];
export const IDEA_SORT_LABEL: Record<IdeaSort, string> = { votes: "Most votes", newest: "Newest", status: "Status" };

export interface IdeaListParams {
  sort: IdeaSort;
  status: IdeaStatus | null;
  after: string | null;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The listing's parameters from the address bar; anything unknown reads as the default. */
export function ideaListParams(raw: Record<string, string | string[] | undefined>): IdeaListParams {
  const sort = one(raw.sort);
  const status = one(raw.status);
  const after = one(raw.after);
  return {
    sort: (IDEA_SORTS as readonly string[]).includes(sort ?? "") ? (sort as IdeaSort) : "votes",
    status: (IDEA_STATUSES as readonly string[]).includes(status ?? "") ? (status as IdeaStatus) : null,
    after: after && after.length <= 4096 ? after : null,
  };
}

/** PostgreSQL's text of a timestamptz ("2026-06-01 10:00:00.123456+00") as a Date. */
export function pgTime(text: string): Date {
  return new Date(text.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));
}
