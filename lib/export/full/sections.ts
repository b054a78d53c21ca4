import "server-only";
/**
 * D3 (S1 S2 S7): the full export's sections, each with its parent, its restriction, and who
 * is given it: people, teams (with or without their child teams) and roles.
 */
import { asc, eq, gt, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { people, sectionMemberPeople, sectionMemberTeams, sectionRoles, sections, teams } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { groupedBy, keysetPages, mapPages } from "./pages";

export function sectionPages(db: Db): AsyncGenerator<OrgFile["sections"]> {
  const parent = alias(sections, "parent");
  const rows = keysetPages(
    (after: number | null, limit) =>
      db
        .select({ id: sections.id, slug: sections.slug, title: sections.title, description: sections.description, parent: parent.slug, restricted: sections.restricted })
        .from(sections)
        .leftJoin(parent, eq(parent.id, sections.parentId))
        .where(after === null ? undefined : gt(sections.id, after))
        .orderBy(asc(sections.id))
        .limit(limit),
    (s) => s.id,
  );
  return mapPages(rows, async (page) => {
    const ids = page.map((s) => s.id);
    const [members, memberTeams, roles] = await Promise.all([
      db
        .select({ sectionId: sectionMemberPeople.sectionId, person: people.email })
        .from(sectionMemberPeople)
        .innerJoin(people, eq(people.id, sectionMemberPeople.personId))
        .where(inArray(sectionMemberPeople.sectionId, ids))
        .orderBy(asc(sql`lower(${people.email})`)),
      db
        .select({ sectionId: sectionMemberTeams.sectionId, team: teams.key, includeChildren: sectionMemberTeams.includeChildren })
        .from(sectionMemberTeams)
        .innerJoin(teams, eq(teams.id, sectionMemberTeams.teamId))
        .where(inArray(sectionMemberTeams.sectionId, ids))
        .orderBy(asc(teams.key)),
      db
        .select({ sectionId: sectionRoles.sectionId, person: people.email, role: sectionRoles.role })
        .from(sectionRoles)
        .innerJoin(people, eq(people.id, sectionRoles.personId))
        .where(inArray(sectionRoles.sectionId, ids))
        .orderBy(asc(sql`lower(${people.email})`), asc(sectionRoles.role)),
    ]);
    const membersOf = groupedBy(members, (m) => m.sectionId);
    const teamsOf = groupedBy(memberTeams, (t) => t.sectionId);
    const rolesOf = groupedBy(roles, (r) => r.sectionId);
    return page.map((s) => ({
      slug: s.slug,
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      parent: s.parent,
      restricted: s.restricted,
      ...(membersOf(s.id).length ? { members: membersOf(s.id).map((m) => m.person) } : {}),
      ...(teamsOf(s.id).length ? { teams: teamsOf(s.id).map((t) => ({ team: t.team, includeChildren: t.includeChildren })) } : {}),
      ...(rolesOf(s.id).length ? { roles: rolesOf(s.id).map((r) => ({ person: r.person, role: r.role })) } : {}),
    }));
  });
}
