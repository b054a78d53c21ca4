/**
 * C6: rich text is a safe subset of HTML — headings, paragraphs, lists, links,
 * bold/italic, tables, images. Everything else is removed, on save and again on render.
 * sanitize-html is a maintained, parser-based sanitiser (htmlparser2), no DOM needed.
 */
import sanitizeHtml from "sanitize-html";

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
  allowedSchemesByTag: { img: ["https"] },
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

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS);
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
