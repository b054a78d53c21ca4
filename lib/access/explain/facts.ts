import "server-only";
/**
 * B1: the facts an explanation is made of, read from the database. Two kinds, kept apart on
 * purpose: the verdict, decided by the very predicates the pages use (lib/access/filters.ts,
 * group-docs.ts) for the person as a subject; and the provenance of each grant (which
 * membership, role or team, on which section), read straight from the membership tables for
 * the explanation only. A test holds the two to agreement on random organisations
 * (lib/access/testing/explain-check.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { intArray, isUuid, textArray, uuidArray } from "@/db/sql";
import { externalSwitchOn } from "../external-access";
import { isReadableGroupId, isVisibleGroupRow, isVisibleSectionRow, visibleContent } from "../filters";
import { readableGroupFiles } from "../group-docs";
import { isVisibleTeamId } from "../teams";
import type { AccessSubject } from "../types";
import type { GroupRef, SectionRef, SectionRole, TeamRef } from "./types";

export interface PersonFacts {
  id: string;
  name: string;
  audience: "organisational" | "external";
  isWebmaster: boolean;
  blocked: boolean;
  /** The teams they are a member of themselves (P5: no inheritance). */
  teamIds: number[];
}

/** The person as the predicates take them: without grantRoots, so each query computes their grants itself. */
export function subjectOf(person: PersonFacts): AccessSubject {
  return { id: person.id, audience: person.audience, isWebmaster: person.isWebmaster };
}

export async function readPerson(db: Db, personId: string): Promise<PersonFacts | null> {
  if (!isUuid(personId)) return null;
  const [row] = rowsOf<{ id: string; name: string; audience: "organisational" | "external"; roles: string[] | string; blocked: boolean; team_ids: number[] | string }>(
    await db.execute(sql`
      select p.id, p.name, p.audience, p.roles, p.blocked,
        array(select tm.team_id from team_members tm where tm.person_id = p.id order by tm.team_id) as team_ids
      from people p where p.id = ${personId}::uuid`),
  );
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    audience: row.audience,
    isWebmaster: row.audience === "organisational" && textArray(row.roles).includes("webmaster"),
    blocked: row.blocked,
    teamIds: textArray(row.team_ids as string[] | string).map(Number),
  };
}

// ---------------------------------------------------------------------------------
// The verdicts: the pages' predicates, for the person.
// ---------------------------------------------------------------------------------

export interface SectionFacts {
  id: number;
  title: string;
  slug: string;
  effectivelyRestricted: boolean;
  canView: boolean;
}

export async function decideSection(db: Db, subject: AccessSubject, id: number): Promise<SectionFacts | null> {
  if (!Number.isSafeInteger(id)) return null;
  const visible = isVisibleSectionRow(subject, { id: sql`s.id`, effectivelyRestricted: sql`s.effectively_restricted` });
  const [row] = rowsOf<{ id: number; title: string; slug: string; effectively_restricted: boolean; can_view: boolean }>(
    await db.execute(sql`select s.id, s.title, s.slug, s.effectively_restricted, (${visible}) as can_view from sections s where s.id = ${id}`),
  );
  return row ? { id: Number(row.id), title: row.title, slug: row.slug, effectivelyRestricted: row.effectively_restricted, canView: row.can_view === true } : null;
}

export interface ItemFacts {
  id: string;
  title: string;
  status: "draft" | "published";
  authorId: string | null;
  homeSectionId: number | null;
  homeGroupId: number | null;
  shareIds: number[];
  canView: boolean;
}

