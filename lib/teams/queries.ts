import "server-only";
/**
 * Team reads (P5). Every read checks the viewer first: the Teams directory is for
 * organisational people and webmasters, for external people only with the Teams switch
 * (E5), and a team's administrators always see the teams they manage.
 * Teams are not access-controlled content, so member counts are fine here.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "@/db/client";
import { people, sectionMemberTeams, sections, teamClosure, teamMembers, teams } from "@/db/schema";
import { visibleSections } from "@/lib/access/filters";
import { pickPeople } from "@/lib/access/pickers";
import { canViewTeams, isManagedTeamId, isVisibleTeamId } from "@/lib/access/teams";
import type { AccessSubject } from "@/lib/access/types";
import { type Lookup, FORBIDDEN, NOT_FOUND, ok } from "@/lib/lookup";
import type { PersonMatch } from "@/lib/people/search";
import { hasControlCharacters } from "@/lib/validation/text";
import { profileLink } from "@/lib/people/profile-link";

export interface TeamNode {
  id: number;
  key: string;
  name: string;
  parentId: number | null;
  memberCount: number;
}

export interface TeamLink {
  key: string;
  name: string;
}

export interface TeamMemberRow {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  isAdmin: boolean;
  /** The viewer may open this member's profile (profileLink: E4, E5). */
  linked: boolean;
  /** The profile image, shown only when `linked` (the image route serves it to the same people). */
  imageId: string | null;
}

export interface TeamView {
  id: number;
  key: string;
  name: string;
  memberCount: number;
  /** Visible ancestors, top first. */
  breadcrumbs: TeamLink[];
  children: (TeamLink & { memberCount: number })[];
  members: TeamMemberRow[];
  canManage: boolean;
  /**
   * The sections that membership of this team grants (S2: added directly, or through an
   * ancestor team added with children) AND that the viewer can view themselves. Never the
   * others, never a count of them.
   */
  grantsSections: { slug: string; title: string }[];
}

/** How deep /teams draws the tree from its tops; deeper teams are reached from their parent's page. */
export const TEAM_TREE_DEPTH = 3;
const TEAM_TREE_LIMIT = 2000;
const MEMBER_LIMIT = 1000;

const memberCount = sql<number>`(select count(*)::int from team_members tm_n where tm_n.team_id = ${teams.id})`;

/**
 * The teams /teams shows (null when the viewer may not open the directory): every
 * visible team within TEAM_TREE_DEPTH levels of a top — a team whose parent the viewer
 * cannot see — with its member count, in name order.
 */
export async function listTeamTree(viewer: AccessSubject): Promise<TeamNode[] | null> {
  const db = await getDb();
  if (!(await canViewTeams(viewer, db))) return null;
  const top = alias(teams, "top");
  // The tops of what the viewer sees: teams whose parent is not visible to them.
  const tops = db
    .select({ id: top.id })
    .from(top)
    .where(and(isVisibleTeamId(viewer, top.id), sql`(${top.parentId} is null or not ${isVisibleTeamId(viewer, top.parentId)})`));
  return db
    .select({ id: teams.id, key: teams.key, name: teams.name, parentId: teams.parentId, memberCount })
    .from(teams)
    .where(
      and(
        isVisibleTeamId(viewer, teams.id),
        sql`${teams.id} in (select tc_t.descendant_id from team_closure tc_t where tc_t.ancestor_id in ${tops} and tc_t.depth < ${TEAM_TREE_DEPTH})`,
      ),
    )
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(TEAM_TREE_LIMIT);
}

/**
 * A team's page: breadcrumbs, child teams, members (the first MEMBER_LIMIT, admins first,
 * then by name), and whether the viewer manages it.
 */
export async function getTeamPage(viewer: AccessSubject, key: string): Promise<Lookup<TeamView>> {
  // An address with a control character (a NUL from "%00") names nothing, and PostgreSQL cannot compare it (Q3).
  if (hasControlCharacters(key)) return NOT_FOUND;
  const db = await getDb();
  const [row] = await db
    .select({
      id: teams.id,
      key: teams.key,
      name: teams.name,
      memberCount,
      visible: sql<boolean>`${isVisibleTeamId(viewer, teams.id)}`,
      canManage: sql<boolean>`${isManagedTeamId(viewer, teams.id)}`,
    })
    .from(teams)
    .where(eq(teams.key, key))
    .limit(1);
  if (!row) return NOT_FOUND;
  if (!row.visible) return FORBIDDEN;

  const ancestor = alias(teams, "ancestor");
  const [breadcrumbs, children, members, grantsSections] = await Promise.all([
    db
      .select({ key: ancestor.key, name: ancestor.name })
      .from(teamClosure)
      .innerJoin(ancestor, eq(ancestor.id, teamClosure.ancestorId))
      .where(and(eq(teamClosure.descendantId, row.id), sql`${teamClosure.depth} > 0`, isVisibleTeamId(viewer, ancestor.id)))
      .orderBy(desc(teamClosure.depth)),
    db
      .select({ key: teams.key, name: teams.name, memberCount })
      .from(teams)
      .where(and(eq(teams.parentId, row.id), isVisibleTeamId(viewer, teams.id)))
      .orderBy(asc(teams.name)),
    listMembers(db, viewer, row.id),
    sectionsGrantedByTeam(db, viewer, row.id),
  ]);
  return ok({ id: row.id, key: row.key, name: row.name, memberCount: row.memberCount, breadcrumbs, children, members, canManage: row.canManage, grantsSections });
}

function listMembers(db: Db, viewer: AccessSubject, teamId: number): Promise<TeamMemberRow[]> {
  const linked = profileLink(viewer, people.id, people.blocked);
  return db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      audience: people.audience,
      isAdmin: teamMembers.isAdmin,
      linked,
      // P6: a photo only beside a name the viewer may open (E4: the image is part of the profile).
      imageId: sql<string | null>`case when ${linked} then ${people.imageId} end`,
    })
    .from(teamMembers)
    .innerJoin(people, eq(people.id, teamMembers.personId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(desc(teamMembers.isAdmin), asc(people.name), asc(people.id))
    .limit(MEMBER_LIMIT);
}

/**
 * The sections membership of this team grants (S2: the team added itself, or an ancestor
 * added with children), limited to those the viewer can view. Sections below them are
 * granted too (S3); the page says so in words, without listing or counting them.
 */
export async function sectionsGrantedByTeam(db: Db, viewer: AccessSubject, teamId: number): Promise<{ slug: string; title: string }[]> {
  return db
    .selectDistinct({ slug: sections.slug, title: sections.title })
    .from(sectionMemberTeams)
    .innerJoin(teamClosure, eq(teamClosure.ancestorId, sectionMemberTeams.teamId))
    .innerJoin(sections, eq(sections.id, sectionMemberTeams.sectionId))
    .where(
      and(eq(teamClosure.descendantId, teamId), sql`(${teamClosure.depth} = 0 or ${sectionMemberTeams.includeChildren})`, visibleSections(viewer)),
    )
    .orderBy(asc(sections.title), asc(sections.slug));
}

/**
 * People a team's manager may add (for the PersonPicker): not blocked, not already in
 * the team. The caller has checked `team.manage`; whom the picker finds is the one picker
 * rule (lib/access/pickers.ts, E4, E5): external managers without the Users switch get a
 * person only by typing the exact e-mail address.
 */
export async function searchTeamCandidates(db: Db, viewer: AccessSubject, teamId: number, query: string): Promise<PersonMatch[]> {
  return pickPeople(viewer, query, { notInTeamId: teamId, db });
}
