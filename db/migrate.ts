import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Connection } from "./connect";
import { DEFAULT_SEARCH_LANGUAGE, applySearchLanguage, readSearchLanguage } from "./search-language";
import type * as schema from "./schema";

export const migrationsFolder = path.resolve(process.cwd(), "drizzle");

// Any constant: serialises migrations when several app instances start at once.
const MIGRATION_LOCK = 7_310_042;

/**
 * Applies every migration in drizzle/ that the database lacks, then the search language
 * (PORTICO_SEARCH_LANGUAGE, ./search-language.ts; start-up refuses an unknown one). Idempotent.
 */
export async function migrate(conn: Connection, env: Record<string, string | undefined> = process.env): Promise<void> {
  const reading = readSearchLanguage(env);
  const language = reading.ok ? reading.language : DEFAULT_SEARCH_LANGUAGE;
  if (conn.kind === "pglite") {
    await migratePglite(conn.db as unknown as PgliteDatabase<typeof schema>, { migrationsFolder });
    await applySearchLanguage(conn.db, language);
    return;
  }
  const db = conn.db as unknown as PostgresJsDatabase<typeof schema>;
  await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await migratePostgres(db, { migrationsFolder });
    await applySearchLanguage(conn.db, language);
  } finally {
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}
