import "server-only";
/**
 * D3 (G1, G5, G7): the groups export, for webmasters only (`export.groups`): every group
 * with its visibility, members (admins marked), pending requests and invitations, and its
 * files (names, descriptions, tags, versions, uploaders, dates; never the bytes), in the organisation file's
 * `groups` shape (docs/ORG-FILE.md). Beside the people it names, it loads back with
 * `npm run db:seed` once each version's bytes are put at its `path`:
 * `files/<group>/<file id>/v<n>.<ext>`, the file id being the one of
 * /api/group-files/<file id>/versions/<n>, where the bytes are.
 *
 * What the loader would refuse is left out rather than written: a file's uploader, or an
 * invitation's inviter, who has since left the group's admins or members (and is no
 * webmaster) or whose account was deleted. Neither holds the right any more (G7: the
 * uploader manages a file while a member), so nothing anyone may do changes.
 *
 * Groups are read in pages along their id, each page's members, requests, invitations,
 * files and versions with one query each, so a large export streams.
 */
import { type SQL, and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { groupFileVersions, groupFiles, groupInvitations, groupJoinRequests, groupMembers, groups, people } from "@/db/schema";
import { extensionOf } from "@/lib/group-docs/file-types";
import type { OrgFile } from "@/lib/org-file/schema";
import { groupedBy } from "./full/pages";

type ExportedGroup = OrgFile["groups"][number];

export const GROUPS_EXPORT_PAGE = 500;

/**
 * The e-mail in `email` while the person in `personId` holds a right in the group in
 * `groupId` — a member of it (an admin, with `adminOnly`) or a webmaster (G5) — else null.
 */
function emailWhileEntitled(email: AnyPgColumn, personId: AnyPgColumn, groupId: AnyPgColumn, adminOnly: boolean): SQL<string | null> {
  const inGroup = sql`exists (select 1 from group_members m where m.group_id = ${groupId} and m.person_id = ${personId}${adminOnly ? sql` and m.is_admin` : sql``})`;
  const webmaster = sql`exists (select 1 from people w where w.id = ${personId} and w.audience = 'organisational' and 'webmaster' = any(w.roles))`;
  return sql<string | null>`case when ${inGroup} or ${webmaster} then ${email} end`;
}

/** G1, G5: which of a request or invitation table's rows are still waiting, for these groups, and their order (oldest first). */
function pendingOf(table: typeof groupJoinRequests | typeof groupInvitations, groupIds: number[]) {
  return { where: and(inArray(table.groupId, groupIds), sql`${table.status} = 'pending'`), order: [asc(table.createdAt), asc(table.id)] };
}

/** Where a version's bytes go to load the export back (relative to the organisation file). */
export function versionPath(groupSlug: string, fileId: string, fileName: string, number: number): string {
  return `files/${groupSlug}/${fileId}/v${number}.${extensionOf(fileName)}`;
}

/** One page of groups after the id `after` (0: the first), whole; and the next page's `after` (null at the end). */
export async function groupsExportPage(db: Db, after: number, limit = GROUPS_EXPORT_PAGE): Promise<{ groups: ExportedGroup[]; next: number | null }> {
  const page = await db
    .select({ id: groups.id, slug: groups.slug, name: groups.name, description: groups.description, visibility: groups.visibility })
    .from(groups)
    .where(gt(groups.id, after))
    .orderBy(asc(groups.id))
    .limit(limit);
  if (!page.length) return { groups: [], next: null };
  const ids = page.map((g) => g.id);
  const inviter = alias(people, "inviter");
  const uploader = alias(people, "uploader");
  const requestsWaiting = pendingOf(groupJoinRequests, ids);
  const invitationsWaiting = pendingOf(groupInvitations, ids);

  const [members, requests, invitations, files] = await Promise.all([
    db
      .select({ groupId: groupMembers.groupId, person: people.email, admin: groupMembers.isAdmin })
      .from(groupMembers)
      .innerJoin(people, eq(people.id, groupMembers.personId))
      .where(inArray(groupMembers.groupId, ids))
      .orderBy(asc(sql`lower(${people.email})`)),
    db
      .select({ groupId: groupJoinRequests.groupId, person: people.email, message: groupJoinRequests.message })
      .from(groupJoinRequests)
      .innerJoin(people, eq(people.id, groupJoinRequests.personId))
      .where(requestsWaiting.where)
      .orderBy(...requestsWaiting.order),
    db
      .select({ groupId: groupInvitations.groupId, person: people.email, invitedBy: emailWhileEntitled(inviter.email, groupInvitations.invitedBy, groupInvitations.groupId, true) })
      .from(groupInvitations)
      .innerJoin(people, eq(people.id, groupInvitations.personId))
      .leftJoin(inviter, eq(inviter.id, groupInvitations.invitedBy))
      .where(invitationsWaiting.where)
      .orderBy(...invitationsWaiting.order),
    db
      .select({ id: groupFiles.id, groupId: groupFiles.groupId, name: groupFiles.name, description: groupFiles.description, tags: groupFiles.tags, uploader: emailWhileEntitled(uploader.email, groupFiles.uploaderId, groupFiles.groupId, false) })
      .from(groupFiles)
      .leftJoin(uploader, eq(uploader.id, groupFiles.uploaderId))
      .where(inArray(groupFiles.groupId, ids))
      .orderBy(asc(sql`lower(${groupFiles.name})`), asc(groupFiles.id)),
  ]);
  const versions = files.length
    ? await db
        .select({ fileId: groupFileVersions.fileId, number: groupFileVersions.number, uploader: people.email, createdAt: groupFileVersions.createdAt })
        .from(groupFileVersions)
        .leftJoin(people, eq(people.id, groupFileVersions.uploaderId))
        .where(
          inArray(
            groupFileVersions.fileId,
            files.map((f) => f.id),
          ),
        )
        .orderBy(asc(groupFileVersions.fileId), asc(groupFileVersions.number))
    : [];

  const membersOf = groupedBy(members, (r) => r.groupId);
  const requestsOf = groupedBy(requests, (r) => r.groupId);
  const invitationsOf = groupedBy(invitations, (r) => r.groupId);
  const filesOf = groupedBy(files, (r) => r.groupId);
  const versionsOf = groupedBy(versions, (v) => v.fileId);
  const slugOf = new Map(page.map((g) => [g.id, g.slug]));
  const exported = page.map(
    (g): ExportedGroup => ({
      slug: g.slug,
      name: g.name,
      description: g.description,
      visibility: g.visibility,
      members: membersOf(g.id).map((m) => ({ person: m.person, admin: m.admin })),
      requests: requestsOf(g.id).map((r) => (r.message ? { person: r.person, message: r.message } : { person: r.person })),
      invitations: invitationsOf(g.id).map((i) => (i.invitedBy ? { person: i.person, invitedBy: i.invitedBy } : { person: i.person })),
      files: filesOf(g.id).map((f) => ({
        name: f.name,
        ...(f.uploader ? { uploader: f.uploader } : {}),
        ...(f.description ? { description: f.description } : {}),
        ...(f.tags.length ? { tags: f.tags } : {}),
        versions: versionsOf(f.id).map((v) => ({ path: versionPath(slugOf.get(g.id)!, f.id, f.name, v.number), uploader: v.uploader, uploadedAt: v.createdAt.toISOString() })),
      })),
    }),
  );
  return { groups: exported, next: page.length === limit ? page[page.length - 1]!.id : null };
}

/** The export as text chunks: `{"groups":[…]}`, one page of groups at a time. */
export async function* groupsExportChunks(db: Db, pageSize = GROUPS_EXPORT_PAGE): AsyncGenerator<string> {
  yield `{"groups":[`;
  let after: number | null = 0;
  let first = true;
  while (after !== null) {
    const page = await groupsExportPage(db, after, pageSize);
    after = page.next;
    yield page.groups.map((g) => `${first ? ((first = false), "\n") : ",\n"}${JSON.stringify(g)}`).join("");
  }
  yield "\n]}\n";
}
