/**
 * C6: rich text is a safe subset of HTML — headings, paragraphs, lists, links,
 * bold/italic, tables, images. Everything else is removed, on save and again on render.
 * sanitize-html is a maintained, parser-based sanitiser (htmlparser2), no DOM needed.
 *
 * Images: only our own uploads, `<img src="/api/uploads/<id>">` (relative, our route,
 * which serves a file only to people who can view its item). Any other src — another
 * site, data:, javascript:, a path elsewhere on this site — removes the image.
 */
import sanitizeHtml from "sanitize-html";
import { UPLOAD_SRC } from "@/lib/uploads/paths";

/** The upload ids the images of (sanitised) rich text refer to. */
export function uploadIdsIn(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*\bsrc="\/api\/uploads\/([0-9a-f-]{36})"/g)) ids.add(m[1]!);
  return [...ids];
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2", "h3", "h4", "p", "br", "hr", "blockquote",
    "ul", "ol", "li",
    "strong", "b", "em", "i", "u", "s",
    "a",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "img",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "width", "height"],
    th: ["scope", "colspan", "rowspan"],
    td: ["colspan", "rowspan"],
    ol: ["start"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  // No scheme at all for images: the exclusive filter below keeps only our upload route.
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Links open in place and never hand this page to the target.
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
    // Headings inside an item sit below the page's own h1.
    h1: "h2",
  },
  allowedClasses: {},
};

export interface SanitizeOptions {
  /** On save: which uploads this item may show (the saver's own new uploads, and the item's). */
  keepUpload?: (id: string) => boolean;
}

export function sanitizeRichText(html: string, options: SanitizeOptions = {}): string {
  const { keepUpload } = options;
  return sanitizeHtml(html, {
    ...OPTIONS,
    exclusiveFilter: (frame) => {
      if (frame.tag !== "img") return false;
      const m = UPLOAD_SRC.exec(frame.attribs.src ?? "");
      return !m || (keepUpload ? !keepUpload(m[1]!) : false);
    },
  });
}

/** Plain text of rich text, for excerpts: tags dropped, entities decoded, spaces collapsed. */
export function plainText(html: string, maxLength = 200): string {
  const text = sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|td|th|tr|blockquote)>/gi, " "), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
