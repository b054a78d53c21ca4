/**
 * db/connect.ts withGenericPlans: on PostgreSQL, a companion handle whose prepared statements
 * keep one generic plan (plan_cache_mode = force_generic_plan), for the statements measured to
 * gain by it; every other statement keeps a plan made for its own values
 * (force_custom_plan). Both read the same database and answer the same; closing the
 * connection closes both. On PGlite (one connection), and for a transaction, the handle itself.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, rowsOf, withGenericPlans } from "./connect";
import { createTestDatabase } from "./testing";

let conn: Connection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => {
  await conn?.close();
});

const planMode = async (db: Connection["db"]) => rowsOf<{ mode: string }>(await db.execute(sql`select current_setting('plan_cache_mode') as mode`))[0]!.mode;

describe.runIf(!!process.env.DATABASE_URL)("statements that keep one generic plan (PostgreSQL)", () => {
  it("run on their own connections, planned once; every other statement is planned for its own values", async () => {
    const generic = withGenericPlans(conn.db);
    expect(generic).not.toBe(conn.db);
    expect(await planMode(conn.db)).toBe("force_custom_plan");
    expect(await planMode(generic)).toBe("force_generic_plan");
  });

  it("read the same database as the handle they came from, its writes included", async () => {
    await conn.db.execute(sql`create table generic_plans_probe (n int)`);
    await conn.db.execute(sql`insert into generic_plans_probe values (1), (2), (3)`);
    const count = async (db: Connection["db"], over: number) =>
      rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from generic_plans_probe where n > ${over}`))[0]!.n;
    for (const over of [0, 1, 2, 0]) expect(await count(withGenericPlans(conn.db), over)).toBe(await count(conn.db, over));
  });

  it("a transaction runs its statements on its own connection, never the companion's", async () => {
    await conn.db.transaction(async (tx) => {
      expect(withGenericPlans(tx)).toBe(tx);
      expect(await planMode(tx)).toBe("force_custom_plan");
    });
  });
});

describe.runIf(!process.env.DATABASE_URL)("statements that keep one generic plan (PGlite)", () => {
  it("are the handle itself: one connection, nothing to choose", () => {
    expect(withGenericPlans(conn.db)).toBe(conn.db);
  });
});
