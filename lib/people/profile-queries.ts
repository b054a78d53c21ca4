import "server-only";
/** Profile reads: one's own profile (E2, E3) and a person's image for those who may view their profile (E4, E5). */
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { locations, people, teamMembers, teams } from "@/db/schema";
import { mayViewProfile } from "@/lib/access/profiles";
import { objectStore } from "@/lib/storage/current";
import type { StoredObject } from "@/lib/storage/store";
import type { ProfileText } from "./profile-fields";
import { isUuid } from "@/db/sql";
import type { Viewer } from "@/lib/access/types";

export interface OwnProfile extends ProfileText {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  mobile: string | null;
  /** P6: whether the mobile number shows on the profile page. */
  showMobile: boolean;
  location: string | null;
  imageId: string | null;
  /** Whether the account has a password (SSO-only accounts have none to ask for). */
  hasPassword: boolean;
  teams: { name: string; isAdmin: boolean }[];
}

/** The viewer's own profile (E2: everyone has their profile page). */
export async function getOwnProfile(viewer: Pick<Viewer, "id">): Promise<OwnProfile | null> {
  const db = await getDb();
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      audience: people.audience,
      mobile: people.mobile,
      showMobile: people.showMobile,
      location: locations.name,
      jobTitle: people.jobTitle,
      organisation: people.organisation,
      workPhone: people.workPhone,
      about: people.about,
      imageId: people.imageId,
      hasPassword: sql<boolean>`${people.passwordHash} is not null`,
    })
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

/**
 * A person's profile image, for a viewer who may view their profile (E4, E5:
 * lib/access/profiles.ts) — otherwise null, exactly as for a person without one or
 * no such person, so the route answers the same 404 to all three.
 */
export async function getProfileImageForViewer(viewer: Pick<Viewer, "id" | "audience" | "isWebmaster">, personId: string): Promise<StoredObject | null> {
  if (!isUuid(personId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ imageId: people.imageId })
    .from(people)
    .where(and(eq(people.id, personId.toLowerCase()), isNotNull(people.imageId), mayViewProfile(viewer, people.id, people.blocked)))
    .limit(1);
  return row?.imageId ? objectStore().get(row.imageId) : null;
}
