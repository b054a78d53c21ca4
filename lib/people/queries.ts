import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { locations, people, teamMembers, teams } from "@/db/schema";
import type { Viewer } from "@/lib/access/viewer";

export interface OwnProfile {
  name: string;
  email: string;
  audience: "organisational" | "external";
  mobile: string | null;
  location: string | null;
  teams: { name: string; isAdmin: boolean }[];
}

/** The viewer's own profile (E2: everyone has their profile page). */
export async function getOwnProfile(viewer: Pick<Viewer, "id">): Promise<OwnProfile | null> {
  const db = await getDb();
  const [person] = await db
    .select({ name: people.name, email: people.email, audience: people.audience, mobile: people.mobile, location: locations.name })
    .from(people)
    .leftJoin(locations, eq(locations.id, people.locationId))
    .where(eq(people.id, viewer.id))
    .limit(1);
  if (!person) return null;
  const myTeams = await db
    .select({ name: teams.name, isAdmin: teamMembers.isAdmin })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.personId, viewer.id))
    .orderBy(asc(teams.name));
  return { ...person, teams: myTeams };
}
