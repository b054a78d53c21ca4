import "server-only";
/**
 * The reads of group administration and of the viewer's own place in groups (G1, G3,
 * G5). Each takes the viewer and ANDs its predicate in SQL (lib/access): the manage page
 * answers 404 to whoever may not see the group — a secret group's outsider gets exactly
 * what an unknown address gets (C5) — and 403 to those who see it but do not administer it.
 */
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "@/db/client";
import { groupInvitations, groupJoinRequests, groupMembers, groups, people } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { visibleGroups } from "@/lib/access/filters";
import { groupRelation } from "@/lib/access/policies";
import type { AccessSubject } from "@/lib/access/types";
import { type Lookup, FORBIDDEN, NOT_FOUND, ok } from "@/lib/lookup";
import type { GroupVisibility } from "./schemas";

export interface ManagedGroup {
  id: number;
  slug: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  memberCount: number;
  adminCount: number;
  /** Published items homed in the group: what a change of visibility exposes or hides (G1). */
  publishedItems: number;
  /** Every item homed in the group: what deleting it takes with it. */
  items: number;
}

/** A group by its address, for the pages about one group: the group, 404 (unknown or not visible), or 403 (visible, not administered). */
async function groupBySlug(viewer: AccessSubject, slug: string, db: Db) {
  const [row] = await db
    .select({ id: groups.id, slug: groups.slug, name: groups.name, description: groups.description, visibility: groups.visibility, manages: groupRelation(viewer, "admin").mapWith(Boolean) })
    .from(groups)
    .where(and(eq(groups.slug, slug), visibleGroups(viewer)))
    .limit(1);
  return row ?? null;
}

/** The manage page's group (G5): admins and webmasters; 404 for whoever may not see it, 403 for the others. */
export async function getGroupManagement(viewer: AccessSubject, slug: string): Promise<Lookup<ManagedGroup>> {
  const db = await getDb();
  const group = await groupBySlug(viewer, slug, db);
  if (!group) return NOT_FOUND;
  if (!group.manages) return FORBIDDEN;
  const [counts] = await db
    .select({
      memberCount: sql<number>`(select count(*)::int from group_members m where m.group_id = ${group.id})`,
      adminCount: sql<number>`(select count(*)::int from group_members m where m.group_id = ${group.id} and m.is_admin)`,
      publishedItems: sql<number>`(select count(*)::int from content c where c.home_group_id = ${group.id} and c.status = 'published')`,
      items: sql<number>`(select count(*)::int from content c where c.home_group_id = ${group.id})`,
    })
    .from(groups)
    .where(eq(groups.id, group.id));
  const { manages: _manages, ...rest } = group;
  return ok({ ...rest, ...counts! });
}

export interface GroupMemberRow {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  isAdmin: boolean;
}

export const MEMBERS_PAGE_SIZE = 50;
const memberCursor = cursorCodec({ name: "text", id: "uuid" });

/**
 * One page of a group's members, admins first, then by name (keyset: a group of 10 000
 * members costs what a group of 50 does). Only for its admins and webmasters: the caller
 * has the group from getGroupManagement.
 */
export async function groupMembersPage(groupId: number, rawCursor?: string | null): Promise<{ rows: GroupMemberRow[]; next: string | null }> {
  const db = await getDb();
  const cursor = memberCursor.decode(rawCursor);
  const sortName = sql`lower(${people.name})`;
  const rows = await db
    .select({ id: people.id, name: people.name, email: people.email, audience: people.audience, isAdmin: groupMembers.isAdmin, sortName: sql<string>`${sortName}` })
    .from(groupMembers)
    .innerJoin(people, eq(people.id, groupMembers.personId))
    .where(and(eq(groupMembers.groupId, groupId), cursor ? or(gt(sortName, cursor.name), and(eq(sortName, cursor.name), gt(people.id, cursor.id))) : undefined))
    .orderBy(asc(sortName), asc(people.id))
    .limit(MEMBERS_PAGE_SIZE + 1);
  const more = rows.length > MEMBERS_PAGE_SIZE;
  const page = rows.slice(0, MEMBERS_PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page.map(({ sortName: _s, ...r }) => r), next: more && last ? memberCursor.encode({ name: last.sortName, id: last.id }) : null };
}

