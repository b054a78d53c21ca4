/**
 * The profile's text fields (E3, M3, M6, D3): their names, columns, labels and limits,
 * shared by the own-profile form, the webmaster's person form, the import's field set and
 * the export. Client-safe (no server-only code).
 *
 * "About me" is plain text, not rich text: it travels through CSV, JSON and XML imports
 * and exports, where HTML would be markup to sanitise on the way in and noise on the way
 * out, and it is a few sentences on a profile card. React escapes it on render; line
 * breaks are kept (`whitespace-pre-line`).
 */
import { z } from "zod";
import { stripBidiControls } from "@/lib/validation/text";

export const PROFILE_TEXT_FIELDS = {
  jobTitle: { column: "job_title", label: "Job title", max: 200, multiline: false },
  organisation: { column: "organisation", label: "Department or organisation", max: 200, multiline: false },
  workPhone: { column: "work_phone", label: "Work phone", max: 40, multiline: false },
  about: { column: "about", label: "About me", max: 1000, multiline: true },
} as const;
export type ProfileTextField = keyof typeof PROFILE_TEXT_FIELDS;
export const PROFILE_TEXT_KEYS = Object.keys(PROFILE_TEXT_FIELDS) as ProfileTextField[];
export type ProfileText = Record<ProfileTextField, string | null>;

/** Characters no profile text holds: control characters (and, in one-line fields, line breaks). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f]/;
const PHONE = /^\+?[0-9][0-9 ().-]{2,39}$/;

/** The one rule per field, for forms, actions and imports alike: the problem with a value, or null. */
export function profileTextProblem(field: ProfileTextField, value: string): string | null {
  const spec = PROFILE_TEXT_FIELDS[field];
  if (value.length > spec.max) return `${spec.label} may be at most ${spec.max} characters long: this is ${value.length}. Shorten it.`;
  if ((spec.multiline ? CONTROL : CONTROL_ONE_LINE).test(value)) {
    return spec.multiline ? `The ${spec.label.toLowerCase()} holds control characters: remove them.` : `Enter the ${spec.label.toLowerCase()} on one line, without control characters.`;
  }
  if (field === "workPhone" && value !== "" && !PHONE.test(value)) {
    return "Enter a work phone number using digits, spaces, dashes, brackets and an optional + at the start, like +44 20 7946 0000";
  }
  return null;
}

/** Line breaks as LF, no surrounding space, no bidi overrides (lib/validation/text.ts: they can disguise text). */
export const normaliseProfileText = (v: string): string => stripBidiControls(v).replace(/\r\n?/g, "\n").trim();

/** Trims, turns CRLF into LF, and checks; "" means "not set". */
export function profileText(field: ProfileTextField) {
  return z
    .string()
    .transform(normaliseProfileText)
    .superRefine((v, ctx) => {
      const problem = profileTextProblem(field, v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** The stored value of a form's text: null for empty. */
export const storedText = (v: string): string | null => (v === "" ? null : v);

const graphemeSegmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

/** The characters a reader sees (a letter with its accents, an emoji with its joiners), not code points. */
function graphemes(text: string): string[] {
  return graphemeSegmenter ? Array.from(graphemeSegmenter.segment(text), (s) => s.segment) : Array.from(text);
}

/** A word's first letter or digit, whole; in capitals unless that would make two letters ("ß" → "SS"). */
function initialOf(word: string): string | null {
  const letter = graphemes(word).find((g) => /^[\p{L}\p{N}]/u.test(g));
  if (!letter) return null;
  const upper = letter.toLocaleUpperCase();
  return graphemes(upper).length === 1 ? upper : letter;
}

/**
 * Initials for a person without a profile image: the first letters of the first and last
 * words, so never more than two letters, whatever the name (one word, a very long one,
 * any script, punctuation or emoji around it); "?" when the name has no letter at all. The
 * avatar sizes its text to its circle (components/people/avatar.tsx).
 */
export function initialsOf(name: string): string {
  const initials = name
    .trim()
    .split(/\s+/)
    .map(initialOf)
    .filter((i): i is string => i !== null);
  if (!initials.length) return "?";
  return initials.length > 1 ? initials[0]! + initials[initials.length - 1]! : initials[0]!;
}

/** Where a person's profile image is served (E4: only to people who may view their profile). */
export function profileImageSrc(personId: string, imageId: string): string {
  return `/api/people/${personId}/image?v=${imageId.slice(0, 8)}`;
}
