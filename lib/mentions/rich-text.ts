/**
 * E6: mentions in rich text are `<a data-mention="<person id>">@Name</a>` (the editor's
 * mention node writes them; lib/content/sanitize.ts keeps the attribute only when it holds
 * an id). No server-only imports: the editor and the save share it.
 */
const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
export const MENTION_ID = new RegExp(`^${UUID}$`);
const MENTION_ATTRIBUTE = new RegExp(`<a\\b[^>]*\\bdata-mention="(${UUID})"`, "g");

/** The distinct people sanitised rich text mentions, lower-case ids in order of first mention. */
export function mentionedIdsInHtml(html: string): string[] {
  const ids = new Set<string>();
  for (const [, id] of html.matchAll(MENTION_ATTRIBUTE)) if (id) ids.add(id.toLowerCase());
  return [...ids];
}
