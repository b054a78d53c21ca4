import "server-only";
/**
 * The read side of groups (G1, G3, G6, E5, C5): the directory and a group's page, each one
 * query with the viewer's predicate ANDed in (lib/access/filters.ts: isVisibleGroupRow for
 * whether a group may be shown at all, isReadableGroupId for whether its content and members
 * may be read).
 *
 * Performance notes (20 000 groups): the directory walks groups in (name, id) order and
 * sorts what passes the filters; an index on (name, id), and a trigram index on name for the
 * search (like people_name_trgm_idx), would let it stop after a page, but both need a
 * migration, which belongs with the groups write side. Counts are per shown row, along
 * group_members' primary key.
 */
import { type SQL, and, eq, sql } from "drizzle-orm";
import { type Db, getDb, withGenericPlans } from "@/db/client";
import { jsonColumn } from "@/db/sql";
import { groups } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { profileLink } from "@/lib/people/profile-link";
import { type GroupRole, groupRoleIn } from "@/lib/access/group-roles";
import { externalGroupCandidates, isReadableGroupId, isVisibleGroupRow } from "@/lib/access/filters";
import { type ContentSummary, type Page, type SectionListingValue, groupDraftsColumn, groupListingColumn, sectionListingPage } from "@/lib/content/listings";
import { type Lookup, NOT_FOUND, ok } from "@/lib/lookup";
import { type GroupFilesColumns, type GroupFilesPage, groupFilesColumns, groupFilesPage } from "@/lib/group-docs/queries";
import { escapeLike } from "@/lib/people/search";
import type { GroupDirectoryParams, GroupFilter } from "./directory-params";
import { type MembershipState, membershipStateColumns, toMembershipState } from "./membership-state";
import type { AccessSubject } from "@/lib/access/types";
import { preparedPerShape, shapeName, subjectValues } from "@/lib/access/statement-per-shape";

export type GroupVisibility = (typeof groups.visibility.enumValues)[number];
/** The viewer's place in a group. */
export type GroupMembership = GroupRole;

export const GROUP_PAGE_SIZE = 24;
/** A group page lists this many members (admins first); the rest are counted, never read (a group may have 10 000). */
export const GROUP_MEMBER_LIMIT = 50;
/** A group page lists at most this many drafts (most recently changed first). */
export const GROUP_DRAFT_LIMIT = 10;
/** How much of a description a directory card reads (it shows a clamp of it). */
const CARD_DESCRIPTION_LENGTH = 400;

export interface GroupCard {
  id: number;
  slug: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  memberCount: number;
  membership: GroupMembership;
}

/** How many members the group has: a figure about a group the viewer may see, counted along the primary key. */
function memberCountOf(groupId: SQL | typeof groups.id): SQL<number> {
  return sql<number>`(select count(*)::int from group_members gm_n where gm_n.group_id = ${groupId})`;
}

function filterCondition(viewer: AccessSubject, filter: GroupFilter): SQL | undefined {
  switch (filter) {
    case "mine":
      return sql`${groups.id} in (select gm_mine.group_id from group_members gm_mine where gm_mine.person_id = ${viewer.id})`;
    case "public":
    case "private":
    case "secret":
      return eq(groups.visibility, filter);
    default:
      return undefined;
  }
}

/** The directory continues after the last card shown: its name, then its id. */
const directoryCursor = cursorCodec({ name: "text", id: "int" });

/**
 * The groups directory (G1, G3, E5): the groups the viewer may see (public and private ones
 * to everyone with Groups access, secret ones to their members, all to webmasters; external
 * people without the Groups switch only their own), filtered and searched by name, a page at
 * a time in name order.
 */
export async function listGroups(viewer: AccessSubject, params: Pick<GroupDirectoryParams, "filter" | "q" | "after">, limit = GROUP_PAGE_SIZE): Promise<Page<GroupCard>> {
  const rows = await groupDirectoryQuery(await getDb(), viewer, params, limit);
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? items[items.length - 1]! : null;
  return { items, next: last ? directoryCursor.encode({ name: last.name, id: last.id }) : null };
}

/** An external viewer's candidate groups (externalGroupCandidates) as the table "groups" the directory reads. */
function externalCandidates(db: Db, viewer: AccessSubject) {
  const { own, listed } = externalGroupCandidates(viewer);
  return db.select().from(groups).where(own).unionAll(db.select().from(groups).where(listed)).as("groups");
}

