import "server-only";
/**
 * G7: what a viewer may read of group docs, each read taking the viewer and deciding in SQL
 * (lib/access/group-docs.ts). Every answer is a Lookup (C5): "not-found" for what must not
 * be admitted to exist (no such group or file, a secret group's to a non-member, G1),
 * "forbidden" where the viewer knows the group but may not read its content (G6) — and then
 * nothing of the file, not even its name or size.
 */
import { type SQL, and, eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { groupFileVersions, groupFiles, groups, people } from "@/db/schema";
import { isUuid, jsonColumn } from "@/db/sql";
import { cursorCodec } from "@/lib/access/cursor";
import { isReadableGroupId } from "@/lib/access/filters";
import { isKnownGroupId, manageableGroupFiles, mayUploadGroupFileTo, readableGroupFiles } from "@/lib/access/group-docs";
import type { AccessSubject } from "@/lib/access/types";
import { FORBIDDEN, type Lookup, NOT_FOUND, ok } from "@/lib/lookup";

export interface GroupFileSummary {
  id: string;
  name: string;
  /** The first line of its description (D4), at most SUMMARY_MAX characters; empty when it has none. */
  summary: string;
  currentVersion: number;
  /** The current version's size and stored type. */
  byteSize: number;
  mimeType: string;
  /** Who uploaded the current version (null: their account is gone). */
  updatedBy: string | null;
  updatedAt: Date;
  /** The viewer may add versions, edit its details and delete it (G7). */
  mayManage: boolean;
}

export interface GroupFilesPage {
  files: GroupFileSummary[];
  /** The cursor of the next page, or null at the end. */
  next: string | null;
  /** The viewer may upload a new file into the group (G2: members; G5: webmasters). */
  mayUpload: boolean;
}

export interface GroupFileVersion {
  number: number;
  byteSize: number;
  mimeType: string;
  uploaderId: string | null;
  /** The uploader's name (null: their account is gone). */
  uploaderName: string | null;
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
/** The longest first line of a description a list carries: more than a line's room, never the whole text. */
const SUMMARY_MAX = 300;

/** Known and readable, for one group: the Lookup every read starts from. */
function accessOf(row: { known: boolean; readable: boolean } | undefined): Lookup<true> {
  if (!row || !row.known) return NOT_FOUND;
  return row.readable ? ok(true) : FORBIDDEN;
}

/** A group's files come a page at a time, most recently updated first, along group_files_group_idx. */
export const GROUP_FILES_PAGE_SIZE = 20;
const filesCursor = cursorCodec({ at: "timestamp", id: "uuid" });

/** A group's files, most recently updated first, a page at a time (keyset), with their current versions (G7). */
export async function listGroupFiles(viewer: AccessSubject, groupId: number, options: { cursor?: string | null; limit?: number } = {}): Promise<Lookup<GroupFilesPage>> {
  if (!Number.isSafeInteger(groupId) || groupId < 1 || groupId > MAX_INT) return NOT_FOUND;
  const db = await getDb();
  const limit = options.limit ?? GROUP_FILES_PAGE_SIZE;
  const [group] = await db
    .select({
      known: sql<boolean>`${isKnownGroupId(viewer, groups.id)}`,
      readable: sql<boolean>`${isReadableGroupId(viewer, groups.id)}`,
      ...groupFilesColumns(db, viewer, sql`${groups.id}`, options.cursor, limit),
    })
    .from(groups)
    .where(eq(groups.id, groupId));
  const access = accessOf(group);
  if (access.status !== "ok") return access;
  return ok(groupFilesPage(group!, limit));
}

/** One file of a page as groupFilesColumns reads it (JSON: dates as text). */
interface GroupFileRow extends Omit<GroupFileSummary, "updatedAt"> {
  updatedAt: string;
  cursorAt: string;
}

/** What groupFilesColumns adds to the query that reads the group. */
export type GroupFilesColumns = { files: GroupFileRow[] | string | null; mayUploadFile: boolean };

/**
 * A page of one group's files and whether the viewer may upload there, as columns of the
 * query that reads the group (`groupId` is that query's group id): the group page reads its
 * files in its own round trip. The files' own access is ANDed in (readableGroupFiles), so the
 * column stands on its own whatever the caller decided about the group (G6, G7).
 */
export function groupFilesColumns(db: Db, viewer: AccessSubject, groupId: SQL, cursor: string | null | undefined, limit = GROUP_FILES_PAGE_SIZE) {
  const after = filesCursor.decode(cursor);
  const page = db
    .select({
      id: groupFiles.id,
      name: groupFiles.name,
      summary: sql<string>`left(rtrim(split_part(${groupFiles.description}, chr(10), 1), chr(13)), ${sql.raw(String(SUMMARY_MAX))})`.as("summary"),
      currentVersion: sql`${groupFiles.currentVersion}`.as("currentVersion"),
      byteSize: sql`${groupFileVersions.byteSize}`.as("byteSize"),
      mimeType: sql`${groupFileVersions.mimeType}`.as("mimeType"),
      updatedBy: sql`${people.name}`.as("updatedBy"),
      updatedAt: sql`${groupFiles.updatedAt}`.as("updatedAt"),
      mayManage: sql<boolean>`${manageableGroupFiles(viewer)}`.as("mayManage"),
      cursorAt: sql<string>`${groupFiles.updatedAt}::text`.as("cursorAt"),
    })
    .from(groupFiles)
    .innerJoin(groupFileVersions, and(eq(groupFileVersions.fileId, groupFiles.id), eq(groupFileVersions.number, groupFiles.currentVersion)))
    .leftJoin(people, eq(people.id, groupFileVersions.uploaderId))
    .where(
      and(
        sql`${groupFiles.groupId} = ${groupId}`,
        readableGroupFiles(viewer),
        after ? sql`(${groupFiles.updatedAt} < ${after.at}::timestamptz or (${groupFiles.updatedAt} = ${after.at}::timestamptz and ${groupFiles.id} < ${after.id}::uuid))` : undefined,
      ),
    )
    .orderBy(sql`${groupFiles.updatedAt} desc`, sql`${groupFiles.id} desc`)
    .limit(limit + 1);
  return {
    files: sql<GroupFileRow[] | string | null>`(select coalesce(json_agg(f order by f."updatedAt" desc, f.id desc), '[]') from (${page}) f)`,
    mayUploadFile: sql<boolean>`${mayUploadGroupFileTo(viewer, groupId)}`,
  };
}

/** The page from groupFilesColumns' values. */
export function groupFilesPage(row: GroupFilesColumns, limit = GROUP_FILES_PAGE_SIZE): GroupFilesPage {
  const rows = jsonColumn(row.files) ?? [];
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return {
    files: page.map(({ cursorAt: _cursor, updatedAt, ...file }) => ({ ...file, byteSize: Number(file.byteSize), updatedAt: new Date(updatedAt) })),
    next: last ? filesCursor.encode({ at: last.cursorAt, id: last.id }) : null,
    mayUpload: row.mayUploadFile === true,
  };
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
      groupSlug: groups.slug,
      groupName: groups.name,
      name: groupFiles.name,
      description: groupFiles.description,
      tags: groupFiles.tags,
      currentVersion: groupFiles.currentVersion,
      uploaderId: groupFiles.uploaderId,
      mayManage: sql<boolean>`${manageableGroupFiles(viewer)}`,
    })
    .from(groupFiles)
    .innerJoin(groups, eq(groups.id, groupFiles.groupId))
    .where(eq(groupFiles.id, fileId.toLowerCase()));
  const lookup = accessOf(row);
  return { lookup, file: lookup.status === "ok" ? row! : null };
}

