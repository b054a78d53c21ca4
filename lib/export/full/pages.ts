import "server-only";
/**
 * D3: the full export's pieces of JSON text. Each list is read in pages along a key and
 * written a page at a time, so the export's memory is a page's, whatever the organisation's
 * size.
 */

export const EXPORT_PAGE = 1000;

/** `"name":[…]` from pages of entries; `first` puts no comma before it. */
export async function* jsonList(name: string, pages: AsyncIterable<unknown[]>, first = false): AsyncGenerator<string> {
  yield `${first ? "" : ","}\n${JSON.stringify(name)}:[`;
  let count = 0;
  for await (const page of pages) {
    if (!page.length) continue;
    yield page.map((entry) => `${count++ ? "," : ""}\n${JSON.stringify(entry)}`).join("");
  }
  yield "\n]";
}

/**
 * Pages of rows along a key: `read(after)` answers up to `limit` rows after the key
 * `after` (null: from the start), in the key's order.
 */
export async function* keysetPages<Row, Key>(read: (after: Key | null, limit: number) => Promise<Row[]>, keyOf: (row: Row) => Key, limit = EXPORT_PAGE): AsyncGenerator<Row[]> {
  let after: Key | null = null;
  for (;;) {
    const rows = await read(after, limit);
    if (rows.length) yield rows;
    if (rows.length < limit) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** Rows grouped once by a key (a page may hold thousands of members): never a scan per entry. */
export function groupedBy<T, K>(rows: T[], key: (row: T) => K): (k: K) => T[] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return (k: K) => map.get(k) ?? [];
}

/** Leaves out the fields whose value is undefined, null, "", false or an empty list: the organisation file's defaults. */
export function withoutDefaults<T extends Record<string, unknown>>(entry: T): Partial<T> {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => !(v === undefined || v === null || v === "" || v === false || (Array.isArray(v) && v.length === 0)))) as Partial<T>;
}

/** Each page made into the file's entries, with what else the page needs read once for the page. */
export async function* mapPages<Row, Entry>(pages: AsyncIterable<Row[]>, toEntries: (rows: Row[]) => Entry[] | Promise<Entry[]>): AsyncGenerator<Entry[]> {
  for await (const rows of pages) yield await toEntries(rows);
}
