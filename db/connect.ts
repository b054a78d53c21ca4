/**
 * Opens the database Portico runs on: PGlite in a local folder when DATABASE_URL is
 * unset (zero setup), PostgreSQL through postgres.js otherwise. Scripts (seed, migrate,
 * start) use this directly; the app goes through db/client.ts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type every layer takes: the same on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Connection {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives, for messages: a folder or a URL without its password. */
  location: string;
  close(): Promise<void>;
}

export function dataDir(): string {
  return path.resolve(process.env.PORTICO_DATA_DIR || ".data");
}

export function pgliteDir(): string {
  return path.join(dataDir(), "pglite");
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * The client drizzle is given: every query outside a transaction (all that pages read) is a
 * named prepared statement, kept per connection by postgres.js; a transaction's own client
 * stays as drizzle made it. Drizzle asks for unnamed ones, and postgres.js then sends
 * each parameterised query twice over (a describe round trip for the parameter types,
 * then the execution), and PostgreSQL parses it afresh every time. A prepared statement is
 * parsed once per connection and runs in one round trip. Plans are still made for each
 * execution's own values (plan_cache_mode=force_custom_plan below): a generic plan chosen
 * for an unknown person's grants could be far worse for someone else's.
 * PORTICO_DB_PREPARE=0 turns this off, for a pooler that cannot keep prepared statements
 * (PgBouncer in transaction mode before 1.21).
 */
function preparingClient(client: postgres.Sql): postgres.Sql {
  if (process.env.PORTICO_DB_PREPARE === "0") return client;
  const unsafe: postgres.Sql["unsafe"] = (query, params, queryOptions) => client.unsafe(query, params, { ...queryOptions, prepare: true });
  return new Proxy(client, { get: (target, key, receiver) => (key === "unsafe" ? unsafe : Reflect.get(target, key, receiver)) });
}

/**
 * Each database handle's companion whose prepared statements keep one generic plan
 * (withGenericPlans). On globalThis, as db/client.ts keeps the connection: Next.js can load
 * this module more than once in one server (its bundles for pages and for route handlers),
 * and a map of one copy would not know the handles another copy made.
 */
const genericPlanHandles = ((globalThis as unknown as { __porticoGenericPlans?: WeakMap<object, Db> }).__porticoGenericPlans ??= new WeakMap<object, Db>());

/**
 * The handle to run a statement on when its generic plan has been measured, at full size and
 * for people of both audiences, to be as good as a plan made for each execution's own values
 * (bench/explain.ts, PLAN=force_generic_plan): planning, often longer than executing for
 * the access predicates, is then done once per connection instead of every time. Only such
 * statements opt in: a generic plan made without knowing whose grants it serves can be
 * far worse for someone else (the external feed's is 80 ms against 9). Elsewhere (PGlite, a
 * transaction, PORTICO_DB_PREPARE=0) the handle itself.
 */
export function withGenericPlans(db: Db): Db {
  return genericPlanHandles.get(db) ?? db;
}

export function connectPostgres(url: string, options: { max?: number } = {}): Connection {
  // JIT compiling costs far more than the short, indexed queries a portal runs.
  const connect = (planCacheMode: "force_custom_plan" | "force_generic_plan") =>
    postgres(url, { max: options.max ?? 10, onnotice: () => {}, connection: { jit: "off", plan_cache_mode: planCacheMode } });
  const client = connect("force_custom_plan");
  const db = drizzlePostgres(preparingClient(client), { schema, casing: "snake_case" }) as unknown as Db;
  // Its connections are opened when a statement first asks for one.
  const generic = process.env.PORTICO_DB_PREPARE === "0" ? null : connect("force_generic_plan");
  if (generic) genericPlanHandles.set(db, drizzlePostgres(preparingClient(generic), { schema, casing: "snake_case" }) as unknown as Db);
  return {
    db,
    kind: "postgres",
    location: redactUrl(url),
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), generic?.end({ timeout: 5 })]);
    },
  };
}

/**
 * Every PGlite Portico opens (app, scripts, tests, benchmarks) comes from here: it loads
 * the contrib extensions the migrations create (pg_trgm, for people search; unaccent, for
 * full-text search's accent folding), so they apply on PGlite exactly as on PostgreSQL.
 */
export function createPglite(dataDirOrOptions?: string | PGliteOptions): Promise<PGlite> {
  const options: PGliteOptions = typeof dataDirOrOptions === "string" ? { dataDir: dataDirOrOptions } : { ...dataDirOrOptions };
  return PGlite.create({ ...options, extensions: { ...options.extensions, pg_trgm, unaccent } });
}

export function wrapPglite(client: PGlite, location: string): Connection {
  return {
    db: drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db,
    kind: "pglite",
    location,
    close: () => client.close(),
  };
}

export async function connectPglite(dir: string = pgliteDir()): Promise<Connection> {
  // PGlite's own mkdir is not recursive: a fresh nested folder would fail with ENOENT.
  mkdirSync(dir, { recursive: true });
  const client = await createPglite(dir);
  return wrapPglite(client, dir);
}

/** The database in use: DATABASE_URL when set, else the embedded one in PORTICO_DATA_DIR. */
export async function connect(options: { max?: number } = {}): Promise<Connection> {
  const url = process.env.DATABASE_URL;
  return url ? connectPostgres(url, options) : connectPglite();
}

/** `db.execute` answers an array on postgres.js and `{ rows }` on PGlite; this reads either. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/** Whether the handle is on the embedded PGlite (one connection: a long transaction there holds up every other query). */
export function isEmbedded(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof PGlite;
}
