import "server-only";
/**
 * The Viewer: who a request is rendered for, re-read from the database on every
 * request. A blocked person, a session older than the account's sessionsValidFrom, or one
 * past its maximum lifetime or idle timeout, gets no viewer whatever the cookie says; a
 * changed audience or role applies at once.
 */
import { cache } from "react";
import { type Placeholder, type SQL, eq, sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { type Db, rowsOf, withGenericPlans } from "@/db/connect";
import { getDb } from "@/db/client";
import { isUuid, preparedPerDb, qualified, textArray } from "@/db/sql";
import { people } from "@/db/schema";
import { lastAccessGranularityMs, sessionLifetime, sessionTimedOut } from "@/lib/auth/lifetime";
import { authenticationSettingsSchema } from "@/lib/auth/schemas";
import { currentSession } from "@/lib/auth/current-session";
import { enforceAllowlist } from "@/lib/security/allowlist";
import { LOGIN_PATH } from "@/lib/routes";
import { appAccessFromValues } from "@/lib/settings/queries";
import { appsFromSettings } from "./external-access";
import { grantRootIds } from "./filters";
import { externalMayViewTeams } from "./teams";
import type { Audience, Viewer } from "./types";

export const TWO_FACTOR_SETUP_PATH = "/security/two-factor";


/**
 * A Viewer's columns of its person's row (the row's table named "people"), read by one query
 * with whatever else it needs in the same round trip. `sessionId`: the session row whose
 * liveness and viewing-as are read (null for none: an API token's person, D5).
 */
export function viewerColumns(sessionId: SQL | Placeholder) {
  return {
    id: people.id,
    name: people.name,
    email: people.email,
    audience: people.audience,
    roles: people.roles,
    blocked: people.blocked,
    sessionsValidFrom: people.sessionsValidFrom,
    lastAccessAt: people.lastAccessAt,
    imageId: people.imageId,
    externalMayViewTeams: externalMayViewTeams(qualified("people", "id")),
    // Column names are unqualified in a single-table select: the subqueries alias their
    // tables and name the outer row as "people" so that "id" cannot mean the inner one.
    // A null session id (no row recorded) matches no row: false.
    sessionLive: sql<boolean>`exists (select 1 from sessions s where s.id = ${sessionId}::uuid and s.person_id = "people"."id" and s.ended_at is null)`,
    // B2: whom this session is viewing the site as, if anyone.
    viewingAsId: sql<string | null>`(select s.viewing_as_id from sessions s where s.id = ${sessionId}::uuid and s.person_id = "people"."id" and s.ended_at is null)`,
    hasTwoFactor: sql<boolean>`exists (select 1 from two_factor tf where tf.person_id = "people"."id" and tf.confirmed_at is not null)`,
    authSettings: sql<unknown>`(select st.value from settings st where st.key = 'authentication')`,
    // E5 and the apps' own switch, for the navigation (./external-access.ts decides from them).
    externalAccess: sql<unknown>`(select st.value from settings st where st.key = 'externalAccess')`,
    appsEnabled: sql<unknown>`(select st.value from settings st where st.key = 'appsEnabled')`,
    // int[]: numbers from the drivers (or its text form); textArray and Number() read either.
    grantRoots: sql<string[] | string>`array${grantRootIds(qualified("people", "id"))}`,
    // K2 K3: someone who may have comments to moderate: section managers, group admins, app moderators (the header's link; the queue decides what).
    moderates: sql<boolean>`(exists (select 1 from section_roles sr_mod where sr_mod.person_id = "people"."id" and sr_mod.role = 'manager')
      or exists (select 1 from group_members gm_mod where gm_mod.person_id = "people"."id" and gm_mod.is_admin)
      or exists (select 1 from app_moderators am_mod where am_mod.person_id = "people"."id"))`,
  };
}

/**
 * One query (P4 performance): the account, its session row, its two-factor state and the
 * authentication settings that decide whether two-factor is required of it, and (B2) the
 * account of the person the session is viewing the site as, when it is: a second row, read in
 * the same round trip (a second query made every page viewed as someone 12–16 % dearer than
 * the same page signed in). Built once per database handle (drizzle's prepared query: the
 * SQL is not put together again on every request), with the person and the session row as
 * parameters.
 */
function buildViewerQuery(db: Db) {
  return db
    .select(viewerColumns(sql.placeholder("sessionId")))
    .from(people)
    .where(
      sql`${people.id} = any(array[${sql.placeholder("personId")}::uuid,
        (select s.viewing_as_id from sessions s where s.id = ${sql.placeholder("sessionId")}::uuid and s.person_id = ${sql.placeholder("personId")}::uuid and s.ended_at is null)])`,
    )
    .limit(2)
    .prepare("portico_load_viewer");
}
const viewerQuery = preparedPerDb(buildViewerQuery);

/**
 * Turns a session's claims into a Viewer, or null when the account may not use it.
 * `sessionId`: the cookie's session row, which must exist and not have ended (sign-out, a
 * password or e-mail change, P3); null (a cookie from before sessions were recorded, or a
 * forged id) gets no viewer; left out only by tests and scripts that have no cookie.
 */
export async function loadViewer(
  db: Db,
  session: { personId: string; signedInAt: number; audience?: Audience; sessionId?: string | null },
  now: Date = new Date(),
): Promise<Viewer | null> {
  if (!isUuid(session.personId)) return null;
  const sessionId = session.sessionId && isUuid(session.sessionId) ? session.sessionId : null;
  // Every request's statement, by key: one generic plan (db/connect.ts withGenericPlans).
  const rows = await viewerQuery(withGenericPlans(db)).execute({ personId: session.personId, sessionId });
  const rowOf = (id: string) => rows.find((r) => r.id.toLowerCase() === id.toLowerCase());
  const person = rowOf(session.personId);
  if (!person || person.blocked) return null;
  if (session.signedInAt < person.sessionsValidFrom.getTime()) return null;
  if (session.sessionId !== undefined && !person.sessionLive) return null;
  // P3: past the session's maximum lifetime, or idle for too long (lib/auth/lifetime.ts).
  const lifetime = sessionLifetime();
  if (sessionTimedOut({ signedInAt: session.signedInAt, lastAccessAt: person.lastAccessAt }, now, lifetime)) return null;

  // Last access is written at most every few minutes per person (P4), not on every request.
  if (!person.lastAccessAt || now.getTime() - person.lastAccessAt.getTime() > lastAccessGranularityMs(lifetime)) {
    await db.update(people).set({ lastAccessAt: now }).where(eq(people.id, person.id));
  }
  const own = viewerOf(person, { sessionId, sessionAudience: session.audience });
  if (!person.viewingAsId || own.mustEnrolTwoFactor) return own;
  // B2: the person viewed as, read by the same query (its second row); their session checks and
  // their last access are not theirs to touch (no session of theirs exists), so neither is done.
  const asSeenBy = { id: own.id, name: own.name, email: own.email };
  const seen = rowOf(person.viewingAsId);
  if (own.isWebmaster) {
    if (seen && !seen.blocked) return { ...viewerOf(seen, { sessionId, sessionAudience: undefined }), mustEnrolTwoFactor: false, asSeenBy };
    return own;
  }
  // A section manager: the person, narrowed to the sections they manage now (read live, as
  // every right is), and only for those sections' pages (./view-as-scope.ts); a manager no
  // longer, or a person now a webmaster or blocked, and the view simply stops.
  const managed = await db.execute(sql`select sr.section_id from section_roles sr where sr.person_id = ${own.id}::uuid and sr.role = 'manager' order by sr.section_id`);
  const sectionRoots = rowsOf<{ section_id: number | string }>(managed).map((r) => Number(r.section_id));
  if (!seen || seen.blocked || !sectionRoots.length) return own;
  const viewed = viewerOf(seen, { sessionId, sessionAudience: undefined });
  if (viewed.isWebmaster) return own;
  return { ...own, viewingAsWithin: { viewer: { ...viewed, mustEnrolTwoFactor: false, asSeenBy, withinSections: sectionRoots }, sectionRoots } };
}

/**
 * D5: the Viewer an API token acts as, from its person's row read by viewerColumns with the
 * token's own (lib/api-tokens/verify.ts, one round trip): never viewing as anyone; blocked,
 * none. The token's own checks (revoked, expired, its person authorised) are verify.ts's.
 */
export function tokenViewerOf(person: ViewerRow): Viewer | null {
  return person.blocked ? null : viewerOf(person, { sessionId: null, sessionAudience: undefined });
}

/** A person's row as viewerColumns reads it. */
export type ViewerRow = Awaited<ReturnType<ReturnType<typeof buildViewerQuery>["execute"]>>[number];

/** The Viewer a person's row makes (the checks of the session are the caller's). */
function viewerOf(person: ViewerRow, session: { sessionId: string | null; sessionAudience: Audience | undefined }): Viewer {
  const isWebmaster = person.audience === "organisational" && person.roles.includes("webmaster");
  const parsedSettings = authenticationSettingsSchema.safeParse(person.authSettings ?? {});
  const required = parsedSettings.success ? parsedSettings.data.requireTwoFactor : "nobody";
  const twoFactorRequired = required === "everyone" || (required === "webmasters" && isWebmaster);
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    audience: person.audience,
    isWebmaster,
    sessionAudienceStale: session.sessionAudience !== undefined && session.sessionAudience !== person.audience,
    canViewTeams: person.audience === "organisational" || person.externalMayViewTeams === true,
    sessionId: session.sessionId,
    mustEnrolTwoFactor: twoFactorRequired && person.hasTwoFactor !== true,
    grantRoots: textArray(person.grantRoots).map(Number),
    imageId: person.imageId,
    moderates: isWebmaster || person.moderates === true,
    apps: appsFromSettings({ audience: person.audience, isWebmaster }, appAccessFromValues(person.externalAccess, person.appsEnabled)),
  };
}

/** The signed-in person for this request, or null. One database read per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // M7: every page, action and route handler reads the viewer; refused addresses stop here (403).
  await enforceAllowlist();
  const session = await currentSession();
  if (!session) return null;
  return loadViewer(await getDb(), {
    personId: session.user.id,
    signedInAt: session.signedInAt,
    audience: session.user.audience,
    sessionId: session.sessionId,
  });
});

/**
 * For pages that need someone signed in. Someone who must set up two-factor sign-in
 * first (M4) is sent to do that before any other page.
 */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`${LOGIN_PATH}?reason=signed-out`);
  if (viewer.mustEnrolTwoFactor) redirect(TWO_FACTOR_SETUP_PATH);
  return viewer;
}
