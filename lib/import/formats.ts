import "server-only";
/**
 * M6 / D3: the import (and export) file formats, one field set per kind, the same in
 * CSV, JSON and XML (documented in docs/IMPORT.md). This module turns the uploaded bytes
 * into raw rows (strings and lists, nothing checked yet) and file-level problems; the
 * rules live in ./plan.ts.
 *
 * Safety: the bytes must be UTF-8 (a byte-order mark is dropped); XML with a DOCTYPE
 * (so any DTD or entity declaration: XXE, "billion laughs") is refused before parsing,
 * and only XML's five predefined entities and numeric character references are decoded,
 * by decodeXmlText here: a reference to anything that is not a character allowed in text
 * (out of range, a surrogate half, a control character) or to an undefined entity is a
 * problem for its row and field, never a crash and never stored.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat, type ImportKind, KIND_SPECS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, fieldsOf } from "./kinds";

export * from "./kinds";

/** One problem, by row (1 = the first data row or entry) and field when it has them. */
export interface ImportProblem {
  row: number | null;
  field: string | null;
  message: string;
}

/** A field's raw value: a string (empty = cleared) or a list; an absent field is left unchanged. */
export type RawValue = string | string[];
export interface RawRow {
  row: number;
  values: Partial<Record<string, RawValue>>;
}

export type ParsedFile = { ok: true; rows: RawRow[] } | { ok: false; problems: ImportProblem[] };

const fileProblem = (message: string): ParsedFile => ({ ok: false, problems: [{ row: null, field: null, message }] });

/** The format from the file name's extension, or null. */
export function formatOfFileName(name: string): ImportFormat | null {
  const ext = /\.([A-Za-z]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext && (IMPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ImportFormat) : null;
}

/** UTF-8 text from the bytes, or null when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.startsWith("\uFEFF") ? text.slice(1) : text;
  } catch {
    return null;
  }
}

// CSV cells that a spreadsheet would read as a formula are written with a leading "'" (D3);
// reading them back removes it.
const CSV_GUARDED = /^'[=+\-@\t\r]/;
export function unguardCsvCell(cell: string): string {
  return CSV_GUARDED.test(cell) ? cell.slice(1) : cell;
}

function splitList(cell: string): string[] {
  return cell
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

function checkColumns(kind: ImportKind, names: string[], where: string): ImportProblem[] {
  const known = fieldsOf(kind);
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push({ row: null, field: name, message: `The ${where} "${name}" appears more than once.` });
    seen.add(name);
    if (!known.includes(name)) {
      problems.push({ row: null, field: name, message: `Unknown ${where} "${name}". The ${where}s for ${kind} are: ${known.join(", ")}.` });
    }
  }
  for (const name of KIND_SPECS[kind].required) {
    if (!seen.has(name)) problems.push({ row: null, field: name, message: `The required ${where} "${name}" is missing.` });
  }
  return problems;
}

function parseCsvRows(kind: ImportKind, text: string): ParsedFile {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    return fileProblem(`The CSV file cannot be read${e.lines ? ` (near line ${e.lines})` : ""}: ${(e.message ?? "").replace(/^Invalid [^:]*: /, "")}`);
  }
  if (records.length === 0) return fileProblem("The file is empty: it needs a header line naming its columns.");
  const header = records[0]!.map((h) => h.trim());
  const problems = checkColumns(kind, header, "column");
  if (problems.length) return { ok: false, problems };
  const spec = KIND_SPECS[kind];
  const isList = header.map((name) => name in spec.lists);
  const rows: RawRow[] = [];
  const widthProblems: ImportProblem[] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i]!;
    if (cells.length !== header.length) {
      widthProblems.push({ row: i, field: null, message: `This row has ${cells.length} cells; the header has ${header.length} columns.` });
      continue;
    }
    const values: Partial<Record<string, RawValue>> = {};
    for (let c = 0; c < header.length; c++) {
      const cell = unguardCsvCell(cells[c]!.trim());
      values[header[c]!] = isList[c] ? splitList(cell) : cell;
    }
    rows.push({ row: i, values });
  }
  if (widthProblems.length) return { ok: false, problems: widthProblems };
  return { ok: true, rows };
}

/** XML's five predefined entities, the only named ones an import file may use. */
const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
/**
 * Marks a reference that must not become text, around the reference as written, until the
 * row's check (objectRows) reports it. NUL never occurs otherwise: parseImportFile refuses
 * files that hold one before any parsing.
 */
const BAD_REFERENCE = "\u0000";

/** Characters a reference may stand for in a field: XML's Char, less the control characters (C0 but tab and line breaks, DEL, C1). */
function textCharacter(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes XML's predefined entities and numeric character references in one pass (so "&amp;#38;" stays "&#38;"). */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][A-Za-z0-9._-]*);/g, (whole, ref: string) => {
    const bad = `${BAD_REFERENCE}${whole}${BAD_REFERENCE}`;
    if (ref[0] !== "#") return XML_ENTITIES[ref] ?? bad;
    const hex = ref[1] === "x";
    const digits = ref.slice(hex ? 2 : 1).replace(/^0+(?=.)/, "");
    if (digits.length > 8) return bad; // far beyond U+10FFFF, whatever the base
    const cp = Number.parseInt(digits, hex ? 16 : 10);
    return textCharacter(cp) ? String.fromCodePoint(cp) : bad;
  });
}

