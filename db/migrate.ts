import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Connection } from "./connect";
import type * as schema from "./schema";

export const migrationsFolder = path.resolve(process.cwd(), "drizzle");

// Any constant: serialises migrations when several app instances start at once.
const MIGRATION_LOCK = 7_310_042;

/** Applies every migration in drizzle/ that the database lacks. Idempotent. */
export async function migrate(conn: Connection): Promise<void> {
  if (conn.kind === "pglite") {
    await migratePglite(conn.db as unknown as PgliteDatabase<typeof schema>, { migrationsFolder });
    return;
  }
  const db = conn.db as unknown as PostgresJsDatabase<typeof schema>;
  await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await migratePostgres(db, { migrationsFolder });
  } finally {
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}
