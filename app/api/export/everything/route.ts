import { Readable } from "node:stream";
import { refusalWhileViewingAs } from "@/lib/access/view-as";
import { getViewer } from "@/lib/access/viewer";
import { clientAddress } from "@/lib/auth/auth";
import { openFullExport } from "@/lib/export/open";

/**
 * GET /api/export/everything (D3): the whole organisation as one zip, for webmasters:
 * re-reads the viewer, decides and records the export (lib/export/open.ts), then streams
 * the archive as it is read. Anyone else gets 404, so the route reveals nothing.
 */
export async function GET(request: Request) {
  const viewer = await getViewer();
  // B2: an export is recorded in the audit log as its person's; never while viewing as them.
  const viewingAs = viewer && refusalWhileViewingAs(viewer);
  if (viewingAs) return new Response(viewingAs, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  const archive = viewer ? await openFullExport(viewer, clientAddress(request.headers)) : null;
  if (!archive) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  // A download given up (the request aborted) stops the reading at once.
  request.signal.addEventListener("abort", () => archive.destroy(), { once: true });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(archive) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="portico-export-${stamp}.zip"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
