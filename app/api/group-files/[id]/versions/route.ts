import { receiveGroupFileVersion } from "@/lib/group-docs/receive";

/**
 * POST /api/group-files/<file id>/versions: a new version of a group file (G7), as
 * multipart form data with a `file` field, streamed into storage; every earlier version is
 * kept. Middleware does not run here (see lib/group-docs/receive.ts).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return receiveGroupFileVersion(request, id);
}