/** The first reference decodeXmlText refused in a value, as written, or null. */
function refusedReference(value: string): string | null {
  const at = value.indexOf(BAD_REFERENCE);
  return at < 0 ? null : value.slice(at + 1, value.indexOf(BAD_REFERENCE, at + 1));
}

function referenceProblem(field: string, reference: string): string {
  return reference.startsWith("&#")
    ? `"${field}" holds the character reference ${reference}, which is not a character allowed in text (out of range, half of a surrogate pair or a control character). Remove it or write the character itself.`
    : `"${field}" uses the entity ${reference}, which XML does not define. Write the character itself, or &amp; &lt; &gt; &quot; &apos;.`;
}

function scalarOf(value: unknown): string | null {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** JSON and XML entries (plain objects) to raw rows, every problem by entry and field. */
function objectRows(kind: ImportKind, entries: unknown[], listItem: (field: string, value: unknown) => unknown[] | null): ParsedFile {
  const spec = KIND_SPECS[kind];
  const known = fieldsOf(kind);
  const rows: RawRow[] = [];
  const problems: ImportProblem[] = [];
  entries.forEach((entry, i) => {
    const row = i + 1;
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      problems.push({ row, field: null, message: `Entry ${row} must be an object with the fields ${known.join(", ")}.` });
      return;
    }
    const values: Partial<Record<string, RawValue>> = {};
    for (const [name, value] of Object.entries(entry as Record<string, unknown>)) {
      if (!known.includes(name)) {
        problems.push({ row, field: name, message: `Unknown field "${name}". The fields for ${kind} are: ${known.join(", ")}.` });
        continue;
      }
      if (name in spec.lists) {
        const items = listItem(name, value);
        if (!items || items.some((x) => typeof x !== "string")) {
          problems.push({ row, field: name, message: `"${name}" must be a list of keys or names (text).` });
          continue;
        }
        const reference = (items as string[]).map(refusedReference).find((r) => r !== null);
        if (reference) {
          problems.push({ row, field: name, message: referenceProblem(name, reference) });
          continue;
        }
        values[name] = (items as string[]).map((s) => s.trim()).filter(Boolean);
      } else {
        const scalar = scalarOf(value);
        if (scalar === null) {
          problems.push({ row, field: name, message: `"${name}" must be a single value, not a list or an object.` });
          continue;
        }
        const reference = refusedReference(scalar);
        if (reference) {
          problems.push({ row, field: name, message: referenceProblem(name, reference) });
          continue;
        }
        values[name] = scalar;
      }
    }
    for (const name of spec.required) {
      if (!(name in values) && !problems.some((p) => p.row === row && p.field === name)) {
        problems.push({ row, field: name, message: `The required field "${name}" is missing.` });
      }
    }
    rows.push({ row, values });
  });
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

function parseJsonRows(kind: ImportKind, text: string): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return fileProblem(`The JSON file is malformed: ${(error as Error).message}`);
  }
  const plural = KIND_SPECS[kind].plural;
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    return fileProblem(`The JSON file must be an object with a "${plural}" list, like { "${plural}": [ … ] }.`);
  }
  const keys = Object.keys(doc);
  const entries = (doc as Record<string, unknown>)[plural];
  if (!Array.isArray(entries)) {
    const other = IMPORT_KINDS.find((k) => k !== kind && keys.includes(KIND_SPECS[k].plural));
    return fileProblem(
      other ? `This file holds ${other}, but you chose to import ${kind}.` : `The JSON file must have a "${plural}" list, like { "${plural}": [ … ] }.`,
    );
  }
  const extra = keys.filter((k) => k !== plural);
  if (extra.length) return fileProblem(`The JSON file has properties besides "${plural}": ${extra.join(", ")}.`);
  return objectRows(kind, entries, (_field, value) => (Array.isArray(value) ? value : null));
}

