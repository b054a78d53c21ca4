import "server-only";
import { type Connection, type Db, connect } from "./connect";
import { migrate } from "./migrate";

export type { Db } from "./connect";
export { withGenericPlans } from "./connect";

// One connection per server process (kept on globalThis so dev reloads reuse it).
const holder = globalThis as unknown as { __porticoConnection?: Promise<Connection> };

async function open(): Promise<Connection> {
  const conn = await connect();
  await migrate(conn); // start-up migration: a no-op when the database is current
  return conn;
}

/** The application's database. Tests replace it with `useDatabaseForTests`. */
export async function getDb(): Promise<Db> {
  holder.__porticoConnection ??= open().catch((error) => {
    holder.__porticoConnection = undefined;
    throw error;
  });
  return (await holder.__porticoConnection).db;
}

/** Lets an integration test run the app's data layer against its own database. */
export function useDatabaseForTests(db: Db): void {
  if (process.env.NODE_ENV !== "test") throw new Error("useDatabaseForTests is for tests only");
  holder.__porticoConnection = Promise.resolve({ db, kind: "pglite", location: "test", close: async () => {} });
}
