import "server-only";
/**
 * Section reads. Every query ANDs in visibleSections: breadcrumbs show only ancestors
 * the viewer can view, child lists only visible children (C3, C5).
 */
import { type SQL, and, asc, desc, eq, ilike, inArray, notInArray, or, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import { type Db, getDb, withGenericPlans } from "@/db/client";
import { jsonColumn, qualified, textArray } from "@/db/sql";
import {
  people,
  sectionClosure,
  sectionMemberPeople,
  sectionMemberTeams,
  sectionRoles,
  sectionSlugRedirects,
  sections,
  teams,
} from "@/db/schema";
import { pickableTeam } from "@/lib/access/pickers";
import { type SectionRole, can } from "@/lib/access/policies";
import { type ContentSummary, type Page, type SectionListingValue, sectionListingColumn, sectionListingPage } from "@/lib/content/listings";
import { type Lookup, FORBIDDEN, NOT_FOUND, ok } from "@/lib/lookup";
import { hasControlCharacters } from "@/lib/validation/text";
import { isVisibleSectionRow, rolesHeldOn, visibleSections } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import { preparedPerShape, shapeName, subjectValues } from "@/lib/access/statement-per-shape";

export interface SectionLink {
  slug: string;
  title: string;
}

export interface SectionSummary extends SectionLink {
  description: string;
}

export interface SectionView {
  id: number;
  slug: string;
  title: string;
  description: string;
  /** Section roles the viewer holds here, own or inherited from an ancestor (S7). */
  rolesHeld: SectionRole[];
  /** Visible ancestors, top first. */
  breadcrumbs: SectionLink[];
  children: SectionSummary[];
  /** Whether the viewer follows the section (K4): the page's Follow button, read in the same query. */
  following: boolean;
  /** A page of the section's published items (homed or shared in), when asked for. */
  content?: Page<ContentSummary>;
}

export type SectionLookup =
  | Lookup<SectionView>
  /** The slug is an old one of a section the viewer can view: send them to its new address. */
  | { status: "moved"; slug: string };

/** `sections.id` with its table name, for the correlated subqueries below (see db/sql.ts). */
const qualifiedSectionId = qualified("sections", "id");

type SectionQueryOptions = { content?: { cursor?: string | null } };

/**
 * The section page's one query, unexecuted (bench/explain.ts EXPLAINs it): the section,
 * whether the viewer may view it, the roles they hold there, and — only when they may view
 * it — its visible ancestors, visible children and, when asked, a page of its content (C3, C5).
 */
export function sectionQuery(db: Db, viewer: AccessSubject, slug: string, options: SectionQueryOptions = {}) {
  const ancestorVisible = isVisibleSectionRow(viewer, { id: sql`a_bc.id`, effectivelyRestricted: sql`a_bc.effectively_restricted` });
  const childVisible = isVisibleSectionRow(viewer, { id: sql`c_ch.id`, effectivelyRestricted: sql`c_ch.effectively_restricted` });
  return db
    .select({
      id: sections.id,
      slug: sections.slug,
      title: sections.title,
      description: sections.description,
      visible: sql<boolean>`sv.visible`,
      rolesHeld: rolesHeldOn(viewer, qualifiedSectionId),
      breadcrumbs: sql<SectionLink[] | string | null>`case when sv.visible then (
        select json_agg(json_build_object('slug', a_bc.slug, 'title', a_bc.title) order by sc_bc.depth desc)
        from section_closure sc_bc join sections a_bc on a_bc.id = sc_bc.ancestor_id
        where sc_bc.descendant_id = ${qualifiedSectionId} and sc_bc.depth > 0 and ${ancestorVisible}
      ) end`,
      children: sql<SectionSummary[] | string | null>`case when sv.visible then (
        select json_agg(json_build_object('slug', c_ch.slug, 'title', c_ch.title, 'description', c_ch.description) order by c_ch.title, c_ch.id)
        from sections c_ch
        where c_ch.parent_id = ${qualifiedSectionId} and ${childVisible}
      ) end`,
      following: sql<boolean>`sv.visible and exists (select 1 from follows f_fl where f_fl.section_id = ${qualifiedSectionId} and f_fl.person_id = ${viewer.id})`,
      listing: options.content
        ? sql<SectionListingValue>`case when sv.visible then ${sectionListingColumn(db, viewer, qualifiedSectionId, options.content.cursor)} end`
        : sql<SectionListingValue>`null`,
    })
    .from(sections)
    .innerJoinLateral(sql`(select ${visibleSections(viewer)} as visible offset 0) sv`, sql`true`)
    .where(eq(sections.slug, slug))
    .limit(1);
}

/** The section page's query without (and with) the first page of its content, prepared for a viewer shape, the slug a placeholder ("slug"). */
const sectionStatement = preparedPerShape((db: Db, subject, shape) =>
  sectionQuery(db, subject, sql.placeholder("slug") as unknown as string).prepare(`portico_section_${shapeName(shape)}`),
);
const sectionWithListingStatement = preparedPerShape((db: Db, subject, shape) =>
  sectionQuery(db, subject, sql.placeholder("slug") as unknown as string, { content: {} }).prepare(`portico_section_listing_${shapeName(shape)}`),
);

export async function getSection(viewer: AccessSubject, slug: string, options: SectionQueryOptions = {}): Promise<SectionLookup> {
  // An address with a control character (a NUL from "%00") names nothing, and PostgreSQL cannot compare it (Q3).
  if (hasControlCharacters(slug)) return NOT_FOUND;
  const db = await getDb();
  // One generic plan (db/connect.ts withGenericPlans): measured 1 ms a page against 5–7 planned each time.
  const generic = withGenericPlans(db);
  // Without a cursor, built once per viewer shape (lib/access/statement-per-shape.ts); a B2 narrowed viewer's per call.
  const statement = options.content?.cursor ? null : (options.content ? sectionWithListingStatement : sectionStatement)(generic, viewer);
  const [row] = statement ? await statement.execute({ ...subjectValues(viewer), slug }) : await sectionQuery(generic, viewer, slug, options);
  if (!row) {
    // An old address (the slug was changed): redirect, but only someone who may view the
    // section learns its new address (C5).
    const [moved] = await db
      .select({ slug: sections.slug, visible: sql<boolean>`${visibleSections(viewer)}` })
      .from(sectionSlugRedirects)
      .innerJoin(sections, eq(sections.id, sectionSlugRedirects.sectionId))
      .where(eq(sectionSlugRedirects.oldSlug, slug))
      .limit(1);
    if (!moved) return NOT_FOUND;
    return moved.visible ? { status: "moved", slug: moved.slug } : FORBIDDEN;
  }
  if (!row.visible) return FORBIDDEN;
  return ok({
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    rolesHeld: textArray(row.rolesHeld),
    breadcrumbs: jsonColumn<SectionLink[]>(row.breadcrumbs) ?? [],
    children: jsonColumn<SectionSummary[]>(row.children) ?? [],
    following: row.following === true,
    ...(options.content ? { content: sectionListingPage(row.listing) } : {}),
  });
}

/**
 * The sections a viewer can reach from a home page: the visible sections whose parent
 * is not visible to them (the tops of what they can see), in title order.
 */
export async function listReachableSections(viewer: AccessSubject): Promise<SectionSummary[]> {
  const db = await getDb();
  // The parent's own row decides whether it is visible (isVisibleSectionRow): no lookup per section.
  const parent = alias(sections, "s_parent");
  return db
    .select({ slug: sections.slug, title: sections.title, description: sections.description })
    .from(sections)
    .leftJoin(parent, eq(parent.id, sections.parentId))
    .where(and(visibleSections(viewer), sql`(${parent.id} is null or not ${isVisibleSectionRow(viewer, parent)})`))
    .orderBy(asc(sections.title));
}

// ---------------------------------------------------------------------------------
// Management reads (S1–S8). Each checks section.manage itself, whatever the page did.
// ---------------------------------------------------------------------------------

export interface ManagedPerson {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  /** A member of this section directly (S2). */
  direct: boolean;
  /** Roles given on this section itself (S7). */
  roles: SectionRole[];
  /** Roles held on a section above, which cascade here. */
  inherited: { role: SectionRole; from: string }[];
}

export interface ManagedTeam {
  id: number;
  name: string;
  includeChildren: boolean;
  members: number;
  externalMembers: number;
}

export interface SectionManagement {
  id: number;
  slug: string;
  title: string;
  description: string;
  parentId: number | null;
  restricted: boolean;
  /** Restricted because a section above is (S5), whatever this section's own flag says. */
  restrictedByAncestor: boolean;
  breadcrumbs: SectionLink[];
  people: ManagedPerson[];
  teams: ManagedTeam[];
}

/** People counted through a team added to a section (S2): the team, and its descendants when added with children. */
function teamPeople(teamId: SQL | AnyPgColumn | number, includeChildren: SQL | AnyPgColumn | boolean): SQL {
  return sql`(
    select distinct tm_in.person_id from team_closure tc_in join team_members tm_in on tm_in.team_id = tc_in.descendant_id
    where tc_in.ancestor_id = ${teamId} and (tc_in.depth = 0 or ${includeChildren})
  )`;
}

export async function getSectionManagement(viewer: AccessSubject, slug: string): Promise<Lookup<SectionManagement>> {
  // An address with a control character (a NUL from "%00") names nothing, and PostgreSQL cannot compare it (Q3).
  if (hasControlCharacters(slug)) return NOT_FOUND;
  const db = await getDb();
  const [section] = await db
    .select({
      id: sections.id,
      slug: sections.slug,
      title: sections.title,
      description: sections.description,
      parentId: sections.parentId,
      restricted: sections.restricted,
      effectivelyRestricted: sections.effectivelyRestricted,
    })
    .from(sections)
    .where(eq(sections.slug, slug))
    .limit(1);
  if (!section) return NOT_FOUND;
  if (!(await can(viewer, "section.manage", { kind: "section", id: section.id }))) return FORBIDDEN;

  const ancestor = alias(sections, "ancestor");
  const roleSection = alias(sections, "role_section");
  const [breadcrumbs, direct, roleRows, teamRows] = await Promise.all([
    db
      .select({ slug: ancestor.slug, title: ancestor.title })
      .from(sectionClosure)
      .innerJoin(ancestor, eq(ancestor.id, sectionClosure.ancestorId))
      .where(and(eq(sectionClosure.descendantId, section.id), sql`${sectionClosure.depth} > 0`, isVisibleSectionRow(viewer, ancestor)))
      .orderBy(desc(sectionClosure.depth)),
    db
      .select({ id: people.id, name: people.name, email: people.email, audience: people.audience })
      .from(sectionMemberPeople)
      .innerJoin(people, eq(people.id, sectionMemberPeople.personId))
      .where(eq(sectionMemberPeople.sectionId, section.id)),
    // Roles here and on every section above (they cascade down, S7).
    db
      .select({
        id: people.id,
        name: people.name,
        email: people.email,
        audience: people.audience,
        role: sectionRoles.role,
        sectionId: sectionRoles.sectionId,
        from: roleSection.title,
      })
      .from(sectionClosure)
      .innerJoin(sectionRoles, eq(sectionRoles.sectionId, sectionClosure.ancestorId))
      .innerJoin(people, eq(people.id, sectionRoles.personId))
      .innerJoin(roleSection, eq(roleSection.id, sectionRoles.sectionId))
      .where(eq(sectionClosure.descendantId, section.id)),
    db
      .select({
        id: teams.id,
        name: teams.name,
        includeChildren: sectionMemberTeams.includeChildren,
        members: sql<number>`(select count(*) from ${teamPeople(teams.id, sectionMemberTeams.includeChildren)} tp)::int`,
        externalMembers: sql<number>`(select count(*) from people p_ext where p_ext.audience = 'external' and p_ext.id in ${teamPeople(teams.id, sectionMemberTeams.includeChildren)})::int`,
      })
      .from(sectionMemberTeams)
      .innerJoin(teams, eq(teams.id, sectionMemberTeams.teamId))
      .where(eq(sectionMemberTeams.sectionId, section.id))
      .orderBy(asc(teams.name)),
  ]);

  const byId = new Map<string, ManagedPerson>();
  const entry = (p: { id: string; name: string; email: string; audience: "organisational" | "external" }) => {
    let e = byId.get(p.id);
    if (!e) byId.set(p.id, (e = { ...p, direct: false, roles: [], inherited: [] }));
    return e;
  };
  for (const p of direct) entry(p).direct = true;
  for (const r of roleRows) {
    const e = entry(r);
    if (r.sectionId === section.id) e.roles.push(r.role);
    else e.inherited.push({ role: r.role, from: r.from });
  }
  // Only people tied to this section itself are listed; inherited role holders show too,
  // since their roles act here (S7).
  const roleOrder: SectionRole[] = ["manager", "editor", "author"];
  const list = [...byId.values()]
    .map((p) => ({ ...p, roles: roleOrder.filter((r) => p.roles.includes(r)) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));

  return ok({
    id: section.id,
    slug: section.slug,
    title: section.title,
    description: section.description,
    parentId: section.parentId,
    restricted: section.restricted,
    restrictedByAncestor: section.effectivelyRestricted && !section.restricted,
    breadcrumbs,
    people: list,
    teams: teamRows,
  });
}

/** A case-insensitive "contains" pattern for ILIKE, with the user's own wildcards escaped. */
export function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface TeamChoice {
  id: number;
  name: string;
  /** The parent team's name, to tell teams of the same name apart. */
  parent: string | null;
}

/**
 * Teams whose name matches, not yet added to the section, among those the viewer may
 * pick (lib/access/pickers.ts, E4, E5). The caller has checked section.manage.
 */
export async function searchTeamsToAdd(viewer: AccessSubject, sectionId: number, query: string, db?: Db): Promise<TeamChoice[]> {
  const conn = db ?? (await getDb());
  const parent = alias(teams, "parent");
  const pattern = likePattern(query);
  return conn
    .select({ id: teams.id, name: teams.name, parent: parent.name })
    .from(teams)
    .leftJoin(parent, eq(parent.id, teams.parentId))
    .where(
      and(
        ilike(teams.name, pattern),
        pickableTeam(viewer, teams.id),
        notInArray(teams.id, sql`(select smt.team_id from section_member_teams smt where smt.section_id = ${sectionId})`),
      ),
    )
    .orderBy(asc(teams.name))
    .limit(10);
}

/**
 * How many people a team would add (S2), and how many of them are external (S8). With a
 * viewer: null unless they may pick the team (lib/access/pickers.ts, E4, E5), as for a
 * team that does not exist.
 */
export async function teamReach(
  teamId: number,
  includeChildren: boolean,
  db?: Db,
  viewer?: AccessSubject,
): Promise<{ members: number; externalMembers: number } | null> {
  const conn = db ?? (await getDb());
  const [team] = await conn
    .select({
      members: sql<number>`(select count(*) from ${teamPeople(teamId, includeChildren)} tp)::int`,
      externalMembers: sql<number>`(select count(*) from people p_ext where p_ext.audience = 'external' and p_ext.id in ${teamPeople(teamId, includeChildren)})::int`,
    })
    .from(teams)
    .where(and(eq(teams.id, teamId), viewer ? pickableTeam(viewer, teams.id) : undefined));
  return team ?? null;
}

export interface SectionChoice {
  id: number;
  title: string;
  slug: string;
  path: string;
}

/**
 * Sections a section could move under (webmasters, who can view every section, S4):
 * matching the query, excluding the section itself and everything below it.
 */
export async function searchMoveTargets(sectionId: number, query: string, db?: Db): Promise<SectionChoice[]> {
  const conn = db ?? (await getDb());
  const pattern = likePattern(query);
  const rows = await conn
    .select({
      id: sections.id,
      title: sections.title,
      slug: sections.slug,
      path: sql<string>`(select string_agg(a.title, ' › ' order by c.depth desc) from section_closure c join sections a on a.id = c.ancestor_id where c.descendant_id = ${qualifiedSectionId})`,
    })
    .from(sections)
    .where(
      and(
        or(ilike(sections.title, pattern), ilike(sections.slug, pattern)),
        notInArray(sections.id, sql`(select sc.descendant_id from section_closure sc where sc.ancestor_id = ${sectionId})`),
      ),
    )
    .orderBy(asc(sections.title))
    .limit(10);
  return rows;
}

/** Which of these people are external (S8 asks for a confirmation when any is). */
export async function externalAmong(personIds: string[], db?: Db): Promise<{ id: string; name: string }[]> {
  if (!personIds.length) return [];
  const conn = db ?? (await getDb());
  return conn
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(inArray(people.id, personIds), eq(people.audience, "external")));
}
