import { Placeholder, type SQL, is, sql } from "drizzle-orm";

/**
 * An outer column written with its table name, for correlated subqueries: drizzle leaves a
 * single-table query's columns bare, and a bare name binds to the subquery's own tables
 * first whenever one of them has a column of that name.
 */
export function qualified(table: string, column: string): SQL {
  return sql`${sql.identifier(table)}.${sql.identifier(column)}`;
}

/** A json/json_agg column: parsed on postgres.js and PGlite alike, but be tolerant of text. */
export function jsonColumn<T>(value: T | string | null | undefined): T | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/** An int[] parameter's value, "{1,2,3}". */
export function intArrayText(ids: readonly number[]): string {
  return `{${ids.map((id) => Math.trunc(id)).join(",")}}`;
}

/**
 * An int[] parameter (an empty array matches nothing in `= any(...)`). A placeholder in place
 * of the ids (lib/access/statement-per-shape.ts) is filled with intArrayText's value.
 */
export function intArray(ids: readonly number[]): SQL {
  if (is(ids, Placeholder)) return sql`${ids}::int[]`;
  return sql`${intArrayText(ids)}::int[]`;
}

/** A uuid[] parameter from ids already checked with isUuid (anything else is dropped, never sent). */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.filter(isUuid).join(",")}}`}::uuid[]`;
}

/** Postgres text[] arrives as an array from postgres.js and PGlite; be tolerant of "{a,b}". */
export function textArray<T extends string>(value: T[] | string | null): T[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/^{|}$/g, "").split(",").filter(Boolean) as T[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a uuid literal: check before a `::uuid` cast, which throws on anything else. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A prepared statement built once per database handle (drizzle's `.prepare()`: its SQL is not
 * put together again on every call), for the statements every request runs.
 */
export function preparedPerDb<Db extends object, Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}
