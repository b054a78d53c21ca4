import "server-only";
/**
 * D3: one export for one viewer: decides what they may export, records it (M8: kind,
 * format and fields, no personal data) and answers the file's text chunks, or null when
 * the viewer may not export this at all.
 */
import { getDb } from "@/db/client";
import type { Viewer } from "@/lib/access/types";
import { recordAudit } from "@/lib/audit/mutations";
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat, type ImportKind } from "@/lib/import/formats";
import { exportChunks } from "./formats";
import { exportFields } from "./queries";

export async function openExport(
  viewer: Viewer,
  kind: string,
  format: string,
  address: string,
): Promise<{ kind: ImportKind; format: ImportFormat; chunks: AsyncGenerator<string> } | null> {
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
