/**
 * The Ideas app's inputs (G4 G8 E4 E5), shared by the forms (react-hook-form) and the server
 * actions that parse them again. Client-safe: no server-only imports.
 */
import { z } from "zod";
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
export const IDEA_TAG_MAX = 40;
export const IDEA_TAGS_MAX = 10;
export const IDEA_NOTE_MAX = 1000;

const ideaId = z.uuid("This idea could not be found. Reload the page.");

const TAGS_TOO_MANY = `Use at most ${IDEA_TAGS_MAX} tags.`;
const TAG_TOO_LONG = `Each tag can be at most ${IDEA_TAG_MAX} characters.`;
const TAG_CONTROL = "Tags can only hold letters, digits, spaces and punctuation.";

/** One tag as stored: trimmed, inner spaces collapsed, lower-cased. */
export function normaliseTag(tag: string): string {
  return tag.replace(/[\u202a-\u202e\u2066-\u2069]/g, "").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Tags as stored: normalised, empty ones dropped, duplicates removed (first kept). */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag).filter((t) => t.length > 0))];
}

/** The Tags field's text ("Parking, car share") as tags. */
export function splitTags(text: string): string[] {
  return normaliseTags(text.split(","));
}

/** The problem with a list of tags (already normalised), or null. */
function tagProblem(tags: readonly string[]): string | null {
  if (tags.some((t) => /[\u0000-\u001f\u007f-\u009f]/.test(t))) return TAG_CONTROL;
  if (tags.some((t) => t.length > IDEA_TAG_MAX)) return TAG_TOO_LONG;
  if (tags.length > IDEA_TAGS_MAX) return TAGS_TOO_MANY;
  return null;
}

const title = plainText(IDEA_TITLE_MAX, {
  invalid: "Enter a title for your idea.",
  required: "Enter a title for your idea: an empty idea cannot be submitted.",
  tooLong: `Enter a title of at most ${IDEA_TITLE_MAX} characters.`,
});
const description = z.string({ error: "Describe your idea as text." }).max(IDEA_DESCRIPTION_MAX, "The description is too long. Shorten it.").default("");

/** As the server takes them: a list, normalised, then checked. */
const tagList = z
  .array(z.string({ error: "Tags are text." }).max(IDEA_TAG_MAX * 4, TAG_TOO_LONG), { error: "Tags are text." })
  .max(IDEA_TAGS_MAX * 4, TAGS_TOO_MANY)
  .default([])
  .transform(normaliseTags)
  .superRefine((tags, ctx) => {
    const problem = tagProblem(tags);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** The form's fields: the tags as one line of text, separated by commas. */
export const ideaFormSchema = z.object({
  title,
  description,
  tags: z
    .string()
    .max(2000, TAGS_TOO_MANY)
    .default("")
    .superRefine((text, ctx) => {
      const problem = tagProblem(splitTags(text));
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
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
