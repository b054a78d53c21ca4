/**
 * C6: rich text is a safe subset of HTML — headings, paragraphs, lists, links,
 * bold/italic, tables, images. Everything else is removed, on save and again on render.
 * sanitize-html is a maintained, parser-based sanitiser (htmlparser2), no DOM needed.
 *
 * Images: only our own uploads, `<img src="/api/uploads/<id>">` (relative, our route,
 * which serves a file only to people who can view its item). Any other src — another
 * site, data:, javascript:, a path elsewhere on this site — removes the image.
 */
import { Parser } from "htmlparser2";
import sanitizeHtml from "sanitize-html";
import { MENTION_ID } from "@/lib/mentions/rich-text";
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
    // E6: a mention names its person by id (kept only when it is one: transformTags below).
    a: ["href", "title", "rel", "data-mention"],
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
    a: (tagName, attribs) => {
      const { "data-mention": mention, ...rest }: sanitizeHtml.Attributes = attribs;
      const kept: sanitizeHtml.Attributes = { ...rest, rel: "noopener noreferrer nofollow" };
      if (mention !== undefined && MENTION_ID.test(mention)) kept["data-mention"] = mention.toLowerCase();
      return { tagName, attribs: kept };
    },
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

/** Elements whose end (or, for br, whose presence) separates words in plain text. */
const WORD_BREAKING = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr", "blockquote", "br", "div"]);
/** Elements whose text is never shown as text (the same set sanitize-html drops). */
const NOT_TEXT = new Set(["script", "style", "textarea", "option", "noscript"]);

/**
 * Plain text of rich text, for excerpts and e-mails: tags dropped, entities decoded, words
 * at block ends kept apart, spaces collapsed. Read with htmlparser2 (the parser
 * sanitize-html is built on) listening for text only: listings make twenty excerpts a
 * page, and a full sanitising pass per excerpt cost more than the rest of the list.
 */
export function plainText(html: string, maxLength = 200): string {
  let text = "";
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (NOT_TEXT.has(name)) hidden++;
      },
      ontext(chunk) {
        if (hidden === 0) text += chunk;
      },
      onclosetag(name) {
        if (NOT_TEXT.has(name)) hidden = Math.max(0, hidden - 1);
        else if (WORD_BREAKING.has(name)) text += " ";
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  const collapsed = text.replace(/\s+/g, " ").trim();
  return collapsed.length > maxLength ? `${collapsed.slice(0, maxLength - 1).trimEnd()}…` : collapsed;
}
