import { refusalWhileViewingAs } from "@/lib/access/view-as";
import { getViewer } from "@/lib/access/viewer";
import { exposureCsv } from "@/components/access/exposure-csv";
import { recordExposureExport } from "@/lib/exposure/mutations";
import { filterExposure, getExposure, mayReportExposure } from "@/lib/exposure/queries";
import { filterParams, filtersFromParams, subjectFromParams } from "@/lib/exposure/schemas";
import { requestClientAddress } from "@/lib/security/allowlist";

export const dynamic = "force-dynamic";

/**
 * B4: the exposure report the address names, with its filters, as CSV (every page;
 * injection-safe cells, lib/csv.ts). Re-checks the viewer (webmasters only) and records the
 * export in the audit log (M8).
 */
export async function GET(request: Request) {
  const viewer = await getViewer(); // also M7: refused addresses get 403 here
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  const viewingAs = refusalWhileViewingAs(viewer); // B2: an export is recorded as its person's
  if (viewingAs) return new Response(viewingAs, { status: 403 });
  if (!(await mayReportExposure(viewer))) return new Response("You do not have permission to do this.", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const subject = subjectFromParams(params);
  if (!subject) return new Response("Choose a person, team or partner organisation first.", { status: 400 });
  const { filters, problems } = filtersFromParams(params);
  if (problems.length) return new Response(`The filters are not valid: ${problems.join(" ")}`, { status: 400 });
  const answer = await getExposure(viewer, subject);
  if (answer.status !== "ok") return new Response("There is no such person, team or partner organisation.", { status: 404 });
  const report = answer.value;
  const all = filterExposure(report, { ...filters, sectionsPage: 1, groupsPage: 1 }, Number.MAX_SAFE_INTEGER);
  await recordExposureExport({ id: viewer.id, email: viewer.email }, subject, filterParams(filters), await requestClientAddress());
  const stamp = new Date().toISOString().slice(0, 10);
  const name = report.subject.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || report.subject.kind;
  return new Response(exposureCsv(report, all.sections.rows, all.groups.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="exposure-${name}-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
