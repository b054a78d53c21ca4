/**
 * How a group file is described to people (G7): its size in words a person reads, and its
 * type as the name's ending it was accepted under (lib/group-docs/file-types.ts).
 */
import { GROUP_FILE_KINDS } from "@/lib/group-docs/file-types";

const KB = 1024;
const MB = 1024 * KB;
const oneDecimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

/** "12 bytes", "340 KB", "4.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < KB) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < MB) return `${Math.round(bytes / KB)} KB`;
  return `${oneDecimal.format(bytes / MB)} MB`;
}

/** "PDF", "DOCX", "JPG": the first extension the stored type is accepted under. */
export function typeLabel(mimeType: string): string {
  const extension = Object.entries(GROUP_FILE_KINDS).find(([, kind]) => kind.mimeType === mimeType)?.[0];
  return extension ? extension.toUpperCase() : "File";
}

/** Where version `n` of a file is downloaded (app/api/group-files/[id]/versions/[n]). */
export function versionUrl(fileId: string, n: number): string {
  return `/api/group-files/${fileId}/versions/${n}`;
}

/** A group file's own page. */
export function filePageUrl(groupSlug: string, fileId: string): string {
  return `/groups/${encodeURIComponent(groupSlug)}/files/${fileId}`;
}
