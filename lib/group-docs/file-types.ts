/**
 * G7: the kinds of file a group may hold, each known by its name's extension and confirmed
 * from its first bytes (never the type the browser declared): a file whose bytes are not
 * what its name says is refused. What is stored, and served, is this list's type. No HTML,
 * SVG or script of any kind: nothing that a browser would run.
 */

type Signature = "pdf" | "png" | "jpeg" | "gif" | "webp" | "zip" | "ole" | "text";

interface FileKind {
  mimeType: string;
  signature: Signature;
  /** Shown in the browser (with a sandboxing CSP) rather than downloaded: images and PDFs. */
  inline: boolean;
}

const OOXML = "application/vnd.openxmlformats-officedocument";
const ODF = "application/vnd.oasis.opendocument";

export const GROUP_FILE_KINDS: Record<string, FileKind> = {
  pdf: { mimeType: "application/pdf", signature: "pdf", inline: true },
  png: { mimeType: "image/png", signature: "png", inline: true },
  jpg: { mimeType: "image/jpeg", signature: "jpeg", inline: true },
  jpeg: { mimeType: "image/jpeg", signature: "jpeg", inline: true },
  gif: { mimeType: "image/gif", signature: "gif", inline: true },
  webp: { mimeType: "image/webp", signature: "webp", inline: true },
  docx: { mimeType: `${OOXML}.wordprocessingml.document`, signature: "zip", inline: false },
  xlsx: { mimeType: `${OOXML}.spreadsheetml.sheet`, signature: "zip", inline: false },
  pptx: { mimeType: `${OOXML}.presentationml.presentation`, signature: "zip", inline: false },
  odt: { mimeType: `${ODF}.text`, signature: "zip", inline: false },
  ods: { mimeType: `${ODF}.spreadsheet`, signature: "zip", inline: false },
  odp: { mimeType: `${ODF}.presentation`, signature: "zip", inline: false },
  zip: { mimeType: "application/zip", signature: "zip", inline: false },
  doc: { mimeType: "application/msword", signature: "ole", inline: false },
  xls: { mimeType: "application/vnd.ms-excel", signature: "ole", inline: false },
  ppt: { mimeType: "application/vnd.ms-powerpoint", signature: "ole", inline: false },
  txt: { mimeType: "text/plain", signature: "text", inline: false },
  csv: { mimeType: "text/csv", signature: "text", inline: false },
  md: { mimeType: "text/markdown", signature: "text", inline: false },
};

/** How many first bytes the check reads. */
export const SNIFF_BYTES = 4096;

export const ACCEPTED_EXTENSIONS = Object.keys(GROUP_FILE_KINDS);
const LISTED = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(", ");

/** The extension of a file name, lower case ("" when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export function kindOfName(name: string): FileKind | null {
  return Object.hasOwn(GROUP_FILE_KINDS, extensionOf(name)) ? GROUP_FILE_KINDS[extensionOf(name)]! : null;
}

/** The types a group file's stored type may be served inline as. */
export function servedInline(mimeType: string): boolean {
  return Object.values(GROUP_FILE_KINDS).some((k) => k.inline && k.mimeType === mimeType);
}

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function matches(signature: Signature, head: Uint8Array): boolean {
  switch (signature) {
    case "pdf":
      return startsWith(head, ascii("%PDF-"));
    case "png":
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "jpeg":
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case "gif":
      return startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"));
    case "webp":
      return startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8);
    case "zip":
      return startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]);
    case "ole":
      return startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    case "text": {
      if (head.includes(0)) return false;
      try {
        // `stream` keeps a character cut at the end of the sample from counting as an error.
        new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
      } catch {
        return false;
      }
      // Text that a browser would take for a page is not a text file.
      return !/^\s*<(?:!doctype|html|svg|script|\?xml)/i.test(new TextDecoder().decode(head.subarray(0, 512)));
    }
  }
}

export type FileTypeCheck = { ok: true; mimeType: string } | { ok: false; message: string };

/** The stored type of a file named `name` whose first bytes are `head`, or why it is refused. */
export function checkFileType(name: string, head: Uint8Array): FileTypeCheck {
  const kind = kindOfName(name);
  if (!kind) {
    const extension = extensionOf(name);
    return { ok: false, message: `${extension ? `.${extension} files` : "Files without an extension"} cannot be uploaded to a group. Upload one of: ${LISTED}.` };
  }
  if (!matches(kind.signature, head)) return { ok: false, message: `This file's contents are not a .${extensionOf(name)} file. Check that it is the file you meant, and that its name ends in its own type.` };
  return { ok: true, mimeType: kind.mimeType };
}
