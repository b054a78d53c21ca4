import { refusalWhileViewingAs } from "@/lib/access/view-as";
import { getViewer } from "@/lib/access/viewer";
import { recordAuditExport } from "@/lib/audit/mutations";
import { csvRow } from "@/lib/csv";
import { allAuditEvents } from "@/lib/audit/queries";
import { parseAuditFilters } from "@/lib/audit/schemas";
import { requestClientAddress } from "@/lib/security/allowlist";
import { canAsWebmaster } from "@/lib/access/policies";

export const dynamic = "force-dynamic";

const HEADER = ["id", "at", "actor_email", "actor_id", "action", "target_type", "target_id", "address", "details"];

/**
 * M8: the audit events the filters select, as CSV (injection-safe cells, lib/csv.ts),
 * streamed newest first. Re-checks the viewer (webmasters only) and records the export.
 */
export async function GET(request: Request) {
  const viewer = await getViewer(); // also M7: refused addresses get 403 here
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  const viewingAs = refusalWhileViewingAs(viewer); // B2: an export is recorded as its person's
  if (viewingAs) return new Response(viewingAs, { status: 403 });
  if (!canAsWebmaster(viewer, "audit.view")) return new Response("You do not have permission to do this.", { status: 403 });
  const parsed = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) return new Response(`The filters are not valid: ${Object.values(parsed.errors).join(" ")}`, { status: 400 });
  const filters = parsed.filters;

  await recordAuditExport({ id: viewer.id, email: viewer.email }, filters, await requestClientAddress());

  const encoder = new TextEncoder();
  const rows = allAuditEvents(viewer, filters);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      controller.enqueue(
        encoder.encode(next.value.map((e) => csvRow([e.id, e.at, e.actorEmail, e.actorId, e.action, e.targetType, e.targetId, e.address, e.details])).join("")),
      );
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
