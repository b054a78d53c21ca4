/**
 * Every write runs in a transaction (DESIGN.md), so the PostgreSQL driver must keep a
 * transaction's connection to itself. postgres.js 3.4.9 skips that reservation when BEGIN is
 * the query that fills a connection's pipeline or meets the socket's back-pressure
 * (porsager/postgres#823, #1189): the transaction then stays open on the server while the
 * connection goes back to the pool, other requests' queries run inside it, and the next BEGIN
 * on it fails with UNSAFE_TRANSACTION. patches/postgres+3.4.9.patch reserves the connection
 * whenever BEGIN was written; this test fails without it. PostgreSQL only (PGlite has one
 * connection and no pool).
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "./connect";
import { createTestDatabase } from "./testing";
import { databaseUrl } from "./testing/postgres";

describe.runIf(!!process.env.DATABASE_URL)("the driver keeps a transaction's connection to itself under load (PostgreSQL)", () => {
  let close: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    const conn = await createTestDatabase();
    close = conn.close;
    const [row] = rowsOf<{ name: string }>(await conn.db.execute("select current_database() as name"));
    url = databaseUrl(process.env.DATABASE_URL!, row!.name);
  });
  afterAll(async () => {
    await close?.();
  });

  it("BEGIN on a full pipeline still reserves its connection: no UNSAFE_TRANSACTION, no query run inside another's transaction", async () => {
    // A small pool and pipeline make the boundary come at once; production's defaults (ten
    // connections, a hundred queries a pipeline) reach it under load.
    // max_pipeline is a real option (connection.js) that the driver's types leave out.
    const sql = postgres(url, { max: 3, onnotice: () => {}, ...({ max_pipeline: 2 } as object) });
    try {
      for (let round = 0; round < 5; round++) {
        await Promise.all([0, 1, 2].map(() => sql`select 1`)); // three connections open
        // .execute() sends at once, in this order: each connection gets a slow query, then a
        // quick one (its pipeline now holds one), then BEGINs, the first of which fills a pipeline.
        const busy = [0, 1, 2].map(() => sql`select pg_sleep(0.05)`.execute());
        const queued = [0, 1, 2].map(() => sql`select 1`.execute());
        const transactions = Array.from({ length: 3 }, () =>
          sql.begin(async (tx) => {
            const [row] = await tx`select txid_current() as txid`;
            return String(row!.txid);
          }),
        );
        const settled = await Promise.allSettled([...busy, ...queued, ...transactions]);
        expect(settled.flatMap((s) => (s.status === "rejected" ? [String((s.reason as Error).message)] : []))).toEqual([]);
        // Afterwards, statements outside every transaction have no transaction id.
        const after = await Promise.all(Array.from({ length: 9 }, () => sql`select txid_current_if_assigned() as txid`));
        expect(after.map((r) => r[0]!.txid).filter((txid) => txid !== null)).toEqual([]);
      }
      // And no connection is left inside a transaction.
      const [row] = await sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`;
      expect(row!.n).toBe(0);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});
