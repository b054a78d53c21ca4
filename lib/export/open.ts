import "server-only";
/**
 * D3: one export for one viewer: decides what they may export, records it (M8: kind,
 * format and fields, no personal data) and answers the file's text chunks, or null when
 * the viewer may not export this at all. The kinds of the import (people, teams,
 * locations) in its formats; the groups, for webmasters, as the organisation file's JSON.
 */
import type { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { can } from "@/lib/access/policies";
import type { Viewer } from "@/lib/access/types";
import { recordAudit } from "@/lib/audit/mutations";
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat, type ImportKind } from "@/lib/import/formats";
import { objectStore } from "@/lib/storage/current";
import { exportChunks } from "./formats";
import { fullExportArchive } from "./full/archive";
import { groupsExportChunks } from "./groups";
import { exportFields } from "./queries";

export type ExportKind = ImportKind | "groups";

export async function openExport(
  viewer: Viewer,
  kind: string,
  format: string,
  address: string,
): Promise<{ kind: ExportKind; format: ImportFormat; chunks: AsyncGenerator<string> } | null> {
  if (kind === "groups") return openGroupsExport(viewer, format, address);
  if (!(IMPORT_KINDS as readonly string[]).includes(kind) || !(IMPORT_FORMATS as readonly string[]).includes(format)) return null;
  const db = await getDb();
  const fields = await exportFields(db, viewer, kind as ImportKind);
  if (!fields) return null;
  await recordAudit(db, {
    actor: { id: viewer.id, email: viewer.email },
    action: "export",
    address,
    target: { type: "export", id: kind },
    details: { kind, format, fields },
  });
  return { kind: kind as ImportKind, format: format as ImportFormat, chunks: exportChunks(db, viewer, kind as ImportKind, format as ImportFormat, fields) };
}

/** G1 G5 G7: every group, webmasters only, in the one format the organisation file has (JSON). */
async function openGroupsExport(viewer: Viewer, format: string, address: string) {
  if (format !== "json") return null;
  const db = await getDb();
  if (!(await can(viewer, "export.groups", null, db))) return null;
  await recordAudit(db, { actor: { id: viewer.id, email: viewer.email }, action: "export", address, target: { type: "export", id: "groups" }, details: { kind: "groups", format } });
  return { kind: "groups" as const, format: "json" as const, chunks: groupsExportChunks(db) };
}

/** The kinds the viewer may export at all (the export page's links), with the fields each holds. */
export async function exportableKinds(viewer: Viewer): Promise<{ kind: ImportKind; fields: string[] }[]> {
  const db = await getDb();
  const out: { kind: ImportKind; fields: string[] }[] = [];
  for (const kind of IMPORT_KINDS) {
    const fields = await exportFields(db, viewer, kind);
    if (fields) out.push({ kind, fields });
  }
  return out;
}

/**
 * D3: everything, webmasters only, as one zip (lib/export/full/archive.ts): recorded first
 * (M8), then read as the download goes. Null for anyone else.
 */
export async function openFullExport(viewer: Viewer, address: string): Promise<Readable | null> {
  const db = await getDb();
  if (!(await can(viewer, "export.everything", null, db))) return null;
  await recordAudit(db, { actor: { id: viewer.id, email: viewer.email }, action: "export", address, target: { type: "export", id: "everything" }, details: { kind: "everything", format: "zip" } });
  return fullExportArchive(db, objectStore());
}
