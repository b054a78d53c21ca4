import "server-only";
/**
 * B4: what membership of a team gives (S2, S3): every section it reaches, through the team
 * itself being added or a team above it added with its child teams, cascading down the
 * section tree, with the published items there. Teams are not members of groups (G5).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import type { AccessSubject } from "../types";
import { readTeamAncestors, readTeamGrants } from "../explain/facts";
import { effectivelyRestricted, grantsBySection, nameGrants } from "../explain/section-reach";
import type { AccessPath } from "../explain/types";
import { countItems } from "./item-counts";
import { sortSections } from "./order";
import type { ExposedSection, ExposureReport } from "./types";

/** The team's report, or null when there is no such team. */
export async function teamExposure(db: Db, asker: AccessSubject, teamId: number): Promise<ExposureReport | null> {
  if (!Number.isSafeInteger(teamId)) return null;
  const [team] = rowsOf<{ id: number; name: string; key: string; members: number; external: number }>(
    await db.execute(sql`
      select t.id, t.name, t.key,
        (select count(*)::int from team_members tm where tm.team_id = t.id) as members,
        (select count(*)::int from team_members tm join people p on p.id = tm.person_id where tm.team_id = t.id and p.audience = 'external') as external
      from teams t where t.id = ${teamId}`),
  );
  if (!team) return null;
  const [grants, ancestors] = await Promise.all([readTeamGrants(db, teamId), readTeamAncestors(db, [teamId])]);
  const sectionIds = [...new Set(grants.map((g) => g.sectionId))];
  const above = ancestors.get(teamId) ?? [];
  const [named, counts] = await Promise.all([nameGrants(db, asker, grants, sectionIds, [teamId, ...above]), countItems(db, sectionIds, [])]);
  const members = Number(team.members);
  const self = named.teamRef(teamId);

  const bySection = grantsBySection(grants);
  const sections: ExposedSection[] = sectionIds.map((id) => {
    const names = named.names.get(id)!;
    const paths: AccessPath[] =
      names.ref.name === null
        ? [{ kind: "hidden-place", place: "section" }]
        : bySection.get(id)!.map((g) => ({ kind: "section", via: "self", section: names.ref, grant: named.grantOf(g) }));
    return { section: names.ref, restricted: effectivelyRestricted(names), items: counts.bySection.get(id) ?? 0, people: members, reasons: paths.map((path) => ({ path, people: members })) };
  });

  return {
    subject: {
      kind: "team",
      key: String(team.id),
      name: self.name ?? team.name,
      href: self.href,
      people: members,
      externalPeople: Number(team.external),
      blocked: false,
      teamsAbove: above.map(named.teamRef),
    },
    sections: sortSections(sections),
    groups: [],
    items: counts.total,
  };
}