/** A group's admins (few; shown first on the manage page whatever page of members is open). */
export async function groupAdmins(groupId: number): Promise<GroupMemberRow[]> {
  const db = await getDb();
  return db
    .select({ id: people.id, name: people.name, email: people.email, audience: people.audience, isAdmin: groupMembers.isAdmin })
    .from(groupMembers)
    .innerJoin(people, eq(people.id, groupMembers.personId))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.isAdmin, true)))
    .orderBy(asc(sql`lower(${people.name})`), asc(people.id))
    .limit(200);
}

export interface PendingRequestRow {
  id: number;
  personId: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  message: string;
  createdAt: Date;
}

export const PENDING_LIMIT = 200;

/** G1: the group's pending requests, oldest first, with the requester's note (admins only: the caller checked). */
export async function pendingRequests(groupId: number): Promise<PendingRequestRow[]> {
  const db = await getDb();
  return db
    .select({ id: groupJoinRequests.id, personId: people.id, name: people.name, email: people.email, audience: people.audience, message: groupJoinRequests.message, createdAt: groupJoinRequests.createdAt })
    .from(groupJoinRequests)
    .innerJoin(people, eq(people.id, groupJoinRequests.personId))
    .where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.status, "pending")))
    .orderBy(asc(groupJoinRequests.createdAt), asc(groupJoinRequests.id))
    .limit(PENDING_LIMIT);
}

export interface PendingInvitationRow {
  id: number;
  personId: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  invitedByName: string | null;
  createdAt: Date;
}

/** G5: the group's pending invitations (admins only: the caller checked). */
export async function pendingInvitations(groupId: number): Promise<PendingInvitationRow[]> {
  const db = await getDb();
  const inviter = alias(people, "inviter");
  return db
    .select({
      id: groupInvitations.id,
      personId: people.id,
      name: people.name,
      email: people.email,
      audience: people.audience,
      invitedByName: inviter.name,
      createdAt: groupInvitations.createdAt,
    })
    .from(groupInvitations)
    .innerJoin(people, eq(people.id, groupInvitations.personId))
    .leftJoin(inviter, eq(inviter.id, groupInvitations.invitedBy))
    .where(and(eq(groupInvitations.groupId, groupId), eq(groupInvitations.status, "pending")))
    .orderBy(asc(groupInvitations.createdAt), asc(groupInvitations.id))
    .limit(PENDING_LIMIT);
}

export interface OwnWaitingRow {
  groupId: number;
  slug: string;
  name: string;
  visibility: GroupVisibility;
  createdAt: Date;
  /** Invitations: who invited (null when they have since gone). */
  invitedByName?: string | null;
  message?: string;
}

/**
 * The viewer's pending invitations and requests (G1, G5), for "Invitations and requests".
 * Only groups the viewer may see now: a request to a group that became secret since is
 * not named (C5); an invitation shows its group (visibleGroups lets invitees see it).
 */
export async function ownInvitationsAndRequests(viewer: AccessSubject): Promise<{ invitations: OwnWaitingRow[]; requests: OwnWaitingRow[] }> {
  const db = await getDb();
  const inviter = alias(people, "inviter");
  const [invitations, requests] = await Promise.all([
    db
      .select({ groupId: groups.id, slug: groups.slug, name: groups.name, visibility: groups.visibility, createdAt: groupInvitations.createdAt, invitedByName: inviter.name })
      .from(groupInvitations)
      .innerJoin(groups, eq(groups.id, groupInvitations.groupId))
      .leftJoin(inviter, eq(inviter.id, groupInvitations.invitedBy))
      .where(and(eq(groupInvitations.personId, viewer.id), eq(groupInvitations.status, "pending"), visibleGroups(viewer)))
      .orderBy(asc(groupInvitations.createdAt))
      .limit(PENDING_LIMIT),
    db
      .select({ groupId: groups.id, slug: groups.slug, name: groups.name, visibility: groups.visibility, createdAt: groupJoinRequests.createdAt, message: groupJoinRequests.message })
      .from(groupJoinRequests)
      .innerJoin(groups, eq(groups.id, groupJoinRequests.groupId))
      .where(and(eq(groupJoinRequests.personId, viewer.id), eq(groupJoinRequests.status, "pending"), visibleGroups(viewer)))
      .orderBy(asc(groupJoinRequests.createdAt))
      .limit(PENDING_LIMIT),
  ]);
  return { invitations, requests };
}
