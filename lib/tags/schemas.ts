/**
 * D7: tags as people type them and as they are stored, shared by the forms and the actions
 * that parse them again (content, ideas, group files). Client-safe.
 *
 * A tag is stored in one form — trimmed, inner spaces collapsed, lower case — so "Road
 * Safety" and "road  safety" are one tag and one tag page.
 */
import { z } from "zod";

export const TAG_MAX = 40;
export const TAGS_MAX = 10;

const TAGS_TOO_MANY = `Use at most ${TAGS_MAX} tags.`;
const TAG_TOO_LONG = `Each tag can be at most ${TAG_MAX} characters.`;
const TAG_CONTROL = "Tags can only hold letters, digits, spaces and punctuation.";
const TAG_COMMA = "A tag cannot hold a comma: commas separate tags.";

/** One tag as stored: bidirectional controls dropped, trimmed, inner spaces collapsed, lower-cased. */
export function normaliseTag(tag: string): string {
  return tag.replace(/[\u202a-\u202e\u2066-\u2069]/g, "").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Tags as stored: normalised, empty ones dropped, duplicates removed (first kept). */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag).filter((t) => t.length > 0))];
}

/** A Tags field's text ("Parking, car share") as tags. */
export function splitTags(text: string): string[] {
  return normaliseTags(text.split(","));
}

/** The problem with one tag (already normalised), or null. */
export function oneTagProblem(tag: string): string | null {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(tag)) return TAG_CONTROL;
  if (tag.includes(",")) return TAG_COMMA;
  if (tag.length > TAG_MAX) return TAG_TOO_LONG;
  return null;
}

/** The problem with a list of tags (already normalised), or null. */
export function tagProblem(tags: readonly string[]): string | null {
  for (const tag of tags) {
    const problem = oneTagProblem(tag);
    if (problem) return problem;
  }
  return tags.length > TAGS_MAX ? TAGS_TOO_MANY : null;
}

const tagArray = z
  .array(z.string({ error: "Tags are text." }).max(TAG_MAX * 4, TAG_TOO_LONG), { error: "Tags are text." })
  .max(TAGS_MAX * 4, TAGS_TOO_MANY);

function checkedTags<S extends z.ZodType<string[] | undefined, string[] | undefined>>(list: S) {
  return list.transform((tags) => normaliseTags(tags ?? [])).superRefine((tags, ctx) => {
    const problem = tagProblem(tags);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** As the server takes them: a list (none when left out), normalised, then checked. */
export const tagList = checkedTags(tagArray.default([]));

/** The same, left out when not given (an organisation file's optional field: parsing adds nothing). */
export const optionalTagList = checkedTags(tagArray).optional();

/** A form's Tags field as one line of text, separated by commas. */
export const tagsText = z
  .string()
  .max(2000, TAGS_TOO_MANY)
  .default("")
  .superRefine((text, ctx) => {
    const problem = tagProblem(splitTags(text));
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** One tag in an address (/tags/<tag>, ?tag=): normalised, or null when it cannot be a tag. */
export function tagParam(value: string | undefined): string | null {
  if (!value || value.length > TAG_MAX * 4) return null;
  const tag = normaliseTag(value);
  return tag && !oneTagProblem(tag) ? tag : null;
}

/** A tag page's address. */
export const tagHref = (tag: string) => `/tags/${encodeURIComponent(tag)}`;
