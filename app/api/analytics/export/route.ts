import { refusalWhileViewingAs } from "@/lib/access/view-as";
import { getViewer } from "@/lib/access/viewer";
import { dayOf } from "@/lib/analytics/day";
import { analyticsCsv, isExportView } from "@/lib/analytics/export";
import { parseFigures, parseScope } from "@/lib/analytics/params";
import { describeScope } from "@/lib/analytics/scope";
import { requestClientAddress } from "@/lib/security/allowlist";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });

/**
 * D1 D6: GET /api/analytics/export?view=series|content|sections|groups|searches&scope=…
 * &period&from&to&bucket&audience: one view of /analytics as CSV, counts only
 * (lib/analytics/export.ts). Re-reads the viewer; a scope they may not see, or a view the
 * scope does not have, answers 404 as an unknown one would; bad dates 400 with the
 * reasons; the export is recorded in the audit log (M8) before its first byte leaves.
 */
export async function GET(request: Request) {
  const viewer = await getViewer(); // also M7: refused addresses get 403 here
  if (!viewer) return text("Sign in first.", 401);
  const viewingAs = refusalWhileViewingAs(viewer); // B2: an export is recorded as its person's
  if (viewingAs) return text(viewingAs, 403);
  const params = new URL(request.url).searchParams;
  const view = params.get("view");
  const scope = parseScope(params.get("scope"));
  const info = scope && isExportView(view) ? await describeScope(viewer, scope) : null;
  if (!info || !isExportView(view)) return text("Not found.", 404);
  const { choices, errors } = parseFigures(params, dayOf(Date.now()));
  const problems = Object.values(errors);
  if (problems.length) return text(`These figures cannot be exported: ${problems.join(" ")}`, 400);
  const csv = await analyticsCsv(viewer, info, view, choices, await requestClientAddress());
  if (!csv) return text("Not found.", 404);
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