/** listGroups' one query (a page and one more row), unexecuted, so benchmarks can EXPLAIN it. */
export function groupDirectoryQuery(db: Db, viewer: AccessSubject, params: Pick<GroupDirectoryParams, "filter" | "q" | "after">, limit = GROUP_PAGE_SIZE) {
  const after = directoryCursor.decode(params.after);
  return db
    .select({
      id: groups.id,
      slug: groups.slug,
      name: groups.name,
      description: sql<string>`left(${groups.description}, ${CARD_DESCRIPTION_LENGTH})`,
      visibility: groups.visibility,
      memberCount: memberCountOf(groups.id),
      membership: groupRoleIn(viewer, groups.id),
    })
    // An external person's few groups (and the listed ones only with the switch on) are read
    // directly, not found by testing every group.
    .from(viewer.audience === "external" && !viewer.isWebmaster ? externalCandidates(db, viewer) : groups)
    .where(
      and(
        isVisibleGroupRow(viewer, groups),
        // Only webmasters are offered Secret; for anyone else it could only ever name their own groups.
        params.filter === "secret" && !viewer.isWebmaster ? sql`false` : filterCondition(viewer, params.filter),
        params.q ? sql`${groups.name} ilike ${`%${escapeLike(params.q)}%`} escape '\\'` : undefined,
        after ? sql`(${groups.name}, ${groups.id}) > (${after.name}, ${after.id}::int)` : undefined,
      ),
    )
    .orderBy(groups.name, groups.id)
    .limit(limit + 1);
}

export interface GroupMember {
  id: string;
  name: string;
  isAdmin: boolean;
  /** The viewer may open the member's profile (profileLink: E4, E5). */
  linked: boolean;
  /** Read only when `linked`. */
  imageId: string | null;
}

interface GroupView {
  id: number;
  slug: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  memberCount: number;
  membership: GroupMembership;
  /** G5: group admins and webmasters manage the group (the manage pages decide again). */
  canManage: boolean;
  /** G1 G3 G5: what the membership controls offer (join, ask, accept, leave); the actions decide again. */
  membershipState: MembershipState;
}

/**
 * A group's page as the viewer may see it: "full" (members, public groups they may read,
 * webmasters: members and content) or "summary" (a private group they are not in: name,
 * description, visibility, member count, and the way to ask to join; no content, no members).
 */
export type GroupPage =
  | (GroupView & { access: "summary" })
  | (GroupView & {
      access: "full";
      /** The first GROUP_MEMBER_LIMIT members, admins first, then by name; memberCount counts them all. */
      members: GroupMember[];
      /** A page of the group's published items, newest first. */
      content: Page<ContentSummary>;
      /** Drafts the viewer may see (their own; every draft for the group's admins and webmasters), first page only. */
      drafts: ContentSummary[];
      /** A page of the group's files (G7), and whether the viewer may upload one. */
      files: GroupFilesPage;
      /** Whether the viewer follows the group (K4): the page's Follow button, read in the same query. */
      following: boolean;
    });

/** Where the group page's two lists start: its content (`cursor`) and its files. */
export interface GroupPageOptions {
  cursor?: string | null;
  filesCursor?: string | null;
}

/**
 * One group's page by slug, decided in one query (G1, G3, G6, E5, C5): not-found for a
 * group that does not exist and, answered identically, for one the viewer may not see
 * (secret and not theirs; any group not theirs for an external person without the Groups
 * switch); otherwise the group, and its members and content only when the viewer may read
 * them. Members and content are columns of the same query, read only when readable.
 */
