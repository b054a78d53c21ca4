/**
 * Highlighted search text (D4): the database marks the matched words with two private-use
 * characters (never HTML), and the page splits on them into plain strings that React escapes.
 * So an extract can never carry markup from the item, whatever its text holds. Client-safe.
 */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";

export interface Segment {
  text: string;
  marked: boolean;
}

/** The text in runs, each marked or not; an unclosed mark runs to the end, stray ends are dropped. */
export function highlightSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let marked = false;
  let current = "";
  const flush = () => {
    if (current) segments.push({ text: current, marked });
    current = "";
  };
  for (const ch of text) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
      flush();
      marked = ch === HIGHLIGHT_START;
    } else current += ch;
  }
  flush();
  return segments;
}

/** The text without its marks (for a link's accessible name or a page title). */
export function withoutHighlights(text: string): string {
  return text.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_END, "");
}