export async function decideItem(db: Db, subject: AccessSubject, id: string): Promise<ItemFacts | null> {
  if (!isUuid(id)) return null;
  // visibleContent names the table's own columns ("content"."status"): no alias here.
  const [row] = rowsOf<{ id: string; title: string; status: "draft" | "published"; author_id: string | null; home_section_id: number | null; home_group_id: number | null; share_ids: number[] | string; can_view: boolean }>(
    await db.execute(sql`
      select content.id, content.title, content.status, content.author_id, content.home_section_id, content.home_group_id,
        array(select cs.section_id from content_shares cs where cs.content_id = content.id order by cs.section_id) as share_ids,
        (${visibleContent(subject)}) as can_view
      from content where content.id = ${id}::uuid`),
  );
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    authorId: row.author_id,
    homeSectionId: row.home_section_id === null ? null : Number(row.home_section_id),
    homeGroupId: row.home_group_id === null ? null : Number(row.home_group_id),
    shareIds: textArray(row.share_ids as string[] | string).map(Number),
    canView: row.can_view === true,
  };
}

export interface GroupFacts {
  id: number;
  name: string;
  slug: string;
  visibility: "public" | "private" | "secret";
  /** Reads its content (G1, G3, G6). */
  canRead: boolean;
  /** Is shown the group at all (G1, G3). */
  listed: boolean;
  /** Their membership: null when not a member. */
  admin: boolean | null;
  requested: boolean;
  invited: boolean;
  /** E5: the Groups switch for external people. */
  switchOn: boolean;
}

export async function decideGroup(db: Db, subject: AccessSubject, id: number): Promise<GroupFacts | null> {
  if (!Number.isSafeInteger(id)) return null;
  const [row] = rowsOf<{ id: number; name: string; slug: string; visibility: GroupFacts["visibility"]; can_read: boolean; listed: boolean; admin: boolean | null; requested: boolean; invited: boolean; switch_on: boolean }>(
    await db.execute(sql`
      select g.id, g.name, g.slug, g.visibility,
        (${isReadableGroupId(subject, sql`g.id`)}) as can_read,
        (${isVisibleGroupRow(subject, { id: sql`g.id`, visibility: sql`g.visibility` })}) as listed,
        (select gm.is_admin from group_members gm where gm.group_id = g.id and gm.person_id = ${subject.id}) as admin,
        exists (select 1 from group_join_requests r where r.group_id = g.id and r.person_id = ${subject.id} and r.status = 'pending') as requested,
        exists (select 1 from group_invitations i where i.group_id = g.id and i.person_id = ${subject.id} and i.status = 'pending') as invited,
        (${externalSwitchOn("groups")}) as switch_on
      from groups g where g.id = ${id}`),
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    name: row.name,
    slug: row.slug,
    visibility: row.visibility,
    canRead: row.can_read === true,
    listed: row.listed === true,
    admin: row.admin,
    requested: row.requested === true,
    invited: row.invited === true,
    switchOn: row.switch_on === true,
  };
}

export interface FileFacts {
  id: string;
  name: string;
  groupId: number;
  canView: boolean;
}

export async function decideFile(db: Db, subject: AccessSubject, id: string): Promise<FileFacts | null> {
  if (!isUuid(id)) return null;
  const [row] = rowsOf<{ id: string; name: string; group_id: number; can_view: boolean }>(
    await db.execute(sql`select group_files.id, group_files.name, group_files.group_id, (${readableGroupFiles(subject)}) as can_view from group_files where group_files.id = ${id}::uuid`),
  );
  return row ? { id: row.id, name: row.name, groupId: Number(row.group_id), canView: row.can_view === true } : null;
}

// ---------------------------------------------------------------------------------
// The provenance: which membership reaches which section.
// ---------------------------------------------------------------------------------

export interface RawSectionGrant {
  /** Whose grant it is; null for a team's own grants (readTeamGrants). */
  personId: string | null;
  /** The section reached. */
  sectionId: number;
  /** The section the grant is made on: it, or one above it (S3). */
  atId: number;
  kind: "member" | "role" | "team";
  role: SectionRole | null;
  /** For a team grant: the person's own team, the team added, and how far above theirs that is. */
  ownTeamId: number | null;
  addedTeamId: number | null;
  teamDepth: number;
  includeChildren: boolean;
}

type GrantRow = { person_id: string | null; section_id: number; at_id: number; kind: RawSectionGrant["kind"]; role: SectionRole | null; own_team_id: number | null; added_team_id: number | null; team_depth: number; include_children: boolean };

