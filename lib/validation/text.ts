/**
 * The zod building blocks every form and action schema uses for text and numbers, so
 * that a bad character or number is a clear field message that changes nothing, never a
 * database error ("Something went wrong", and the statement's parameters in the log).
 * Client-safe: the forms (react-hook-form) parse with the same schemas.
 *
 * - Control characters (NUL, escape, line breaks in one-line fields …) are refused with a
 *   message: PostgreSQL cannot store NUL in text at all, and the others have no place in
 *   a name or title.
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
 *   removed from names, titles and other text: "‮txt.exe" displays as "exe.txt", so a
 *   name or title could pass for another in lists and e-mail subjects. The left-to-right
 *   and right-to-left marks (U+200E, U+200F) are kept: they only place the punctuation
 *   beside them, cannot reverse text, and mixed Arabic or Hebrew and Latin names need them.
 * - Numbers that name a database row are whole numbers within PostgreSQL's `integer`.
 */
import { z } from "zod";

/** Line breaks and every other C0 and C1 control character, and DEL. */
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less tab, line feed and carriage return: for text of several lines. */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export const CONTROL_MESSAGE_ONE_LINE = "Remove the control characters (such as a line break or a NUL character): type this on one line, as plain text.";
export const CONTROL_MESSAGE_MULTILINE = "Remove the control characters (such as a NUL character): only text and line breaks can be used here.";

/** Removes the bidirectional embeddings, overrides and isolates from a text. */
export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, "");
}

/** True when a text holds a control character (`multiline`: line breaks and tabs allowed). */
export function hasControlCharacters(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_MULTILINE : CONTROL_ONE_LINE).test(value);
}

/** Removes every control character (for search boxes read from the address bar, which have no field to show a message). */
export function withoutControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL_ONE_LINE.source, "g"), "");
}

export interface PlainTextOptions {
  /** The message for an empty value; without it, empty text is allowed. */
  required?: string;
  /** The message for a text over `max` characters. */
  tooLong: string;
  /** Line breaks allowed (a description); control characters still refused. */
  multiline?: boolean;
  /** The message when the value is not text at all (a hand-made request). */
  invalid?: string;
}

/**
 * Text for a name, title or label: bidi controls removed, trimmed, control characters
 * refused, then the length checked. Stays a string schema (`.overwrite`), so callers may
 * chain `.default()`, `.regex()` and the rest.
 */
export function plainText(max: number, options: PlainTextOptions) {
  const schema = z
    .string(options.invalid ? { error: options.invalid } : undefined)
    .overwrite(stripBidiControls)
    .trim()
    .refine((v) => !hasControlCharacters(v, options.multiline), options.multiline ? CONTROL_MESSAGE_MULTILINE : CONTROL_MESSAGE_ONE_LINE);
  return (options.required ? schema.min(1, options.required) : schema).max(max, options.tooLong);
}

/** Text that is not a name (a search box, a filter): trimmed, control characters refused with a message. */
export function searchText(max: number, tooLong: string) {
  return z
    .string()
    .trim()
    .refine((v) => !hasControlCharacters(v), CONTROL_MESSAGE_ONE_LINE)
    .max(max, tooLong);
}

/** PostgreSQL's `integer`: the largest id or count a column can hold. */
export const INT_MAX = 2_147_483_647;

/** A whole number from `min` to `max`, one message for anything else (not a number, a fraction, out of range). */
export function intInRange(min: number, max: number, message: string) {
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** The id of a database row (identity columns start at 1). */
export function dbId(message = "This item could not be found. Reload the page, then try again.") {
  return intInRange(1, INT_MAX, message);
}
