import "server-only";
/**
 * D3 (P1 P5 P6 E3): the full export's teams, locations and people, in the organisation
 * file's shapes (docs/ORG-FILE.md). People come without passwords (the loader lets them in by
 * a welcome e-mail, P3) and with their profile image's path in the archive.
 */
import { asc, eq, gt, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { locations, people, teamMembers, teams } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { groupedBy, keysetPages, mapPages, withoutDefaults } from "./pages";

/** Where a person's profile image goes in the archive (the stored object is WebP, lib/people/profile-image.ts). */
export const profileImagePath = (personId: string) => `people/${personId}.webp`;

export function teamPages(db: Db): AsyncGenerator<OrgFile["teams"]> {
  const parent = alias(teams, "parent");
  const rows = keysetPages(
    (after: number | null, limit) =>
      db
        .select({ id: teams.id, key: teams.key, name: teams.name, parent: parent.key, acceptsQueries: teams.acceptsQueries })
        .from(teams)
        .leftJoin(parent, eq(parent.id, teams.parentId))
        .where(after === null ? undefined : gt(teams.id, after))
        .orderBy(asc(teams.id))
        .limit(limit),
    (t) => t.id,
  );
  return mapPages(rows, (page) => page.map((t) => ({ key: t.key, name: t.name, parent: t.parent, ...(t.acceptsQueries ? { acceptsQueries: true } : {}) })));
}

export function locationPages(db: Db): AsyncGenerator<OrgFile["locations"]> {
  const rows = keysetPages(
    (after: number | null, limit) =>
      db
        .select({ id: locations.id, key: locations.key, name: locations.name, address: locations.address })
        .from(locations)
        .where(after === null ? undefined : gt(locations.id, after))
        .orderBy(asc(locations.id))
        .limit(limit),
    (l) => l.id,
  );
  return mapPages(rows, (page) => page.map((l) => ({ key: l.key, name: l.name, ...(l.address ? { address: l.address } : {}) })));
}

export function peoplePages(db: Db): AsyncGenerator<OrgFile["people"]> {
  const rows = keysetPages(
    (after: string | null, limit) =>
      db
        .select({
          id: people.id,
          email: people.email,
          name: people.name,
          audience: people.audience,
          roles: people.roles,
          location: locations.key,
          mobile: people.mobile,
          showMobile: people.showMobile,
          blocked: people.blocked,
          jobTitle: people.jobTitle,
          organisation: people.organisation,
          workPhone: people.workPhone,
          about: people.about,
          imageId: people.imageId,
        })
        .from(people)
        .leftJoin(locations, eq(locations.id, people.locationId))
        .where(after === null ? undefined : gt(people.id, after))
        .orderBy(asc(people.id))
        .limit(limit),
    (p) => p.id,
  );
  return mapPages(rows, async (page) => {
    const memberships = await db
      .select({ personId: teamMembers.personId, team: teams.key, admin: teamMembers.isAdmin })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(
        inArray(
          teamMembers.personId,
          page.map((p) => p.id),
        ),
      )
      .orderBy(asc(teams.key));
    const teamsOf = groupedBy(memberships, (m) => m.personId);
    return page.map(({ id, email, name, audience, roles, imageId, ...rest }) => ({
      email,
      name,
      audience,
      ...withoutDefaults({
        // P2: only organisational people hold a global role.
        roles: audience === "organisational" ? roles : [],
        teams: teamsOf(id).map((m) => m.team),
        teamAdmin: teamsOf(id)
          .filter((m) => m.admin)
          .map((m) => m.team),
        ...rest,
        image: imageId ? profileImagePath(id) : null,
      }),
    })) as OrgFile["people"];
  });
}
