import { getViewer } from "@/lib/access/viewer";
import { liveView } from "@/lib/analytics/live";
import { parseScope } from "@/lib/analytics/params";

export const dynamic = "force-dynamic";

const HEADERS = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };

/**
 * D1: GET /api/analytics/live?scope=site|section:<id>|group:<id>|app:<name>: the last half
 * hour of a scope as JSON (counts and titles only, lib/analytics/live.ts), polled by the
 * live panel of /analytics every 30 seconds. Re-reads the viewer on every call; a scope
 * they may not see answers exactly as an unknown one (404), and nothing is cached.
 */
export async function GET(request: Request) {
  const viewer = await getViewer(); // also M7: refused addresses get 403 here
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401, headers: HEADERS });
  const scope = parseScope(new URL(request.url).searchParams.get("scope"));
  const live = scope ? await liveView(viewer, scope) : null;
  if (!live) return Response.json({ error: "Not found." }, { status: 404, headers: HEADERS });
  return Response.json(live, { headers: HEADERS });
}
