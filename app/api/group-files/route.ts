import { receiveGroupFile } from "@/lib/group-docs/receive";

/**
 * POST /api/group-files: a new file in a group (G2, G7), as multipart form data with the
 * `groupId` field and then the `file`, streamed into storage. Middleware does not run here
 * (see lib/group-docs/receive.ts for what the route does in its place).
 */
export async function POST(request: Request) {
  return receiveGroupFile(request);
}
