import "server-only";
/**
 * D3: one export for one viewer: decides what they may export, records it (M8: kind,
 * format and fields, no personal data) and answers the file's text chunks, or null when
 * the viewer may not export this at all. The kinds of the import (people, teams,
 * locations) in its formats; the groups, for webmasters, as the organisation file's JSON.
 */
import { getDb } from "@/db/client";
import { can } from "@/lib/access/policies";
import type { Viewer } from "@/lib/access/types";
import { recordAudit } from "@/lib/audit/mutations";
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat, type ImportKind } from "@/lib/import/formats";
import { exportChunks } from "./formats";
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
