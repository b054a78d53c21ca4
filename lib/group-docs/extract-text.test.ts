/**
 * D4 G7: reading a group file's text for search, from files made here: a PDF written by hand,
 * a Word file zipped by fflate, UTF-8 text. A corrupt file, a zip bomb, a worker that hangs
 * and one that runs out of heap all give null without throwing, within the time allowed,
 * with one line in the log that names no word of the file; the text is cut to 200 000
 * characters.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { MAX_TEXT_CHARS, TEXT_SOURCE_MAX_BYTES, cleanText, extractText, extractsText } from "./extract-text";

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
/** A PDF string literal: backslashes and parentheses escaped. */
const pdfString = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/**
 * A minimal valid PDF, one page per entry of `pages`, each line of a page shown in Helvetica
 * of `size` points (pdf.js leaves out text outside the page), with a correct cross-reference table.
 */
function pdfOf(pages: string[][], size = 12): Uint8Array {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  pages.forEach((lines, i) => {
    const content = `BT /F1 ${size} Tf ${size * 1.2} TL 36 756 Td ${lines.map((line) => `${pdfString(line)} '`).join(" ")} ET`;
    objects[pageIds[i]!] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;
  });
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, "latin1");
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/** A .docx with this word/document.xml. */
function docxOf(documentXml: Uint8Array | string): Uint8Array {
  return zipSync({ "[Content_Types].xml": strToU8(CONTENT_TYPES), "word/document.xml": typeof documentXml === "string" ? strToU8(documentXml) : documentXml });
}

const scratch = mkdtempSync(path.join(tmpdir(), "portico-extract-"));
/** A worker script for a test, in place of the real one. */
function testWorker(name: string, source: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, source);
  return file;
}

const warnings = () => vi.mocked(console.warn).mock.calls.map((call) => call.join(" "));

afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the kinds of file read for text (D4, G7)", () => {
  it("reads PDF, Word, plain text, CSV and Markdown; nothing else", async () => {
    for (const kind of ["pdf", "docx", "txt", "csv", "md"]) expect(extractsText(kind), kind).toBe(true);
    for (const kind of ["png", "jpg", "xlsx", "pptx", "odt", "zip", "doc", "xls", ""]) {
      expect(extractsText(kind), kind).toBe(false);
      expect(await extractText(strToU8("plain words"), kind), kind).toBeNull();
    }
  });

  it("decodes UTF-8 text, dropping invalid sequences and control characters but newlines and tabs", async () => {
    expect(await extractText(strToU8("Café menu\r\nSoup\tbread\n"), "txt")).toBe("Café menu\nSoup\tbread\n");
    const dirty = new Uint8Array([...strToU8("Bad"), 0xff, 0xfe, ...strToU8(" bytes\u0000 and \u0007bells\u001b[0m"), 0xe2, 0x82]);
    expect(await extractText(dirty, "md")).toBe("Bad bytes and bells[0m");
    expect(await extractText(strToU8("name,team\nAda,Harbour\n"), "csv")).toBe("name,team\nAda,Harbour\n");
    expect(await extractText(strToU8(" \n\u0000\t"), "txt")).toBeNull();
    expect(cleanText("a\uD800b")).toBe("ab");
  });

  it("cuts the text at 200 000 characters, never between the halves of a character", async () => {
    const long = "word ".repeat(60_000);
    const text = await extractText(strToU8(long), "txt");
    expect(text).toHaveLength(MAX_TEXT_CHARS);
    expect(text).toBe(long.slice(0, MAX_TEXT_CHARS));
    const emoji = `${"a".repeat(MAX_TEXT_CHARS - 1)}😀 after`;
    expect(cleanText(emoji)).toBe("a".repeat(MAX_TEXT_CHARS - 1));
    // A PDF's too: three pages of over 90 000 characters each, in a one-point type.
    const page = (n: number) => Array.from({ length: 500 }, (_, line) => `p${n}l${line} ${"lorem ipsum ".repeat(15)}`);
    const pdfText = await extractText(pdfOf([0, 1, 2].map(page), 1), "pdf");
    expect(pdfText).toHaveLength(MAX_TEXT_CHARS);
    expect(pdfText).toContain("p1l499 lorem");
    expect(pdfText).not.toContain("p2l499");
  });

  it("reads nothing from a file over the size cap", async () => {
    const big = new Uint8Array(TEXT_SOURCE_MAX_BYTES + 1).fill(0x61);
    expect(await extractText(big, "txt")).toBeNull();
    expect(await extractText(big, "pdf")).toBeNull();
  });
});

