/**
 * Keyset pagination cursors, "<ISO time>_<uuid>", so that deep pages cost what the
 * first page costs. A malformed cursor reads as "from the start".
 */
export interface Cursor {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(at: Date, id: string): string {
  return `${at.toISOString()}_${id}`;
}

export function decodeCursor(raw: string | undefined | null): Cursor | null {
  if (!raw) return null;
  const [iso, id] = raw.split("_");
  if (!iso || !id || !UUID.test(id)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : { at, id };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
