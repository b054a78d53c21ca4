/**
 * Vitest global setup: prepares one migrated database that every test file copies.
 * PGlite: a data-dir dump (initdb costs seconds; loading a dump, about one).
 * PostgreSQL (DATABASE_URL set): a template database; each file gets its own copy, and
 * every database this run made is dropped at the end.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connectPostgres, createPglite, wrapPglite } from "../connect";
import { migrate } from "../migrate";
import { adminUrl, databaseUrl } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    pgPrefix: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = await createPglite();
    const conn = wrapPglite(client, "memory");
    await migrate(conn);
    const dump = await client.dumpDataDir("none");
    await conn.close();
    mkdirSync(".cache", { recursive: true });
    const file = path.resolve(".cache", `test-pglite-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("pgliteDump", file);
    project.provide("pgPrefix", "");
    return () => rmSync(file, { force: true });
  }

  const prefix = `portico_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = connectPostgres(adminUrl(url), { max: 1 });
  await admin.db.execute(`create database "${prefix}_tpl"`);
  const tpl = connectPostgres(databaseUrl(url, `${prefix}_tpl`), { max: 1 });
  await migrate(tpl);
  await tpl.close();
  project.provide("pgliteDump", "");
  project.provide("pgPrefix", prefix);

  return async () => {
    const rows = (await admin.db.execute(`select datname from pg_database where datname like '${prefix}%'`)) as unknown as { datname: string }[];
    for (const { datname } of rows) await admin.db.execute(`drop database if exists "${datname}" with (force)`);
    await admin.close();
  };
}
