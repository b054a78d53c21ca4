/**
 * The integration-test harness: one call gives a test file its own migrated database
 * (PGlite, or a PostgreSQL copy when DATABASE_URL is set: db/testing), makes the app's
 * getDb() answer with it, and loads an organisation, returning its ids. signInAs makes the
 * shared auth mock (./setup.ts) say who is signed in, and reads that person through the
 * real loadViewer, so tests exercise the production grant path (S2, S3, S7).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { expect } from "vitest";
// Renamed on import: a plain function, not a React hook, whatever its name says to the linter.
import { useDatabaseForTests as pointGetDbAt } from "@/db/client";
import { type Connection, type Db, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { DEMO_ORG_FILE } from "@/lib/org-file/demo";
import { type LoadSummary, loadOrganisation } from "@/lib/org-file/load";
import { type OrgFile, parseOrgFile, parseOrgFileText } from "@/lib/org-file/schema";
import { createTestDatabase } from "@/db/testing";
import { loadViewer } from "@/lib/access/viewer";
import { resetTestRequest, testRequest } from "./request";
import type { Audience, Viewer } from "@/lib/access/types";

/** What to load: an organisation file's data (checked as the loader checks it), or the demo. */
export type OrganisationInput = OrgFile | Record<string, unknown> | "demo";

/** The loaded organisation's ids, by the names its file gives them. */
export interface OrganisationIds {
  people: Map<string, string>; // by e-mail
  sections: Map<string, number>; // by slug
  teams: Map<string, number>; // by key
  content: Map<string, string>; // by key (import key)
  groups: Map<string, number>; // by slug
  locations: Map<string, number>; // by key
}

export interface Harness {
  conn: Connection;
  db: Db;
  ids: OrganisationIds;
  /** The summary of the last load, or null when nothing was loaded. */
  loaded: LoadSummary | null;
  /** Ids by name; an unknown name throws (a typo should fail loudly, not compare undefined). */
  person(email: string): string;
  section(slug: string): number;
  team(key: string): number;
  content(key: string): string;
  /** Replaces the database's organisation with `org` (identities restart) and re-reads the ids. */
  load(org: OrganisationInput, options?: { reset?: boolean }): Promise<LoadSummary>;
  /** Re-reads the ids (after a test created people, sections, teams or content). */
  refreshIds(): Promise<OrganisationIds>;
  close(): Promise<void>;
}

let active: Harness | null = null;

/** Parses an organisation as `npm run seed` would; a refused test organisation throws with its problems. */
export function organisationFile(org: OrganisationInput): OrgFile {
  const parsed = org === "demo" ? parseOrgFileText(readFileSync(DEMO_ORG_FILE, "utf8")) : parseOrgFile(org);
  if (!parsed.ok) throw new Error(`test organisation refused: ${JSON.stringify(parsed.problems)}`);
  return parsed.org;
}

async function readIds(db: Db): Promise<OrganisationIds> {
  const [people, sections, teams, content, groups, locations] = await Promise.all([
    db.select({ id: schema.people.id, email: schema.people.email }).from(schema.people),
    db.select({ id: schema.sections.id, slug: schema.sections.slug }).from(schema.sections),
    db.select({ id: schema.teams.id, key: schema.teams.key }).from(schema.teams),
    db.select({ id: schema.content.id, key: schema.content.importKey }).from(schema.content),
    db.select({ id: schema.groups.id, slug: schema.groups.slug }).from(schema.groups),
    db.select({ id: schema.locations.id, key: schema.locations.key }).from(schema.locations),
  ]);
  return {
    people: new Map(people.map((r) => [r.email, r.id])),
    sections: new Map(sections.map((r) => [r.slug, r.id])),
    teams: new Map(teams.map((r) => [r.key, r.id])),
    content: new Map(content.filter((r) => r.key !== null).map((r) => [r.key!, r.id])),
    groups: new Map(groups.map((r) => [r.slug, r.id])),
    locations: new Map(locations.map((r) => [r.key, r.id])),
  };
}

function lookUp<K, V>(map: Map<K, V>, what: string, name: K): V {
  const id = map.get(name);
  if (id === undefined) throw new Error(`the test organisation has no ${what} ${String(name)}`);
  return id;
}

/**
 * A fresh database for this test file, used by getDb(), with `org` loaded when given.
 * Call it in beforeAll and close it in afterAll. One harness is active per file.
 */
