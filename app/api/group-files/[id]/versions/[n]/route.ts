import { getViewer } from "@/lib/access/viewer";
import { downloadResponse } from "@/lib/group-docs/download";
import { getVersionForDownload } from "@/lib/group-docs/queries";
import { NOT_FOUND } from "@/lib/lookup";
import { outsideMiddleware } from "@/lib/security/outside-middleware";

/**
 * GET /api/group-files/<file id>/versions/<n>: version n of a group file (G7), for people
 * who may read the group's content, decided in this request (G6). A secret group's file is
 * a 404 to non-members, like a missing one (G1); other refusals are a 403 that names nothing.
 * Signed out: the 404 every unknown address gets. Outside middleware (middleware.ts): the
 * allowlist and headers are outsideMiddleware's, and an inline version keeps its own CSP.
 */
const download = outsideMiddleware(async (request: Request, { params }: { params: Promise<{ id: string; n: string }> }) => {
  const { id, n } = await params;
  const viewer = await getViewer();
  const number = /^[1-9]\d{0,9}$/.test(n) ? Number(n) : 0;
  const lookup = viewer && !viewer.mustEnrolTwoFactor ? await getVersionForDownload(viewer, id, number) : NOT_FOUND;
  return downloadResponse(lookup, request.headers.get("range"));
});

export async function GET(request: Request, context: { params: Promise<{ id: string; n: string }> }) {
  return download(request, context);
}
