import "server-only";
/**
 * Keyset pagination cursors, "<timestamp>_<uuid>", so that deep pages cost what the
 * first page costs. The timestamp is PostgreSQL's own text of the value, microseconds
 * included (a JavaScript Date would drop them and skip rows). A malformed cursor reads
 * as "from the start".
 */
export interface Cursor {
  /** A timestamptz literal as the database printed it, e.g. "2026-11-02 09:30:00.123456+00". */
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

export function encodeCursor(at: string, id: string): string {
  return `${at}_${id}`;
}

export function decodeCursor(raw: string | undefined | null): Cursor | null {
  if (!raw || raw.length > 100) return null;
  const cut = raw.lastIndexOf("_");
  const at = raw.slice(0, cut);
  const id = raw.slice(cut + 1);
  return cut > 0 && TIMESTAMP.test(at) && UUID.test(id) ? { at, id } : null;
}
