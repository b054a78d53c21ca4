import { getViewer } from "@/lib/access/viewer";
import { getUploadForViewer } from "@/lib/uploads/queries";
import { imageResponse, notFoundResponse } from "@/lib/uploads/serve";

/**
 * GET /api/uploads/<id>: an image from rich text, only for people who can view the item
 * it belongs to (C2), or its uploader before the item is saved. Anyone else — signed
 * out, no access, no such image — gets the same 404, so existence is not revealed.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const upload = viewer && !viewer.mustEnrolTwoFactor ? await getUploadForViewer(viewer, id) : null;
  return upload ? imageResponse(upload.object, upload.mimeType) : notFoundResponse();
}
