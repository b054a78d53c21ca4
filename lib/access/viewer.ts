import "server-only";
/**
 * The Viewer: who a request is rendered for, re-read from the database on every
 * request. A blocked person, or a session older than the account's sessionsValidFrom,
 * gets no viewer whatever the cookie says; a changed audience or role applies at once.
 */
import { cache } from "react";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import type { Db } from "@/db/connect";
import { getDb } from "@/db/client";
import { people } from "@/db/schema";
import { auth } from "@/lib/auth/auth";
import { enforceAllowlist } from "@/lib/security/allowlist";
import { externalMayViewTeams } from "./teams";
import { LOGIN_PATH } from "@/lib/routes";

export type Audience = "organisational" | "external";

export interface Viewer {
  id: string;
  name: string;
  email: string;
  audience: Audience;
  isWebmaster: boolean;
  /** True when the session cookie's audience no longer matches the account. */
  sessionAudienceStale: boolean;
  /** May open the Teams directory (canViewTeams in ./teams.ts, E5 and P5), read with the account. */
  canViewTeams: boolean;
}

// Last access is written at most this often per person (P4), not on every request.
const LAST_ACCESS_GRANULARITY_MS = 5 * 60_000;

/** Turns a session's claims into a Viewer, or null when the account may not use it. */
export async function loadViewer(
  db: Db,
  session: { personId: string; signedInAt: number; audience?: Audience },
  now: Date = new Date(),
): Promise<Viewer | null> {
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      audience: people.audience,
      roles: people.roles,
      blocked: people.blocked,
      sessionsValidFrom: people.sessionsValidFrom,
      lastAccessAt: people.lastAccessAt,
      externalMayViewTeams: externalMayViewTeams(people.id),
    })
    .from(people)
    .where(eq(people.id, session.personId))
    .limit(1);
  if (!person || person.blocked) return null;
  if (session.signedInAt < person.sessionsValidFrom.getTime()) return null;

  if (!person.lastAccessAt || now.getTime() - person.lastAccessAt.getTime() > LAST_ACCESS_GRANULARITY_MS) {
    await db.update(people).set({ lastAccessAt: now }).where(eq(people.id, person.id));
  }
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    audience: person.audience,
    isWebmaster: person.audience === "organisational" && person.roles.includes("webmaster"),
    sessionAudienceStale: session.audience !== undefined && session.audience !== person.audience,
    canViewTeams: person.audience === "organisational" || person.externalMayViewTeams === true,
  };
}

/** The signed-in person for this request, or null. One database read per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // M7: every page, action and route handler reads the viewer; refused addresses stop here (403).
  await enforceAllowlist();
  const session = await auth();
  if (!session?.user?.id) return null;
  return loadViewer(await getDb(), {
    personId: session.user.id,
    signedInAt: session.signedInAt,
    audience: session.user.audience,
  });
});

/** For pages and actions that need someone signed in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`${LOGIN_PATH}?reason=signed-out`);
  return viewer;
}
