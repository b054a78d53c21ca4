import "server-only";
/**
 * G7: what a viewer may read of group docs, each read taking the viewer and deciding in SQL
 * (lib/access/group-docs.ts). Every answer is a Lookup (C5): "not-found" for what must not
 * be admitted to exist (no such group or file, a secret group's to a non-member, G1),
 * "forbidden" where the viewer knows the group but may not read its content (G6) — and then
 * nothing of the file, not even its name or size.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { groupFileVersions, groupFiles, groups } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { isReadableGroupId } from "@/lib/access/filters";
import { isKnownGroupId, manageableGroupFiles, readableGroupFiles } from "@/lib/access/group-docs";
import type { AccessSubject } from "@/lib/access/types";
import { FORBIDDEN, type Lookup, NOT_FOUND, ok } from "@/lib/lookup";

export interface GroupFileSummary {
  id: string;
  name: string;
  currentVersion: number;
  /** The current version's size and stored type. */
  byteSize: number;
  mimeType: string;
  uploaderId: string | null;
  updatedAt: Date;
  /** The viewer may add versions, rename and delete it (G7). */
  mayManage: boolean;
}

export interface GroupFileVersion {
  number: number;
  byteSize: number;
  mimeType: string;
  uploaderId: string | null;
  createdAt: Date;
}

export interface DownloadableVersion {
  name: string;
  number: number;
  byteSize: number;
  mimeType: string;
  storageKey: string;
}

const MAX_INT = 2_147_483_647;

/** Known and readable, for one group: the Lookup every read starts from. */
function accessOf(row: { known: boolean; readable: boolean } | undefined): Lookup<true> {
  if (!row || !row.known) return NOT_FOUND;
  return row.readable ? ok(true) : FORBIDDEN;
}

/** A group's files, by name, with their current versions (G7). */
export async function listGroupFiles(viewer: AccessSubject, groupId: number): Promise<Lookup<GroupFileSummary[]>> {
  if (!Number.isSafeInteger(groupId) || groupId < 1 || groupId > MAX_INT) return NOT_FOUND;
  const db = await getDb();
  const [group] = await db
    .select({ known: sql<boolean>`${isKnownGroupId(viewer, groups.id)}`, readable: sql<boolean>`${isReadableGroupId(viewer, groups.id)}` })
    .from(groups)
    .where(eq(groups.id, groupId));
  const access = accessOf(group);
  if (access.status !== "ok") return access;
  const rows = await db
    .select({
      id: groupFiles.id,
      name: groupFiles.name,
      currentVersion: groupFiles.currentVersion,
      byteSize: groupFileVersions.byteSize,
      mimeType: groupFileVersions.mimeType,
      uploaderId: groupFiles.uploaderId,
      updatedAt: groupFiles.updatedAt,
      mayManage: sql<boolean>`${manageableGroupFiles(viewer)}`,
    })
    .from(groupFiles)
    .innerJoin(groupFileVersions, and(eq(groupFileVersions.fileId, groupFiles.id), eq(groupFileVersions.number, groupFiles.currentVersion)))
    // The group's readability was decided above; ANDed again so this read stands on its own (G6).
    .where(and(eq(groupFiles.groupId, groupId), readableGroupFiles(viewer)))
    .orderBy(asc(sql`lower(${groupFiles.name})`), asc(groupFiles.id));
  return ok(rows);
}

/** The file's group access, name and whether the viewer may manage it; every read of one file starts here. */
async function fileAccess(viewer: AccessSubject, fileId: string) {
  if (!isUuid(fileId)) return { lookup: NOT_FOUND as Lookup<true>, file: null };
  const db = await getDb();
  const [row] = await db
    .select({
      known: sql<boolean>`${isKnownGroupId(viewer, groupFiles.groupId)}`,
      readable: sql<boolean>`${readableGroupFiles(viewer)}`,
      id: groupFiles.id,
      groupId: groupFiles.groupId,
      name: groupFiles.name,
      currentVersion: groupFiles.currentVersion,
      uploaderId: groupFiles.uploaderId,
      mayManage: sql<boolean>`${manageableGroupFiles(viewer)}`,
    })
    .from(groupFiles)
    .where(eq(groupFiles.id, fileId.toLowerCase()));
  const lookup = accessOf(row);
  return { lookup, file: lookup.status === "ok" ? row! : null };
}

/** One file and every version of it, newest first (G7). */
export async function getGroupFile(
  viewer: AccessSubject,
  fileId: string,
): Promise<Lookup<{ id: string; groupId: number; name: string; currentVersion: number; uploaderId: string | null; mayManage: boolean; versions: GroupFileVersion[] }>> {
  const { lookup, file } = await fileAccess(viewer, fileId);
  if (!file) return lookup as Lookup<never>;
  const db = await getDb();
  const versions = await db
    .select({
      number: groupFileVersions.number,
      byteSize: groupFileVersions.byteSize,
      mimeType: groupFileVersions.mimeType,
      uploaderId: groupFileVersions.uploaderId,
      createdAt: groupFileVersions.createdAt,
    })
    .from(groupFileVersions)
    .where(eq(groupFileVersions.fileId, file.id))
    .orderBy(sql`${groupFileVersions.number} desc`);
  const { id, groupId, name, currentVersion, uploaderId, mayManage } = file;
  return ok({ id, groupId, name, currentVersion, uploaderId, mayManage, versions });
}

/** What the download route serves for version `number` of a file: decided in the request itself (G6). */
export async function getVersionForDownload(viewer: AccessSubject, fileId: string, number: number): Promise<Lookup<DownloadableVersion>> {
  const { lookup, file } = await fileAccess(viewer, fileId);
  if (!file) return lookup as Lookup<never>;
  if (!Number.isSafeInteger(number) || number < 1 || number > MAX_INT) return NOT_FOUND;
  const db = await getDb();
  const [version] = await db
    .select({ number: groupFileVersions.number, byteSize: groupFileVersions.byteSize, mimeType: groupFileVersions.mimeType, storageKey: groupFileVersions.storageKey })
    .from(groupFileVersions)
    .where(and(eq(groupFileVersions.fileId, file.id), eq(groupFileVersions.number, number)));
  return version ? ok({ name: file.name, ...version }) : NOT_FOUND;
}
