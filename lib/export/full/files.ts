import "server-only";
/**
 * D3: the stored files the full export's archive holds beside its organisation file, each at
 * the path the file names it by: every version of every group file (G7), every profile
 * image (E3) and every image an item's rich text shows (C6). Listed in pages, in the same
 * order the organisation file was written in.
 */
import { and, asc, eq, gt, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { content, groupFileVersions, groupFiles, groups, people, uploads } from "@/db/schema";
import { versionPath } from "../groups";
import { profileImagePath } from "./directory";
import { contentImagePath, namedByItsItem } from "./images";
import { EXPORT_PAGE, keysetPages } from "./pages";

/** A stored object and its place in the archive. */
export interface ArchivedFile {
  path: string;
  key: string;
}

export async function* archivedFilePages(db: Db): AsyncGenerator<ArchivedFile[]> {
  for await (const page of keysetPages(
    (after: { fileId: string; number: number } | null, limit) =>
      db
        .select({ fileId: groupFileVersions.fileId, number: groupFileVersions.number, key: groupFileVersions.storageKey, group: groups.slug, name: groupFiles.name })
        .from(groupFileVersions)
        .innerJoin(groupFiles, eq(groupFiles.id, groupFileVersions.fileId))
        .innerJoin(groups, eq(groups.id, groupFiles.groupId))
        .where(after === null ? undefined : or(gt(groupFileVersions.fileId, after.fileId), and(eq(groupFileVersions.fileId, after.fileId), gt(groupFileVersions.number, after.number))))
        .orderBy(asc(groupFileVersions.fileId), asc(groupFileVersions.number))
        .limit(limit),
    (v) => ({ fileId: v.fileId, number: v.number }),
    EXPORT_PAGE,
  )) {
    yield page.map((v) => ({ path: versionPath(v.group, v.fileId, v.name, v.number), key: v.key }));
  }
  for await (const page of keysetPages(
    (after: string | null, limit) =>
      db
        .select({ id: people.id, key: sql<string>`${people.imageId}` })
        .from(people)
        .where(and(isNotNull(people.imageId), after === null ? undefined : gt(people.id, after)))
        .orderBy(asc(people.id))
        .limit(limit),
    (p) => p.id,
  )) {
    yield page.map((p) => ({ path: profileImagePath(p.id), key: p.key }));
  }
  // The storage key of an upload is its id.
  for await (const page of keysetPages(
    (after: string | null, limit) =>
      db
        .select({ id: uploads.id, mimeType: uploads.mimeType })
        .from(uploads)
        .innerJoin(content, eq(content.id, uploads.contentId))
        .where(and(namedByItsItem(), after === null ? undefined : gt(uploads.id, after)))
        .orderBy(asc(uploads.id))
        .limit(limit),
    (u) => u.id,
  )) {
    yield page.map((u) => ({ path: contentImagePath(u.id, u.mimeType), key: u.id }));
  }
}