function parseXmlRows(kind: ImportKind, text: string): ParsedFile {
  // Any DOCTYPE may declare entities or an external DTD: refused outright (XXE, billion laughs).
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return fileProblem("XML files with a DOCTYPE or entity declarations are not accepted.");
  const valid = XMLValidator.validate(text);
  if (valid !== true) return fileProblem(`The XML file is malformed (line ${valid.err.line}): ${valid.err.msg}`);
  const spec = KIND_SPECS[kind];
  const listElements = new Set(Object.entries(spec.lists).map(([field, item]) => `${spec.plural}.${spec.singular}.${field}.${item}`));
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    // Our own decoding of entities and character references (decodeXmlText), in text only (CDATA stays as written).
    entityDecoder: { decode: decodeXmlText, reset() {}, setXmlVersion() {}, addInputEntities() {} } as never,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name, jpath) => jpath === `${spec.plural}.${spec.singular}` || listElements.has(String(jpath)),
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    return fileProblem(`The XML file is malformed: ${(error as Error).message}`);
  }
  const roots = Object.keys(doc);
  if (roots.length !== 1 || roots[0] !== spec.plural) {
    const other = IMPORT_KINDS.find((k) => k !== kind && roots.includes(KIND_SPECS[k].plural));
    return fileProblem(
      other
        ? `This file holds ${other}, but you chose to import ${kind}.`
        : `The XML file's root element must be <${spec.plural}> with one <${spec.singular}> per row.`,
    );
  }
  const root = doc[spec.plural];
  if (root === "" || root === undefined || root === null) return { ok: true, rows: [] };
  if (typeof root !== "object") return fileProblem(`<${spec.plural}> must hold <${spec.singular}> elements.`);
  const others = Object.keys(root).filter((k) => k !== spec.singular);
  if (others.length) return fileProblem(`<${spec.plural}> may hold only <${spec.singular}> elements, not <${others.join(">, <")}>.`);
  const entries = ((root as Record<string, unknown>)[spec.singular] as unknown[]) ?? [];
  return objectRows(
    kind,
    entries.map((e) => (e === "" ? {} : e)),
    (field, value) => {
      if (value === "" || value === undefined) return [];
      if (!value || typeof value !== "object") return null;
      const item = spec.lists[field]!;
      const keys = Object.keys(value);
      if (keys.some((k) => k !== item)) return null;
      return ((value as Record<string, unknown>)[item] as unknown[] | undefined)?.map((x) => (x === "" ? "" : x)) ?? [];
    },
  );
}

/** The rows of an uploaded file, or every file-level problem (nothing is checked against the database here). */
export function parseImportFile(kind: ImportKind, format: ImportFormat, bytes: Uint8Array): ParsedFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return fileProblem(`The file is ${(bytes.byteLength / 1048576).toFixed(1)} MB; the largest accepted is ${MAX_IMPORT_BYTES / 1048576} MB.`);
  }
  if (bytes.byteLength === 0) return fileProblem("The file is empty.");
  const text = decodeUtf8(bytes);
  if (text === null) return fileProblem("The file is not UTF-8 text. Save it as UTF-8 (for CSV: “CSV UTF-8”) and upload it again.");
  if (text.includes("\u0000")) return fileProblem("The file contains NUL characters: it is not a text file.");
  const parsed = format === "csv" ? parseCsvRows(kind, text) : format === "json" ? parseJsonRows(kind, text) : parseXmlRows(kind, text);
  if (parsed.ok && parsed.rows.length > MAX_IMPORT_ROWS) {
    return fileProblem(`The file has ${parsed.rows.length} rows; at most ${MAX_IMPORT_ROWS} are accepted in one import.`);
  }
  if (parsed.ok && parsed.rows.length === 0) return fileProblem(`The file has no ${kind} in it.`);
  return parsed;
}
