import "server-only";
/**
 * Receiving one file as multipart form data in a route handler, for files larger than a
 * server action should receive: rich-text images (C6, up to 5 MB) and import files (M6,
 * up to 25 MB). Same site only (the Origin is compared with the site's public address,
 * else with the address the browser used), the declared size checked before the body is
 * read, and the body counted as it streams in: a body without a declared size (chunked)
 * is refused as soon as it passes the limit, never read to its end. Then the defineAction
 * does the rest (viewer re-read, checks, permission, audit row).
 */
import { NextResponse } from "next/server";
import type { ActionResult } from "@/lib/action-result";
import { SIGNED_OUT_MESSAGE } from "@/lib/actions";
import { publicOrigin } from "@/lib/site-url";
import { MAX_UPLOAD_BYTES } from "./image-check";
import { UPLOAD_ENVELOPE_BYTES } from "./limits";
import { limitBytes } from "./stream-bytes";

export const FOREIGN_ORIGIN_MESSAGE = "Uploads are only accepted from this site.";

export function refuse(status: number, formError: string, field?: string) {
  return NextResponse.json(field ? { ok: false, fieldErrors: { [field]: formError } } : { ok: false, formError }, { status });
}

/**
 * The origin a same-site request comes from: the configured public address
 * (PORTICO_PUBLIC_URL or AUTH_URL) when there is one; otherwise the address the browser
 * itself used, from the Host header (`http://127.0.0.1:3000` locally). Never the URL
 * Next.js builds internally (`localhost`), which the browser never sees.
 */
export function sameSiteOrigin(origin: string, request: Request): boolean {
  const configured = publicOrigin();
  if (configured) return origin === configured;
  const host = request.headers.get("host");
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host === host.toLowerCase();
  } catch {
    return false; // "null" (a sandboxed frame, a file) and anything unreadable
  }
}

export interface ReceiveOptions<T> {
  /** The largest file accepted; the body may be larger by the multipart envelope only. */
  maxFileBytes: number;
  /** The message for a file over the limit (shown beside the file field). */
  tooLarge: string;
  /** The message for a body that is not a form with a file. */
  unreadable: string;
  /** Who may send a body at all, decided before it is read (null: go on); the action decides again. */
  gate?: () => Promise<Response | null>;
  /** The action, given the form (fields and file) as the browser sent it. */
  action: (form: FormData) => Promise<ActionResult<T>>;
}

/**
 * What is refused before a byte of the body is read: another site's request (403), a
 * declared size over `limit` (413), and whatever `gate` refuses.
 */
export async function refusedBeforeReading(request: Request, options: { limit: number; tooLarge: string; gate?: () => Promise<Response | null> }): Promise<Response | null> {
  // Cookies are SameSite=Lax, so a cross-site POST carries no session; refuse it plainly as well.
  const origin = request.headers.get("origin");
  if (origin !== null && !sameSiteOrigin(origin, request)) return refuse(403, FOREIGN_ORIGIN_MESSAGE);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > options.limit) return refuse(413, options.tooLarge, "file");
  return options.gate ? options.gate() : null;
}

/**
 * The action's answer as JSON: 201 done, 401 signed out, 400 a field's problem (413 when it
 * is `tooLarge`, the file found too large as it streamed in), else 403.
 */
export function answerWith<T>(result: ActionResult<T>, tooLarge?: string): Response {
  if (result.ok) return NextResponse.json(result, { status: 201 });
  const status = result.formError === SIGNED_OUT_MESSAGE ? 401 : tooLarge && result.fieldErrors?.file === tooLarge ? 413 : result.fieldErrors ? 400 : 403;
  return NextResponse.json(result, { status });
}

export async function receiveUpload<T>(request: Request, options: ReceiveOptions<T>): Promise<Response> {
  const limit = options.maxFileBytes + UPLOAD_ENVELOPE_BYTES;
  const refused = await refusedBeforeReading(request, { limit, tooLarge: options.tooLarge, gate: options.gate });
  if (refused) return refused;
  if (!request.body) return refuse(400, options.unreadable, "file");
  const body = limitBytes(request.body, limit);
  let form: FormData;
  try {
    form = await new Response(body.stream, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return body.exceeded() ? refuse(413, options.tooLarge, "file") : refuse(400, options.unreadable, "file");
  }
  return answerWith(await options.action(form));
}

/** POST /api/uploads: one image for rich text (C6). */
export function receiveImage<T>(request: Request, action: (raw: unknown) => Promise<ActionResult<T>>): Promise<Response> {
  return receiveUpload(request, {
    maxFileBytes: MAX_UPLOAD_BYTES,
    tooLarge: "The image is larger than 5 MB. Choose a smaller image.",
    unreadable: "Choose an image file to upload.",
    action: (form) => action({ file: form.get("file") }),
  });
}