export async function getGroupPage(viewer: AccessSubject, slug: string, options: GroupPageOptions = {}): Promise<Lookup<GroupPage>> {
  if (!slug || slug.length > 200) return NOT_FOUND;
  // One generic plan (db/connect.ts withGenericPlans): measured 1 ms a page against 4–8 planned each time.
  const db = withGenericPlans(await getDb());
  // A first page's statement is built once per viewer shape (lib/access/statement-per-shape.ts).
  const statement = options.cursor || options.filesCursor ? null : groupPageStatement(db, viewer);
  const [row] = statement ? await statement.execute({ ...subjectValues(viewer), slug }) : await groupPageQuery(db, viewer, slug, options);
  if (!row || !row.visible || row.name === null || row.visibility === null) return NOT_FOUND;
  const membership = row.membership;
  const view: GroupView = {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description ?? "",
    visibility: row.visibility,
    memberCount: Number(row.memberCount ?? 0),
    membership,
    canManage: viewer.isWebmaster || membership === "admin",
    membershipState: toMembershipState(membership, row),
  };
  if (!row.readable) return ok({ ...view, access: "summary" });
  return ok({
    ...view,
    access: "full",
    members: (jsonColumn(row.members) ?? []).map((m) => ({ id: m.id, name: m.name, isAdmin: m.isAdmin === true, linked: m.linked === true, imageId: m.imageId ?? null })),
    content: sectionListingPage(row.content),
    drafts: sectionListingPage(row.drafts, GROUP_DRAFT_LIMIT).items,
    files: groupFilesPage({ files: row.files, mayUploadFile: row.mayUploadFile === true }),
    following: row.following === true,
  });
}

/** A group's first page, prepared for a viewer shape, with the slug a placeholder ("slug"). */
const groupPageStatement = preparedPerShape((db: Db, subject, shape) =>
  groupPageQuery(db, subject, sql.placeholder("slug") as unknown as string).prepare(`portico_group_page_${shapeName(shape)}`),
);

/** getGroupPage's one query, unexecuted, so benchmarks can EXPLAIN exactly what the page runs. */
export function groupPageQuery(db: Db, viewer: AccessSubject, slug: string, options: GroupPageOptions = {}) {
  const groupId = sql`${groups.id}`;
  const files = groupFilesColumns(db, viewer, groupId, options.filesCursor);
  // P6: each name links to the profile, with the photo, only when the viewer may open it (profileLink).
  const members = sql<GroupMember[] | string | null>`(select coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'isAdmin', m.is_admin, 'linked', m.linked, 'imageId', case when m.linked then m.image_id end) order by m.is_admin desc, m.name, m.id), '[]')
    from (select p.id, p.name, p.image_id, ${profileLink(viewer, sql`p.id`, sql`p.blocked`)} as linked, gm_l.is_admin from group_members gm_l join people p on p.id = gm_l.person_id
      where gm_l.group_id = ${groupId}
      order by gm_l.is_admin desc, p.name, p.id
      limit ${GROUP_MEMBER_LIMIT}) m)`;
  return db
    .select({
      id: groups.id,
      slug: groups.slug,
      visible: sql<boolean>`gv.visible`,
      readable: sql<boolean>`gv.readable`,
      // Nothing of a group the viewer may not see leaves the database, not even its name (C5).
      name: sql<string | null>`case when gv.visible then ${groups.name} end`,
      description: sql<string | null>`case when gv.visible then ${groups.description} end`,
      visibility: sql<GroupVisibility | null>`case when gv.visible then ${groups.visibility} end`,
      memberCount: sql<number | null>`case when gv.visible then ${memberCountOf(groupId)} end`,
      membership: groupRoleIn(viewer, groupId),
      ...membershipStateColumns(viewer),
      members: sql<GroupMember[] | string | null>`case when gv.visible and gv.readable then ${members} end`,
      content: sql<SectionListingValue>`case when gv.visible and gv.readable then ${groupListingColumn(db, viewer, groupId, options.cursor)} end`,
      drafts: sql<SectionListingValue>`case when gv.visible and gv.readable and ${options.cursor ? sql`false` : sql`true`} then ${groupDraftsColumn(db, viewer, groupId, GROUP_DRAFT_LIMIT)} end`,
      files: sql<GroupFilesColumns["files"]>`case when gv.visible and gv.readable then ${files.files} end`,
      mayUploadFile: sql<boolean | null>`case when gv.visible and gv.readable then ${files.mayUploadFile} end`,
      following: sql<boolean>`gv.visible and gv.readable and exists (select 1 from follows f_fl where f_fl.group_id = ${groupId} and f_fl.person_id = ${viewer.id})`,
    })
    .from(groups)
    .innerJoinLateral(sql`(select ${isVisibleGroupRow(viewer, groups)} as visible, ${isReadableGroupId(viewer, groupId)} as readable offset 0) gv`, sql`true`)
    .where(eq(groups.slug, slug))
    .limit(1);
}
