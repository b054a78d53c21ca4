/**
 * CSV for exports (the audit log, the exposure report; RFC 4180), safe to open in a spreadsheet: a cell that starts
 * with = + - @ tab or carriage return would be read as a formula (CSV injection), so it
 * is prefixed with an apostrophe. Every cell is quoted.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "string" ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
