import { getDb } from "@/db/client";
import { getViewer } from "@/lib/access/viewer";
import { clientAddress } from "@/lib/auth/auth";
import { recordAudit } from "@/lib/audit/mutations";
import { EXPORT_CONTENT_TYPES, exportChunks } from "@/lib/export/formats";
import { exportFields } from "@/lib/export/queries";
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat, type ImportKind } from "@/lib/import/formats";

/**
 * GET /api/export/<people|teams|locations>?format=csv|json|xml (D3): re-reads the viewer,
 * decides what they may export (lib/export/queries.ts), records the export (M8: kind and
 * format, no personal data) and streams the file. Anyone else gets 404, so the route
 * reveals nothing.
 */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  const viewer = await getViewer();
  const db = await getDb();
  const ok = (IMPORT_KINDS as readonly string[]).includes(kind) && (IMPORT_FORMATS as readonly string[]).includes(format);
  const fields = viewer && ok ? await exportFields(db, viewer, kind as ImportKind) : null;
  if (!viewer || !fields) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  }
  await recordAudit(db, {
    actor: { id: viewer.id, email: viewer.email },
    action: "export",
    address: clientAddress(request.headers),
    target: { type: "export", id: kind },
    details: { kind, format, fields },
  });
  const encoder = new TextEncoder();
  const chunks = exportChunks(db, viewer, kind as ImportKind, format as ImportFormat, fields);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPES[format as ImportFormat],
      "Content-Disposition": `attachment; filename="portico-${kind}-${stamp}.${format}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