describe("PDF and Word files, in a worker (D4, G7)", () => {
  it("gives a PDF's words, page by page", async () => {
    const pdf = pdfOf([["Quarterly budget review", "Harbour (north) café"], ["Second page: zeppelin"]]);
    const text = await extractText(pdf, "pdf");
    expect(text).toMatch(/Quarterly budget review\s+Harbour \(north\) café\s+Second page: zeppelin/);
  });

  it("gives a Word file's text runs: paragraphs as lines, tabs, entities decoded, field codes left out", async () => {
    const docx = docxOf(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>` +
        `<w:p><w:r><w:t>Minutes of the</w:t></w:r><w:r><w:t xml:space="preserve"> harbour committee</w:t></w:r></w:p>` +
        `<w:p><w:r><w:instrText>HYPERLINK "https://example.com"</w:instrText><w:t>Café &amp; bar &lt;ok&gt;</w:t><w:tab/><w:t>next</w:t><w:br/><w:t>line</w:t></w:r></w:p>` +
        `</w:body></w:document>`,
    );
    expect(await extractText(docx, "docx")).toBe("Minutes of the harbour committee\nCafé & bar <ok>\tnext\nline\n");
  });

  it("gives null for a corrupt PDF, a zip that is no Word file, and bytes that are no zip, logging one line that names no word of them", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const good = pdfOf([["secretword in the text"]]);
    expect(await extractText(good.subarray(0, 120), "pdf")).toBeNull();
    expect(await extractText(latin1("%PDF-1.7\nsecretword garbage\n%%EOF\n"), "pdf")).toBeNull();
    expect(await extractText(zipSync({ "notes.txt": strToU8("secretword") }), "docx")).toBeNull();
    expect(await extractText(latin1("PK\x03\x04secretword not a zip"), "docx")).toBeNull();
    expect(warnings()).toHaveLength(4);
    for (const line of warnings()) {
      expect(line).toMatch(/^group docs: no text read from a \.(pdf|docx) file: unreadable \(\w+\)$/);
      expect(line).not.toContain("secretword");
    }
  });

  it("gives null for a zip bomb; an entry that lies about its size is cut at what it declared", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // 40 MB of document.xml (more than the 32 MB read), a few dozen KB zipped.
    const bomb = docxOf(`<w:document ${W}><w:body><w:p><w:r><w:t>${"bomb ".repeat(8 * 1024 * 1024)}</w:t></w:r></w:p></w:body></w:document>`);
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    expect(await extractText(bomb, "docx")).toBeNull();
    expect(warnings()).toEqual(["group docs: no text read from a .docx file: unreadable (TooLarge)"]);

    // The same archive with document.xml's declared size (in the central directory) set to
    // 1 KB: inflated into a 1 KB buffer, never grown, so only its first kilobyte is read.
    const lying = bomb.slice();
    const view = new DataView(lying.buffer);
    for (let at = lying.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) !== 0x02014b50) continue; // a central directory entry
      const nameLength = view.getUint16(at + 28, true);
      if (new TextDecoder().decode(lying.subarray(at + 46, at + 46 + nameLength)) === "word/document.xml") view.setUint32(at + 24, 1024, true);
    }
    const cut = await extractText(lying, "docx");
    expect(cut).toMatch(/^bomb bomb /);
    expect(cut!.length).toBeLessThan(1024);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("ends a worker that runs past the timeout, and gives null within about the timeout", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const hang = testWorker("hang.mjs", "for (;;) {}\n");
    const started = Date.now();
    expect(await extractText(pdfOf([["words"]]), "pdf", { timeoutMs: 500, workerFile: hang })).toBeNull();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(2_500);
    expect(warnings()).toEqual(["group docs: no text read from a .pdf file: timed out after 500 ms"]);
  });

  it("ends a worker that runs out of its heap, giving null", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const hog = testWorker("hog.mjs", "const keep = [];\nfor (;;) keep.push({ a: Math.random(), b: [1, 2, 3] });\n");
    expect(await extractText(pdfOf([["words"]]), "pdf", { workerFile: hog })).toBeNull();
    expect(warnings()[0]).toMatch(/the worker failed \(ERR_WORKER_OUT_OF_MEMORY\)/);
  });

  it("ends a worker whose buffers (outside the heap cap) grow the process past the memory allowed", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const buffers = testWorker("buffers.mjs", "const keep = [];\nsetInterval(() => keep.push(new Uint8Array(16 * 1024 * 1024).fill(1)), 10);\n");
    const started = Date.now();
    expect(await extractText(pdfOf([["words"]]), "pdf", { workerFile: buffers, memoryMb: 64 })).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(warnings()).toEqual(["group docs: no text read from a .pdf file: used more than 64 MB"]);
  });

  it("runs two workers at once with sixteen files waiting; a file past those gets no text at once", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const hang = testWorker("hang-too.mjs", "for (;;) {}\n");
    const started = Date.now();
    const ended: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => extractText(pdfOf([["words"]]), "pdf", { timeoutMs: 200, workerFile: hang }).then((text) => ((ended[i] = Date.now() - started), text))),
    );
    expect(results.every((text) => text === null)).toBe(true);
    expect(warnings().filter((line) => line.endsWith("too many files are being read already"))).toHaveLength(2);
    expect(warnings().filter((line) => line.endsWith("timed out after 200 ms"))).toHaveLength(18);
    // Two at a time: the last of the eighteen ends after nine rounds of 200 ms.
    expect(Math.max(...ended)).toBeGreaterThanOrEqual(9 * 200 - 50);
  });

  it("leaves the caller's bytes as they were (the worker reads a copy)", async () => {
    const pdf = pdfOf([["kept"]]);
    const copy = pdf.slice();
    expect(await extractText(pdf, "pdf")).toMatch(/kept/);
    expect(pdf).toEqual(copy);
  });
});
