/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a
 * copy of the run's template on the PostgreSQL server that DATABASE_URL names.
 */
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { type SQL, sql } from "drizzle-orm";
import { type Connection, type Db, connectPostgres, createPglite, rowsOf, wrapPglite } from "../connect";
import { adminUrl, databaseUrl } from "./postgres";

export async function createTestDatabase(): Promise<Connection> {
  const prefix = inject("pgPrefix");
  if (!prefix) {
    const dump = readFileSync(inject("pgliteDump"));
    const client = await createPglite({ loadDataDir: new Blob([dump]) });
    return wrapPglite(client, "memory");
  }
  const url = process.env.DATABASE_URL!;
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = connectPostgres(adminUrl(url), { max: 1 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.db.execute(`create database "${name}" template "${prefix}_tpl"`);
        break;
      } catch (error) {
        // Two files copying the template at the same instant: wait and try again.
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.close();
  }
  const conn = connectPostgres(databaseUrl(url, name), { max: 4 });
  return {
    ...conn,
    async close() {
      await conn.close();
      const dropper = connectPostgres(adminUrl(url), { max: 1 });
      await dropper.db.execute(`drop database if exists "${name}" with (force)`);
      await dropper.close();
    },
  };
}

/**
 * Runs `read` in a transaction whose planner may neither scan tables sequentially nor
 * walk plain indexes, so that an index answering by bitmap scan (a GIN index) must serve
 * whatever it can: tests run the same reads both ways and expect the same answers.
 */
export async function withBitmapScansOnly<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local enable_indexonlyscan = off`);
    return read(tx);
  });
}

/** The plan PostgreSQL picks for `query` (EXPLAIN, no costs), one line a row. */
export async function planOf(db: Db, query: SQL): Promise<string> {
  const rows = rowsOf<{ "QUERY PLAN": string }>(await db.execute(sql`explain (costs off) ${query}`));
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}
