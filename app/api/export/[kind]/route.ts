import { refusalWhileViewingAs } from "@/lib/access/view-as";
import { getViewer } from "@/lib/access/viewer";
import { clientAddress } from "@/lib/auth/auth";
import { EXPORT_CONTENT_TYPES } from "@/lib/export/formats";
import { openExport } from "@/lib/export/open";

/**
 * GET /api/export/<people|teams|locations>?format=csv|json|xml, and /api/export/groups?format=json
 * for webmasters (D3, G7): re-reads the viewer,
 * decides what they may export and records the export (lib/export/open.ts), then streams
 * the file. Anyone else gets 404, so the route reveals nothing.
 */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  const viewer = await getViewer();
  // B2: an export is recorded in the audit log as its person's; never while viewing as them.
  const viewingAs = viewer && refusalWhileViewingAs(viewer);
  if (viewingAs) return new Response(viewingAs, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  const opened = viewer ? await openExport(viewer, kind, format, clientAddress(request.headers)) : null;
  if (!opened) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  }
  const encoder = new TextEncoder();
  const { chunks } = opened;
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
      "Content-Type": EXPORT_CONTENT_TYPES[opened.format],
      "Content-Disposition": `attachment; filename="portico-${opened.kind}-${stamp}.${opened.format}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
