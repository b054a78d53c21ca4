import "server-only";
/**
 * Who can view what (docs/RULES.md §2–3), as SQL predicates that every query ANDs in, so that
 * access is decided in the database in the same query that lists the rows.
 *
 * Membership (S2, S3, S7) is never copied: a viewer's granted sections are computed in
 * the query from their live team memberships, the team tree (teams added with
 * children), direct memberships and section roles, cascaded down the section tree
 * through section_closure. Openness for organisational users (S5) is the maintained
 * `effectively_restricted` flag.
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { content, groups, sections } from "@/db/schema";
import { intArray } from "@/db/sql";
import { externalSwitchOn } from "./external-access";
import type { AccessSubject } from "./types";

/**
 * The roots of the viewer's section grants (S2, S7): direct memberships, section roles, and
 * sections that one of their teams was added to (their own team, or an ancestor team added
 * with children). Team membership is read live, at the time the query runs.
 */
export function grantRootIds(personId: string | SQL): SQL {
  return sql`(
    select smp.section_id from section_member_people smp where smp.person_id = ${personId}
    union
    select sr.section_id from section_roles sr where sr.person_id = ${personId}
    union
    select smt.section_id
    from team_members tm
    join team_closure tc on tc.descendant_id = tm.team_id
    join section_member_teams smt on smt.team_id = tc.ancestor_id
    where tm.person_id = ${personId} and (tc.depth = 0 or smt.include_children)
  )`;
}

/**
 * The sections the viewer is a member of (S2, S3, S7): the roots of their grants and every
 * section below those roots (the closure includes each section itself).
 */
export function grantedSectionIds(viewer: AccessSubject): SQL {
  if (viewer.grantRoots) {
    return sql`(select sc.descendant_id from section_closure sc where sc.ancestor_id = any(${intArray(viewer.grantRoots)}))`;
  }
  return sql`(select sc.descendant_id from section_closure sc where sc.ancestor_id in ${grantRootIds(viewer.id)})`;
}

/**
 * B2: for a viewer narrowed to some sections (AccessSubject.withinSections: a section manager
 * viewing as them), `column` holds one of those sections or a section below them; null for
 * every other viewer (nothing to narrow). Every section predicate here ANDs it in, and group
 * predicates answer false, so nothing outside the manager's own sections is ever read.
 */
function withinScope(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL | null {
  return viewer.withinSections ? inSectionsBelow(viewer.withinSections, column) : null;
}

/** `column` holds one of the sections `roots` or a section below one of them. */
export function inSectionsBelow(roots: readonly number[], column: AnyPgColumn | SQL): SQL {
  return sql`${column} in (select sc_scope.descendant_id from section_closure sc_scope where sc_scope.ancestor_id = any(${intArray(roots)}))`;
}

/** `predicate` and, for a narrowed viewer, `column` within their sections (withinScope). */
function scoped(viewer: AccessSubject, column: AnyPgColumn | SQL, predicate: SQL): SQL {
  const scope = withinScope(viewer, column);
  return scope ? sql`(${predicate} and ${scope})` : predicate;
}

/** Sections where the viewer holds one of these roles, cascaded down the tree (S7). */
export function sectionsWithRole(viewer: AccessSubject, roles: readonly ("manager" | "editor" | "author")[]): SQL {
  const list = sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  );
  const scope = withinScope(viewer, sql`sc.descendant_id`);
  return sql`(
    select sc.descendant_id from section_closure sc
    join section_roles sr on sr.section_id = sc.ancestor_id
    where sr.person_id = ${viewer.id} and sr.role in (${list})${scope ? sql` and ${scope}` : sql``}
  )`;
}

/** The roles a person holds on a section, own or inherited (S7), as an array column. */
export function rolesHeldOn(viewer: AccessSubject, sectionIdColumn: SQL | AnyPgColumn): SQL<("manager" | "editor" | "author")[]> {
  return sql<("manager" | "editor" | "author")[]>`array(
    select distinct sr_held.role::text from section_roles sr_held
    join section_closure sc_held on sc_held.ancestor_id = sr_held.section_id
    where sc_held.descendant_id = ${sectionIdColumn} and sr_held.person_id = ${viewer.id}
  )`;
}

/**
 * True when `column` holds the id of a section the viewer can view (S4–S6).
 * Openness is probed per row (one primary-key lookup) rather than as "in (every open
 * section)", which PostgreSQL would build as a hash of thousands of ids on every query: a
 * cost that grew with the organisation however few rows the query looked at. The probe is
 * a scalar subquery, not EXISTS: PostgreSQL may turn an EXISTS into exactly that hash when
 * it expects the predicate to be tested on many rows (a listing's index walk, which a LIMIT
 * then stops after a page), and did once the benchmark organisation had groups.
 */
