/**
 * Readable version diffs (C1: one item, one history): rich text reduced to its words
 * (block breaks kept, images named by their text alternative), compared word by word with
 * the `diff` package. Pure functions, for the history page and tests.
 */
import { diffWords } from "diff";
import sanitizeHtml from "sanitize-html";

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

const ENTITIES: Record<string, string> = { "&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'", "&amp;": "&" };

/** The words of (sanitised) rich text, one block per line; images as "[Image: alt]". */
export function readableText(html: string): string {
  const marked = html
    .replace(/<img\b[^>]*?\balt="([^"]*)"[^>]*>/gi, (_m, alt: string) => ` [Image${alt ? `: ${alt}` : ""}] `)
    .replace(/<img\b[^>]*>/gi, " [Image] ")
    .replace(/<li\b[^>]*>/gi, "\n• ")
    .replace(/<(td|th)\b[^>]*>/gi, " | ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|h[1-6]|li|tr|blockquote|table|ul|ol)>/gi, "\n");
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} }).replace(/&(nbsp|lt|gt|quot|amp|#39|#x27);/g, (e) => ENTITIES[e] ?? e);
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}

/** Word-level changes from `before` to `after`; null when there are too many to compute quickly. */
export function wordDiff(before: string, after: string): DiffPart[] | null {
  const changes = diffWords(before, after, { timeout: 1500 });
  if (!changes) return null;
  return changes.map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
}

export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

export interface ComparableVersion {
  status: "draft" | "published";
  details: { event?: { startsAt: string | null; endsAt: string | null; place: string | null }; poll?: { options: string[] } };
}

/** Status and type fields that changed between two versions, in words. */
export function fieldChanges(before: ComparableVersion, after: ComparableVersion, formatTime: (iso: string) => string): FieldChange[] {
  const out: FieldChange[] = [];
  const label = (s: string) => (s === "published" ? "Published" : "Draft");
  if (before.status !== after.status) out.push({ label: "Status", before: label(before.status), after: label(after.status) });
  const be = before.details.event;
  const ae = after.details.event;
  if (be || ae) {
    const t = (iso: string | null | undefined) => (iso ? formatTime(iso) : "(none)");
    if (be?.startsAt !== ae?.startsAt) out.push({ label: "Starts", before: t(be?.startsAt), after: t(ae?.startsAt) });
    if (be?.endsAt !== ae?.endsAt) out.push({ label: "Ends", before: t(be?.endsAt), after: t(ae?.endsAt) });
    if ((be?.place ?? null) !== (ae?.place ?? null)) out.push({ label: "Place", before: be?.place || "(none)", after: ae?.place || "(none)" });
  }
  const bp = before.details.poll?.options ?? [];
  const ap = after.details.poll?.options ?? [];
  if (bp.join("\u0000") !== ap.join("\u0000")) out.push({ label: "Poll options", before: bp.join("; ") || "(none)", after: ap.join("; ") || "(none)" });
  return out;
}
