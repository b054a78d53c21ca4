/**
 * E6: what is being typed as a mention: "@" at the start of the text or after a space, an
 * opening bracket or a tag's end, then the letters typed so far (up to the caret). No
 * server-only imports: the textarea and the editor both use it.
 */
const TYPED_MENTION = /(?:^|[\s(>])@([\p{L}\p{N}._'-]{0,50})$/u;

/** The letters after "@" just before the caret, given the text up to the caret; null when no mention is being typed. */
export function mentionQueryBefore(before: string): string | null {
  const m = TYPED_MENTION.exec(before);
  return m ? (m[1] ?? "") : null;
}
