import { type SQL, sql } from "drizzle-orm";

/**
 * An outer column written with its table name, for correlated subqueries: drizzle leaves a
 * single-table query's columns bare, and a bare name binds to the subquery's own tables
 * first whenever one of them has a column of that name.
 */
export function qualified(table: string, column: string): SQL {
  return sql`${sql.identifier(table)}.${sql.identifier(column)}`;
}