function grantOfRow(r: GrantRow): RawSectionGrant {
  return {
    personId: r.person_id,
    sectionId: Number(r.section_id),
    atId: Number(r.at_id),
    kind: r.kind,
    role: r.role,
    ownTeamId: r.own_team_id === null ? null : Number(r.own_team_id),
    addedTeamId: r.added_team_id === null ? null : Number(r.added_team_id),
    teamDepth: Number(r.team_depth),
    includeChildren: r.include_children === true,
  };
}

/**
 * Every grant of the person that reaches each of `sectionIds` (S2, S3, S7): the same three
 * sources as grantRootIds (lib/access/filters.ts), each row kept with where it comes from.
 */
export async function readSectionGrants(db: Db, personId: string, sectionIds: readonly number[]): Promise<RawSectionGrant[]> {
  if (!sectionIds.length) return [];
  return readPeopleGrants(db, [personId], sectionIds);
}

/**
 * Every grant of each of `personIds` (readSectionGrants for many people), on `sectionIds` or,
 * when null, on every section a grant reaches: for an external person (S6) those are exactly
 * the sections they can view.
 */
export async function readPeopleGrants(db: Db, personIds: readonly string[], sectionIds: readonly number[] | null): Promise<RawSectionGrant[]> {
  if (!personIds.length) return [];
  const people = sql`any(${uuidArray(personIds)})`;
  const reached = sectionIds === null ? sql`true` : sql`sc.descendant_id = any(${intArray(sectionIds)})`;
  const rows = rowsOf<GrantRow>(
    await db.execute(sql`
      select smp.person_id::text as person_id, sc.descendant_id as section_id, sc.ancestor_id as at_id, 'member' as kind, null::text as role,
        null::int as own_team_id, null::int as added_team_id, 0 as team_depth, false as include_children
      from section_closure sc join section_member_people smp on smp.section_id = sc.ancestor_id
      where ${reached} and smp.person_id = ${people}
      union all
      select sr.person_id::text, sc.descendant_id, sc.ancestor_id, 'role', sr.role::text, null::int, null::int, 0, false
      from section_closure sc join section_roles sr on sr.section_id = sc.ancestor_id
      where ${reached} and sr.person_id = ${people}
      union all
      select tm.person_id::text, sc.descendant_id, sc.ancestor_id, 'team', null::text, tm.team_id, smt.team_id, tc.depth, smt.include_children
      from section_closure sc
      join section_member_teams smt on smt.section_id = sc.ancestor_id
      join team_closure tc on tc.ancestor_id = smt.team_id
      join team_members tm on tm.team_id = tc.descendant_id
      where ${reached} and tm.person_id = ${people} and (tc.depth = 0 or smt.include_children)`),
  );
  return rows.map(grantOfRow);
}

/**
 * What membership of one team gives (S2, S3): each section it reaches through the team itself
 * being added, or a team above it added with its child teams, cascading down the section tree.
 */
export async function readTeamGrants(db: Db, teamId: number): Promise<RawSectionGrant[]> {
  const rows = rowsOf<GrantRow>(
    await db.execute(sql`
      select null::text as person_id, sc.descendant_id as section_id, sc.ancestor_id as at_id, 'team' as kind, null::text as role,
        tc.descendant_id as own_team_id, smt.team_id as added_team_id, tc.depth as team_depth, smt.include_children
      from team_closure tc
      join section_member_teams smt on smt.team_id = tc.ancestor_id
      join section_closure sc on sc.ancestor_id = smt.section_id
      where tc.descendant_id = ${teamId} and (tc.depth = 0 or smt.include_children)`),
  );
  return rows.map(grantOfRow);
}

