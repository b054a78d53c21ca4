import "server-only";
/**
 * D2: the group docs' answers (lib/group-docs/queries.ts) in the API's shape (G7): what the
 * group page and the file page show, no more. Ids of uploaders are left out: the pages show
 * their names only, never a link to their profiles (P6 decides who may open one).
 */
import type { z } from "zod";
import type { GroupFileDetail, GroupFileSummary, GroupFilesPage } from "@/lib/group-docs/queries";
import type { groupFileSchema, groupFileSummarySchema, groupFilesPageSchema } from "../endpoints/files";

export function apiGroupFileSummary(file: GroupFileSummary): z.input<typeof groupFileSummarySchema> {
  return {
    id: file.id,
    name: file.name,
    summary: file.summary,
    currentVersion: file.currentVersion,
    byteSize: file.byteSize,
    mimeType: file.mimeType,
    updatedBy: file.updatedBy,
    updatedAt: file.updatedAt.toISOString(),
    mayManage: file.mayManage,
  };
}

export function apiGroupFilesPage(page: GroupFilesPage): z.input<typeof groupFilesPageSchema> {
  return { items: page.files.map(apiGroupFileSummary), next: page.next, mayUpload: page.mayUpload };
}

export function apiGroupFile(file: GroupFileDetail): z.input<typeof groupFileSchema> {
  return {
    id: file.id,
    group: { slug: file.group.slug, name: file.group.name },
    name: file.name,
    description: file.description,
    tags: file.tags,
    currentVersion: file.currentVersion,
    mayManage: file.mayManage,
    versions: file.versions.map((v) => ({ number: v.number, byteSize: v.byteSize, mimeType: v.mimeType, uploadedBy: v.uploaderName, createdAt: v.createdAt.toISOString() })),
  };
}
