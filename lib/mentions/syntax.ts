/**
 * E6: how an @mention is written in plain text (comments): `@[Display name](<person id>)`.
 * The name is what the writer saw when they chose the person; the id is what counts. A
 * mention's name is shown as written, and links to the profile only where the reader may
 * open it. In rich text a mention is `<a data-mention="<person id>">@Name</a>`
 * (lib/content/sanitize.ts keeps that attribute).
 */
const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** Matches one mention: group 1 the name, group 2 the id. */
export const MENTION_PATTERN = new RegExp(`@\\[([^\\]\\n]{1,200})\\]\\((${UUID})\\)`, "g");

/** The token that mentions a person, as the suggestion list inserts it. */
export function mentionToken(person: { id: string; name: string }): string {
  const name = person.name.replace(/[\]\n]/g, " ").trim().slice(0, 200) || "someone";
  return `@[${name}](${person.id.toLowerCase()})`;
}

/** The distinct people a text mentions, in order of first mention. */
export function mentionedIds(text: string): string[] {
  const ids = new Set<string>();
  for (const [, , id] of text.matchAll(MENTION_PATTERN)) if (id) ids.add(id.toLowerCase());
  return [...ids];
}

export type TextSegment = { kind: "text"; text: string } | { kind: "mention"; name: string; personId: string };

/** A text cut into plain runs and mentions, for rendering (links are found in the plain runs). */
export function mentionSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION_PATTERN)) {
    const [whole, name = "", id = ""] = match;
    const at = match.index ?? 0;
    if (at > last) segments.push({ kind: "text", text: text.slice(last, at) });
    segments.push({ kind: "mention", name, personId: id.toLowerCase() });
    last = at + whole.length;
  }
  if (last < text.length) segments.push({ kind: "text", text: text.slice(last) });
  return segments;
}