export function isVisibleSectionId(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL {
  if (viewer.isWebmaster) return sql`${column} is not null`; // S4
  if (viewer.audience === "external") return scoped(viewer, column, sql`${column} in ${grantedSectionIds(viewer)}`); // S6
  // S5: open (neither it nor an ancestor restricted), or a member.
  return scoped(
    viewer,
    column,
    sql`(coalesce((select not s_open.effectively_restricted from sections s_open where s_open.id = ${column}), false) or ${column} in ${grantedSectionIds(viewer)})`,
  );
}

/**
 * True when a sections row (the table or an alias of it) is one the viewer can view.
 * Reads the row's own effectively_restricted flag, so unlike isVisibleSectionId it never
 * builds the set of every open section: use it wherever the row is already joined.
 */
export function isVisibleSectionRow(viewer: AccessSubject, row: { id: AnyPgColumn | SQL; effectivelyRestricted: AnyPgColumn | SQL }): SQL {
  if (viewer.isWebmaster) return sql`true`; // S4
  if (viewer.audience === "external") return scoped(viewer, row.id, sql`${row.id} in ${grantedSectionIds(viewer)}`); // S6
  return scoped(viewer, row.id, sql`(not ${row.effectivelyRestricted} or ${row.id} in ${grantedSectionIds(viewer)})`); // S5
}

/** Predicate on `sections`: the viewer can view this section. */
export function visibleSections(viewer: AccessSubject): SQL {
  return isVisibleSectionRow(viewer, sections);
}

const externalGroupsSwitchOn = externalSwitchOn("groups");

/**
 * True when the viewer can read content homed in the group in `column` (G1, G3):
 * members always; public groups for organisational people, and for external people
 * only when the Groups switch (E5) is on. Private and secret group content: members only.
 */
export function isReadableGroupId(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL {
  if (viewer.isWebmaster) return sql`${column} is not null`;
  if (viewer.withinSections) return sql`false`; // B2: groups are never within a section manager's sections
  const member = sql`${column} in (select gm.group_id from group_members gm where gm.person_id = ${viewer.id})`;
  // Probed per row, like open sections (a scalar subquery, never hashed): no hash of every public group on every query.
  const publicGroups = sql`coalesce((select g_pub.visibility = 'public' from groups g_pub where g_pub.id = ${column}), false)`;
  if (viewer.audience === "organisational") return sql`(${member} or ${publicGroups})`;
  return sql`(${member} or (${publicGroups} and ${externalGroupsSwitchOn}))`;
}

/**
 * Predicate on `content`: the viewer can view this item (C2). Published items: the home
 * section or any section it is shared into is visible (or its group is readable).
 * Drafts: only the author, editors and managers of the home section (S7 cascade), and
 * for group drafts the group's admins. Webmasters view everything.
 */
export function visibleContent(viewer: AccessSubject): SQL {
  if (viewer.isWebmaster) return sql`true`;
  return sql`(${visiblePublishedContent(viewer)} or ${visibleDraft(viewer)})`;
}

/**
 * Predicate on `content`: a published item the viewer can view (C2). The same rule as
 * visibleContent restricted to published items, for listings that show nothing else: without
 * the draft branch PostgreSQL plans a much smaller query.
 */
export function visiblePublishedContent(viewer: AccessSubject): SQL {
  if (viewer.isWebmaster) return sql`${content.status} = 'published'`;
  return sql`(${content.status} = 'published' and (
    ${isVisibleSectionId(viewer, content.homeSectionId)}
    or exists (
      -- "offset 0" keeps this per item (an index probe on the item's few shares) instead of
      -- hashing every share in every visible section before a listing's first row.
      select 1 from (select cs.section_id from content_shares cs where cs.content_id = ${content.id} offset 0) cs
      where ${isVisibleSectionId(viewer, sql`cs.section_id`)}
    )
    or ${isReadableGroupId(viewer, content.homeGroupId)}
  ))`;
}

/**
 * Predicate on `content` for the listing of one section (items homed in it or shared into
 * it, `sectionId` being that section's id): by C2 such a published item is visible exactly
 * when that section is, so the listing's access is the section's visibility, decided once
 * for the query instead of for every row with the whole of visiblePublishedContent.
 */
export function visibleInSectionListing(viewer: AccessSubject, sectionId: SQL): SQL {
  const listed = isVisibleSectionRow(viewer, { id: sql`s_listed.id`, effectivelyRestricted: sql`s_listed.effectively_restricted` });
  return sql`(${content.status} = 'published' and exists (select 1 from sections s_listed where s_listed.id = ${sectionId} and ${listed}))`;
}

/** Drafts (C4): their author, the home section's editors and managers (S7 cascade), a group draft's admins. */
function visibleDraft(viewer: AccessSubject): SQL {
  const own = scoped(viewer, content.homeSectionId, sql`${content.authorId} = ${viewer.id}`);
  return sql`(${content.status} = 'draft' and (
    ${own}
    or ${content.homeSectionId} in ${sectionsWithRole(viewer, ["editor", "manager"])}
    or ${groupDraftAdmin(viewer)}
  ))`;
}

/** The item's home group is one the viewer administers (G6: its drafts are theirs to see). */
function groupDraftAdmin(viewer: AccessSubject): SQL {
  if (viewer.withinSections) return sql`false`; // B2: groups are never within a section manager's sections
  return sql`${content.homeGroupId} in (select gm.group_id from group_members gm where gm.person_id = ${viewer.id} and gm.is_admin)`;
}

/**
 * Predicate on `content`, for items homed in a group only: visibleContent's rule for a
 * draft there (G6: its author and the group's admins; webmasters). The same answer as
 * visibleContent for such items (they have no home section, so no section role reaches
 * them), in a much smaller query for the group page to plan.
 */
export function visibleGroupDrafts(viewer: AccessSubject): SQL {
  if (viewer.isWebmaster) return sql`${content.status} = 'draft'`;
  if (viewer.withinSections) return sql`false`; // B2
  return sql`(${content.status} = 'draft' and ${content.homeGroupId} is not null and (${content.authorId} = ${viewer.id} or ${groupDraftAdmin(viewer)}))`;
}

/**
 * True when a groups row (the table or an alias of it) may be shown to the viewer, in the
 * directory, on its page or as an item's place (G1: secret groups only to their members;
 * G3: external people see only their own groups unless the Groups switch is on, E5).
 * Reads the row's own visibility, so it never builds a set of every listed group; the
 * viewer's own groups are a small set, read once per query along group_members_person_idx.
 * Someone with a pending invitation sees the group they are invited to (its name and
 * description, to accept or decline, G5), never its content (isReadableGroupId).
 */
export function isVisibleGroupRow(viewer: AccessSubject, row: { id: AnyPgColumn | SQL; visibility: AnyPgColumn | SQL }): SQL {
  if (viewer.isWebmaster) return sql`true`;
  if (viewer.withinSections) return sql`false`; // B2: groups are never within a section manager's sections
  const member = sql`(${row.id} in (select gm_v.group_id from group_members gm_v where gm_v.person_id = ${viewer.id})
    or ${row.id} in (select gi_v.group_id from group_invitations gi_v where gi_v.person_id = ${viewer.id} and gi_v.status = 'pending'))`;
  const listed = sql`${row.visibility} <> 'secret'`;
  if (viewer.audience === "organisational") return sql`(${listed} or ${member})`;
  return sql`(${member} or (${listed} and ${externalGroupsSwitchOn}))`;
}

/**
 * For an external viewer, the only groups isVisibleGroupRow can pass, as two conditions on
 * `groups` for the two halves of a union: their own groups (member or invited: a handful),
 * and the listed groups that are not theirs, only while the Groups switch is on (E5; a
 * one-time test, so with it off that half is never scanned). A listing in name order then
 * stops after a page instead of testing every group in the organisation to find their few.
 * The caller still ANDs isVisibleGroupRow in: this narrows, it does not decide.
 */
export function externalGroupCandidates(viewer: AccessSubject): { own: SQL; listed: SQL } {
  const own = sql`(select gm_c.group_id from group_members gm_c where gm_c.person_id = ${viewer.id}
    union select gi_c.group_id from group_invitations gi_c where gi_c.person_id = ${viewer.id} and gi_c.status = 'pending')`;
  if (viewer.withinSections) return { own: sql`false`, listed: sql`false` }; // B2
  return {
    own: sql`${groups.id} in ${own}`,
    listed: sql`(${groups.visibility} <> 'secret' and ${externalGroupsSwitchOn} and ${groups.id} not in ${own})`,
  };
}

/** Predicate on `groups`: the group may be shown to the viewer (G1, G3; isVisibleGroupRow). */
export function visibleGroups(viewer: AccessSubject): SQL {
  return isVisibleGroupRow(viewer, groups);
}
