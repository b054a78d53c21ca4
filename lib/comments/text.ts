/**
 * K1 E6: a comment's plain text cut into what is rendered: text, links and mentions. Only
 * http and https addresses become links (never javascript: or data:), and the renderer
 * gives them rel="nofollow ugc noopener"; a mention shows the name it was written with.
 * Nothing here is HTML: React escapes every run. Client-safe.
 */
import { mentionSegments } from "@/lib/mentions/syntax";

export type CommentPart = { kind: "text"; text: string } | { kind: "link"; href: string; text: string } | { kind: "mention"; name: string; personId: string };

/** An address starts at http(s):// and runs to whitespace or a character never part of one. */
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.org."). */
const TRAILING = /[.,;:!?)\]}]+$/;

function linkParts(text: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const at = match.index ?? 0;
    const raw = match[0];
    const trailing = TRAILING.exec(raw)?.[0] ?? "";
    const address = raw.slice(0, raw.length - trailing.length);
    let href: string | null = null;
    try {
      const url = new URL(address);
      if (url.protocol === "http:" || url.protocol === "https:") href = url.href;
    } catch {
      href = null;
    }
    if (!href || address.length <= "https://".length) continue;
    if (at > last) parts.push({ kind: "text", text: text.slice(last, at) });
    parts.push({ kind: "link", href, text: address });
    last = at + address.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

/** The parts of a comment's text, in order. */
export function commentParts(body: string): CommentPart[] {
  return mentionSegments(body).flatMap((segment): CommentPart[] =>
    segment.kind === "mention" ? [{ kind: "mention", name: segment.name, personId: segment.personId }] : linkParts(segment.text),
  );
}