export interface GroupFileDetail {
  id: string;
  group: { id: number; slug: string; name: string };
  name: string;
  /** What it is about (D4): plain text, line breaks kept; empty when none was given. */
  description: string;
  /** D7: its tags as stored. */
  tags: string[];
  currentVersion: number;
  uploaderId: string | null;
  mayManage: boolean;
  /** Newest first. */
  versions: GroupFileVersion[];
}

/** One file and every version of it, newest first (G7). */
export async function getGroupFile(viewer: AccessSubject, fileId: string): Promise<Lookup<GroupFileDetail>> {
  const { lookup, file } = await fileAccess(viewer, fileId);
  if (!file) return lookup as Lookup<never>;
  const db = await getDb();
  const versions = await db
    .select({
      number: groupFileVersions.number,
      byteSize: groupFileVersions.byteSize,
      mimeType: groupFileVersions.mimeType,
      uploaderId: groupFileVersions.uploaderId,
      uploaderName: people.name,
      createdAt: groupFileVersions.createdAt,
    })
    .from(groupFileVersions)
    .leftJoin(people, eq(people.id, groupFileVersions.uploaderId))
    .where(eq(groupFileVersions.fileId, file.id))
    .orderBy(sql`${groupFileVersions.number} desc`);
  const { id, groupId, groupSlug, groupName, name, description, tags, currentVersion, uploaderId, mayManage } = file;
  return ok({ id, group: { id: groupId, slug: groupSlug, name: groupName }, name, description, tags, currentVersion, uploaderId, mayManage, versions });
}

/**
 * Before a byte of an upload is read: may the viewer add a file to the group (G2: members;
 * G5: webmasters)? "not-found" as for the group itself (G1: a secret group's outsider),
 * "forbidden" for anyone else who may not. The action decides again as it writes.
 */
export async function groupForUpload(viewer: AccessSubject, groupId: number): Promise<Lookup<true>> {
  if (!Number.isSafeInteger(groupId) || groupId < 1 || groupId > MAX_INT) return NOT_FOUND;
  const db = await getDb();
  const [group] = await db
    .select({ known: sql<boolean>`${isKnownGroupId(viewer, groups.id)}`, readable: sql<boolean>`${mayUploadGroupFileTo(viewer, groups.id)}` })
    .from(groups)
    .where(eq(groups.id, groupId));
  return accessOf(group);
}

/** Before a byte of a new version is read: may the viewer add one (G7: the file's managers)? As groupForUpload answers. */
export async function fileForNewVersion(viewer: AccessSubject, fileId: string): Promise<Lookup<true>> {
  const { lookup, file } = await fileAccess(viewer, fileId);
  if (!file) return lookup;
  return file.mayManage ? ok(true) : FORBIDDEN;
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
