import "server-only";
/**
 * D3: writing exports in the import's own formats (lib/import/formats.ts), so an export
 * imports back unchanged. CSV cells that a spreadsheet would run as a formula (starting
 * with = + - @ tab or CR) get a leading "'", which the import removes again.
 */
import type { Db } from "@/db/connect";
import type { Viewer } from "@/lib/access/types";
import { type ImportFormat, type ImportKind, KIND_SPECS } from "@/lib/import/formats";
import { type ExportRow, exportPage } from "./queries";

export function csvCell(value: string | string[] | boolean | null): string {
  let text = Array.isArray(value) ? value.join(";") : value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export function xmlText(value: string): string {
  // Characters XML 1.0 cannot carry at all are dropped.
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

function xmlRow(kind: ImportKind, row: ExportRow): string {
  const spec = KIND_SPECS[kind];
  const parts = Object.entries(row).map(([field, value]) => {
    if (Array.isArray(value)) {
      const item = spec.lists[field]!;
      return `<${field}>${value.map((v) => `<${item}>${xmlText(v)}</${item}>`).join("")}</${field}>`;
    }
    return `<${field}>${value === null ? "" : xmlText(String(value))}</${field}>`;
  });
  return `  <${spec.singular}>${parts.join("")}</${spec.singular}>\n`;
}

export const EXPORT_CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xml: "application/xml; charset=utf-8",
};

/** The export as text chunks, one page of rows at a time. */
export async function* exportChunks(
  db: Db,
  viewer: Pick<Viewer, "id" | "audience" | "isWebmaster">,
  kind: ImportKind,
  format: ImportFormat,
  fields: string[],
  pageSize?: number,
): AsyncGenerator<string> {
  const spec = KIND_SPECS[kind];
  if (format === "csv") yield `${fields.join(",")}\r\n`;
  else if (format === "json") yield `{"${spec.plural}":[`;
  else yield `<?xml version="1.0" encoding="UTF-8"?>\n<${spec.plural}>\n`;
  let after: string | null = null;
  let first = true;
  do {
    const page = await exportPage(db, viewer, kind, fields, after, pageSize);
    after = page.next;
    if (format === "csv") yield page.rows.map((r) => `${fields.map((f) => csvCell(r[f] ?? null)).join(",")}\r\n`).join("");
    else if (format === "json") {
      yield page.rows.map((r) => `${first ? ((first = false), "\n") : ",\n"}${JSON.stringify(r)}`).join("");
    } else yield page.rows.map((r) => xmlRow(kind, r)).join("");
  } while (after !== null);
  if (format === "json") yield "\n]}\n";
  else if (format === "xml") yield `</${spec.plural}>\n`;
}
