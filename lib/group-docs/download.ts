import "server-only";
/**
 * G7: how a group file's version is answered. Streamed from storage (lib/storage), never
 * read into memory; one byte range when asked (a PDF viewer's, a resumed download's). The
 * type is the one verified from the bytes at upload; nosniff keeps the browser to it.
 * Images and PDFs are shown inline under a CSP that sandboxes them (no script, no
 * same-origin access); everything else is an attachment, so nothing is ever rendered as a
 * page on Portico's own origin. A refusal says nothing of the file: not its name, not its size.
 */
import { objectStore } from "@/lib/storage/current";
import { type ByteRange, RangeNotSatisfiableError } from "@/lib/storage/store";
import type { Lookup } from "@/lib/lookup";
import { notFoundResponse } from "@/lib/uploads/serve";
import { servedInline } from "./file-types";
import type { DownloadableVersion } from "./queries";

/**
 * Sandboxed, and framed by Portico's own pages only: the file page previews a PDF in a frame
 * (frame-ancestors overrides the X-Frame-Options: DENY every response carries, next.config.ts).
 * This route is outside middleware, whose headers would otherwise replace these.
 */
export const INLINE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";

export function forbiddenResponse(): Response {
  return new Response("Forbidden", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/** `Range: bytes=a-b`, `bytes=a-` or `bytes=-n` (the last n); anything else (several ranges, other units) is ignored: the whole file. */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const last = Number(match[2]);
    if (last === 0) return "unsatisfiable";
    return { start: Math.max(0, size - last) };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? undefined : Number(match[2]);
  if (end !== undefined && end < start) return null; // not a valid range: ignored, as HTTP says
  return { start, end };
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function downloadResponse(lookup: Lookup<DownloadableVersion>, rangeHeader: string | null): Promise<Response> {
  if (lookup.status === "not-found") return notFoundResponse();
  if (lookup.status === "forbidden") return forbiddenResponse();
  const version = lookup.value;
  const inline = servedInline(version.mimeType);
  const headers: Record<string, string> = {
    "Content-Type": version.mimeType,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", version.name),
    "Cross-Origin-Resource-Policy": "same-origin",
    "Accept-Ranges": "bytes",
    // Access can change at any time (G6): nothing kept but by the viewer's own browser, checked each time.
    "Cache-Control": "private, no-cache",
    Vary: "Cookie",
  };
  if (inline) headers["Content-Security-Policy"] = INLINE_CSP;
  const range = parseRange(rangeHeader, version.byteSize);
  const unsatisfiable = () =>
    new Response(null, { status: 416, headers: { "Content-Range": `bytes */${version.byteSize}`, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" } });
  if (range === "unsatisfiable") return unsatisfiable();
  let object;
  try {
    object = await objectStore().get(version.storageKey, range ?? undefined);
  } catch (error) {
    if (error instanceof RangeNotSatisfiableError) return unsatisfiable();
    throw error;
  }
  // A row without its object cannot happen (lib/storage/lifecycle.ts); were it to, it is not found.
  if (!object) return notFoundResponse();
  if (object.range) {
    headers["Content-Range"] = `bytes ${object.range.start}-${object.range.end}/${object.size}`;
    headers["Content-Length"] = String(object.range.end - object.range.start + 1);
    return new Response(object.body, { status: 206, headers });
  }
  headers["Content-Length"] = String(object.size);
  return new Response(object.body, { status: 200, headers });
}