/** Each of `teamIds` with the teams above it, nearest first (the team itself excluded): the chain a team grant is read along. */
export async function readTeamAncestors(db: Db, teamIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!teamIds.length) return out;
  const rows = rowsOf<{ team_id: number; ancestor_id: number }>(
    await db.execute(sql`select tc.descendant_id as team_id, tc.ancestor_id from team_closure tc where tc.descendant_id = any(${intArray(teamIds)}) and tc.depth > 0 order by tc.descendant_id, tc.depth`),
  );
  for (const r of rows) {
    const list = out.get(Number(r.team_id)) ?? [];
    list.push(Number(r.ancestor_id));
    out.set(Number(r.team_id), list);
  }
  return out;
}

// ---------------------------------------------------------------------------------
// Names, as the asker may read them.
// ---------------------------------------------------------------------------------

export interface SectionNames {
  ref: SectionRef;
  /** Restricted itself (S5). */
  restricted: boolean;
  /** The sections above it, nearest first, each as its own ref (for a block that names a restricted ancestor). */
  above: SectionNames[];
}

/**
 * Each section of `ids` as the asker may name it: its title and trail where the asker can view
 * them (isVisibleSectionRow for the asker), null where not.
 */
export async function readSectionNames(db: Db, asker: AccessSubject, ids: readonly number[]): Promise<Map<number, SectionNames>> {
  const out = new Map<number, SectionNames>();
  const wanted = [...new Set(ids)];
  if (!wanted.length) return out;
  const visible = isVisibleSectionRow(asker, { id: sql`s.id`, effectivelyRestricted: sql`s.effectively_restricted` });
  const rows = rowsOf<{ of_id: number; depth: number; id: number; title: string; slug: string; restricted: boolean; visible: boolean }>(
    await db.execute(sql`
      select sc.descendant_id as of_id, sc.depth, s.id, s.title, s.slug, s.restricted, (${visible}) as visible
      from section_closure sc join sections s on s.id = sc.ancestor_id
      where sc.descendant_id = any(${intArray(wanted)})
      order by sc.descendant_id, sc.depth desc`),
  );
  const byOf = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = byOf.get(Number(r.of_id)) ?? [];
    list.push(r);
    byOf.set(Number(r.of_id), list);
  }
  for (const [ofId, chain] of byOf) {
    // chain: from the top down to the section itself.
    const names: SectionNames[] = [];
    chain.forEach((r, i) => {
      const trail = chain.slice(0, i + 1).map((x) => (x.visible ? x.title : null));
      names.push({
        ref: { id: Number(r.id), name: r.visible ? r.title : null, trail, href: r.visible ? `/sections/${r.slug}` : null },
        restricted: r.restricted === true,
        above: names.slice().reverse(),
      });
    });
    out.set(ofId, names[names.length - 1]!);
  }
  return out;
}

/** Teams as the asker may name them (isVisibleTeamId for the asker, P5 E5). */
export async function readTeamNames(db: Db, asker: AccessSubject, ids: readonly number[]): Promise<Map<number, TeamRef>> {
  const out = new Map<number, TeamRef>();
  const wanted = [...new Set(ids)];
  if (!wanted.length) return out;
  const rows = rowsOf<{ id: number; name: string; key: string; visible: boolean }>(
    await db.execute(sql`select t.id, t.name, t.key, (${isVisibleTeamId(asker, sql`t.id`)}) as visible from teams t where t.id = any(${intArray(wanted)})`),
  );
  for (const r of rows) out.set(Number(r.id), { id: Number(r.id), name: r.visible ? r.name : null, href: r.visible ? `/teams/${r.key}` : null });
  return out;
}

/** A group as the asker may name it (isVisibleGroupRow for the asker, G1 G3). */
export async function readGroupName(db: Db, asker: AccessSubject, group: Pick<GroupFacts, "id" | "name" | "slug" | "visibility">): Promise<GroupRef> {
  const [row] = rowsOf<{ visible: boolean }>(
    await db.execute(sql`select (${isVisibleGroupRow(asker, { id: sql`g.id`, visibility: sql`g.visibility` })}) as visible from groups g where g.id = ${group.id}`),
  );
  const visible = row?.visible === true;
  return { id: group.id, name: visible ? group.name : null, href: visible ? `/groups/${group.slug}` : null, visibility: group.visibility };
}
