/**
 * D4 G7: the worker thread that reads the text of one PDF or Word (.docx) file for search.
 * Started by ./extract-text.ts for each file, with a heap cap (`resourceLimits`), under a
 * wall-clock timeout and a memory watch, and ended with the file: whatever a hostile file
 * does here (a loop, a zip bomb, a decompression bomb) ends with this thread, never with
 * the server.
 *
 * A plain ES module that Node loads as it is, by path, under vitest and tsx as under the
 * Next.js server (Next's bundler never sees it, so `unpdf` and `fflate` are read from
 * node_modules as they were published).
 *
 * workerData: { kind: "pdf" | "docx", bytes: Uint8Array, maxChars, maxXmlBytes }.
 * Posts { text } (at most about maxChars characters, not yet cleaned: the caller does that),
 * or { failed: reason }, the error's name only: never a word of the file.
 */
import { parentPort, workerData } from "node:worker_threads";

const { kind, bytes, maxChars, maxXmlBytes } = workerData;

/** PDF: pdf.js (through unpdf's serverless build: no canvas, no native code, no eval), page by page until there is enough text. */
async function pdfText(data) {
  const { getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(data, {
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0, // errors only: pdf.js's warnings would fill the log
  });
  const parts = [];
  let length = 0;
  try {
    for (let n = 1; n <= pdf.numPages && length < maxChars; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (typeof item.str !== "string") continue;
        const piece = item.str + (item.hasEOL ? "\n" : "");
        parts.push(piece);
        length += piece.length;
      }
      parts.push("\n\n");
      length += 2;
      page.cleanup();
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
  return parts.join("");
}

/**
 * Word: the text runs of word/document.xml. The archive is read with fflate, inflating that
 * one entry only and only when its declared size is at most maxXmlBytes; into a buffer of
 * exactly that size, so an entry that inflates past what it declared is cut there (fflate
 * never grows a buffer it was given), never held whole. The XML is read as a stream of
 * tokens (htmlparser2, which expands no DTD entities), a chunk at a time, until there is
 * enough text.
 */
async function docxText(data) {
  const { unzipSync } = await import("fflate");
  const { Parser } = await import("htmlparser2");
  let tooLarge = false;
  const entries = unzipSync(data, {
    filter: (entry) => {
      if (entry.name !== "word/document.xml") return false;
      if (entry.originalSize > maxXmlBytes) tooLarge = true;
      return !tooLarge;
    },
  });
  if (tooLarge) throw Object.assign(new Error("word/document.xml is larger than the limit"), { name: "TooLarge" });
  const xml = entries["word/document.xml"];
  if (!xml) throw Object.assign(new Error("no word/document.xml"), { name: "NotWord" });

  const parts = [];
  let length = 0;
  let inText = 0;
  const add = (piece) => {
    parts.push(piece);
    length += piece.length;
  };
  const local = (name) => name.slice(name.indexOf(":") + 1);
  const parser = new Parser(
    {
      onopentag(name) {
        const tag = local(name);
        if (tag === "t") inText++;
        else if (tag === "tab") add("\t");
        else if (tag === "br" || tag === "cr") add("\n");
      },
      onclosetag(name) {
        const tag = local(name);
        if (tag === "t") inText = Math.max(0, inText - 1);
        else if (tag === "p") add("\n");
      },
      ontext(text) {
        if (inText) add(text);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  const decoder = new TextDecoder();
  const CHUNK = 64 * 1024;
  for (let at = 0; at < xml.length && length < maxChars; at += CHUNK) parser.write(decoder.decode(xml.subarray(at, at + CHUNK), { stream: true }));
  parser.end();
  return parts.join("");
}

try {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const text = kind === "pdf" ? await pdfText(data) : kind === "docx" ? await docxText(data) : null;
  parentPort.postMessage({ text });
} catch (error) {
  parentPort.postMessage({ failed: error instanceof Error ? error.name || "Error" : "Error" });
}
