/**
 * The property tests over random organisations (the access model, the B4 impact previews):
 * one database of their own for the file, which every query uses while it runs, and each
 * drawn organisation loaded into it in place of the last.
 */
import { afterAll, beforeAll } from "vitest";
import { useDatabaseForTests } from "@/db/client";
import type { Connection } from "@/db/connect";
import {
  apiTokens,
  appModerators,
  commentReports,
  comments,
  content,
  contentShares,
  follows,
  groupFileVersions,
  groupFiles,
  groupMembers,
  groups,
  ideaVotes,
  ideas,
  locations,
  orgQueries,
  people,
  pollOptions,
  pollVotes,
  queryAnswers,
  sectionClosure,
  sectionMemberPeople,
  sectionMemberTeams,
  sectionRoles,
  sections,
  settings,
  signInAttempts,
  teamClosure,
  teamMembers,
  teams,
  unclaimedObjects,
  wallFavourites,
  wallPostReports,
  wallPosts,
} from "@/db/schema";
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

/**
 * The tables a drawn organisation fills, children first. `loadOrganisation(…, { reset: true })`
 * empties them with one TRUNCATE, which costs ~0.45 s a time on PostgreSQL (a fresh file per
 * table), more than all the checks of an organisation; these tables hold a few rows.
 */
const ORGANISATION_TABLES = [
  apiTokens,
  commentReports,
  comments,
  // The apps (G4 G8), before the people they name.
  wallPostReports,
  wallFavourites,
  wallPosts,
  queryAnswers,
  orgQueries,
  ideaVotes,
  follows,
  ideas,
  appModerators,
  groupFileVersions,
  groupFiles,
  pollVotes,
  pollOptions,
  contentShares,
  content,
  groupMembers,
  groups,
  sectionRoles,
  sectionMemberTeams,
  sectionMemberPeople,
  sectionClosure,
  sections,
  teamMembers,
  teamClosure,
  teams,
  signInAttempts,
  people,
  locations,
  settings,
  // Made-up storage keys of the drawn files' versions, put in the ledger as their rows go (migration 0017): never sent to the object store.
  unclaimedObjects,
];

/** Empties the last drawn organisation, so the next loads without reset (which then refuses to load if anything was missed). */
export async function clearRandomOrg(db: Connection["db"]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of ORGANISATION_TABLES) await tx.delete(table);
  });
}
