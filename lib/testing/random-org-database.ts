/**
 * The property tests over random organisations (the access model, the B4 impact previews):
 * one database of their own for the file, which every query uses while it runs, and each
 * drawn organisation loaded into it in place of the last.
 */
import { afterAll, beforeAll } from "vitest";
import { useDatabaseForTests } from "@/db/client";
import type { Connection } from "@/db/connect";
import { createTestDatabase } from "@/db/testing";
import { loadOrganisation } from "@/lib/org-file/load";
import type { OrgFile } from "@/lib/org-file/schema";

/** Creates the database before the file's tests and closes it after; answers the connection while they run. */
export function randomOrgDatabase(): () => Connection {
  let conn: Connection | undefined;
  beforeAll(async () => {
    conn = await createTestDatabase();
    useDatabaseForTests(conn.db);
  });
  afterAll(async () => {
    await conn?.close();
  });
  return () => {
    if (!conn) throw new Error("the random organisations' database is not open yet");
    return conn;
  };
}

/** Loads a drawn organisation (its groups' files left out: no stored objects are written). */
export async function loadRandomOrg(conn: Connection, org: OrgFile, options?: { reset: boolean }): Promise<void> {
  await loadOrganisation(conn.db, { ...org, groups: org.groups.map(({ files: _files, ...g }) => g) }, options);
}