export async function createHarness(org?: OrganisationInput): Promise<Harness> {
  const conn = await createTestDatabase();
  pointGetDbAt(conn.db);
  resetTestRequest();
  const harness: Harness = {
    conn,
    db: conn.db,
    ids: await readIds(conn.db),
    loaded: null,
    person: (email) => lookUp(harness.ids.people, "person", email),
    section: (slug) => lookUp(harness.ids.sections, "section", slug),
    team: (key) => lookUp(harness.ids.teams, "team", key),
    content: (key) => lookUp(harness.ids.content, "content", key),
    async load(input, options = { reset: true }) {
      // The demo's group files (G7) are beside its file.
      const baseDir = input === "demo" ? path.dirname(DEMO_ORG_FILE) : undefined;
      harness.loaded = await loadOrganisation(conn.db, organisationFile(input), { ...options, baseDir });
      await harness.refreshIds();
      return harness.loaded;
    },
    async refreshIds() {
      harness.ids = await readIds(conn.db);
      return harness.ids;
    },
    async close() {
      if (active === harness) active = null;
      resetTestRequest();
      await conn.close();
    },
  };
  if (org !== undefined) await harness.load(org, { reset: false });
  active = harness;
  return harness;
}

function activeHarness(): Harness {
  if (!active) throw new Error("no test harness: call createHarness() in beforeAll first");
  return active;
}

async function personByEmail(db: Db, email: string) {
  const [person] = await db
    .select({ id: schema.people.id, audience: schema.people.audience })
    .from(schema.people)
    .where(sql`lower(${schema.people.email}) = lower(${email})`)
    .limit(1);
  if (!person) throw new Error(`signInAs: nobody has the e-mail ${email}`);
  return person;
}

async function newSession(db: Db, personId: string, via: "password" | "sso"): Promise<string> {
  const [row] = await db.insert(schema.sessions).values({ personId, via }).returning({ id: schema.sessions.id });
  return row!.id;
}

export interface SignInOptions {
  /** When the session began (ms); now by default. Earlier than sessionsValidFrom: no viewer (P3). */
  signedInAt?: number;
  /** The audience the session cookie claims; the account's own by default. */
  audience?: Audience;
  /** How the session was made (M5 SSO sessions are told apart); a password by default. */
  via?: "password" | "sso";
}

/**
 * Signs `email` in as a real sign-in would: a live session row (its id in the claims) and
 * the Auth.js session that getViewer, and so every server action, reads. Last access is
 * left to loadViewer (P4: at most every 5 minutes), so signing the same person in again
 * does not change their row under a test's snapshot.
 * Returns the person as the real loadViewer reads them now: null for a blocked person
 * (who is then still "signed in", and every action sees no viewer, as in a request).
 */
export async function signInAs(email: string, options: SignInOptions = {}): Promise<Viewer | null> {
  const { db } = activeHarness();
  const person = await personByEmail(db, email);
  const session = {
    user: { id: person.id, audience: options.audience ?? person.audience },
    signedInAt: options.signedInAt ?? Date.now(),
    sessionId: await newSession(db, person.id, options.via ?? "password"),
  };
  testRequest().session = session;
  return loadViewer(db, { personId: session.user.id, signedInAt: session.signedInAt, audience: session.user.audience, sessionId: session.sessionId });
}

/** Nobody signed in: getViewer answers null and actions answer "signed out". */
export function signOut(): void {
  testRequest().session = null;
}

/**
 * `email` as pages and queries see them (the real loadViewer), without signing in: for
 * calling queries that take a Viewer. Throws for someone who would get no viewer.
 */
export async function viewerOf(email: string): Promise<Viewer> {
  const { db } = activeHarness();
  const person = await personByEmail(db, email);
  const viewer = await loadViewer(db, { personId: person.id, signedInAt: Date.now() });
  if (!viewer) throw new Error(`viewerOf: ${email} gets no viewer (blocked?)`);
  return viewer;
}

/** Every row of `table` in its text form, ordered: the table's exact contents. */
async function tableContents(db: Db, table: PgTable | string): Promise<string[]> {
  const name = typeof table === "string" ? table : getTableName(table);
  const rows = rowsOf<{ row: string }>(await db.execute(sql`select t::text as row from ${sql.identifier(name)} t order by 1`));
  return rows.map((r) => r.row);
}

/**
 * Runs `call` and asserts it left every given table exactly as it was (every row, every
 * column): "a refused action changes nothing". Returns the call's result for its own checks.
 */
export async function expectUnchanged<T>(tables: (PgTable | string)[], call: () => Promise<T>): Promise<T> {
  const { db } = activeHarness();
  const before = await Promise.all(tables.map((t) => tableContents(db, t)));
  const result = await call();
  const after = await Promise.all(tables.map((t) => tableContents(db, t)));
  tables.forEach((table, i) => {
    const name = typeof table === "string" ? table : getTableName(table);
    expect(after[i], `table ${name} changed`).toEqual(before[i]);
  });
  return result;
}
