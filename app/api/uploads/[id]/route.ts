import { getViewer } from "@/lib/access/viewer";
import { getUploadForViewer } from "@/lib/uploads/queries";

/**
 * GET /api/uploads/<id>: an image from rich text, only for people who can view the item
 * it belongs to (C2), or its uploader before the item is saved. Anyone else — signed
 * out, no access, no such image — gets the same 404, so existence is not revealed.
 * The type is the one verified from the bytes at upload; nosniff and a CSP that allows
 * nothing keep the browser from treating the file as anything but an image.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const upload = viewer && !viewer.mustEnrolTwoFactor ? await getUploadForViewer(viewer, id) : null;
  if (!upload) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
    });
  }
  return new Response(new Uint8Array(upload.bytes), {
    status: 200,
    headers: {
      "Content-Type": upload.mimeType,
      "Content-Length": String(upload.bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Content-Disposition": "inline",
      // Only the viewer's own browser may keep it, briefly: access can change.
      "Cache-Control": "private, max-age=300",
      Vary: "Cookie",
    },
  });
}
