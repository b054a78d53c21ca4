/**
 * How an image is answered, and how everything else is: the same 404 for "no access",
 * "no such image" and "signed out", so existence is never revealed. The type is the one
 * verified (or written) by the server; nosniff and a CSP that allows nothing keep the
 * browser from treating the file as anything but an image. The body is streamed from the
 * store (lib/storage), never read into memory first.
 */
import type { StoredObject } from "@/lib/storage/store";

export function notFoundResponse(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}

export function imageResponse(object: StoredObject, mimeType: string): Response {
  return new Response(object.body, {
    status: 200,
    headers: {
      "Content-Type": mimeType,
      "Content-Length": String(object.size),
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
