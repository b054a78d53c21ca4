import { type SQL, sql } from "drizzle-orm";

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
