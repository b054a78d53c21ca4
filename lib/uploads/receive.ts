import "server-only";
/**
 * Receiving one image as multipart form data (a `file` field) in a route handler: a file
 * of up to 5 MB is larger than Next.js lets a server action receive. Same-site only, the
 * declared size checked before the body is read, then the defineAction does the rest
 * (viewer re-read, checks on the bytes, permission, audit row).
 */
import { NextResponse } from "next/server";
import type { ActionResult } from "@/lib/action-result";
import { MAX_UPLOAD_BYTES } from "./image-check";

/** Multipart overhead allowed on top of the file itself. */
const ENVELOPE_BYTES = 64 * 1024;

function refuse(status: number, formError: string, field?: "file") {
  return NextResponse.json(field ? { ok: false, fieldErrors: { [field]: formError } } : { ok: false, formError }, { status });
}

export async function receiveImage<T>(request: Request, action: (raw: unknown) => Promise<ActionResult<T>>): Promise<Response> {
  // Cookies are SameSite=Lax, so a cross-site POST carries no session; refuse it plainly as well.
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== process.env.AUTH_URL?.replace(/\/$/, "")) {
    return refuse(403, "Uploads are only accepted from this site.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) return refuse(413, "The image is larger than 5 MB. Choose a smaller image.", "file");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, "Choose an image file to upload.", "file");
  }
  const result = await action({ file: form.get("file") });
  if (result.ok) return NextResponse.json(result, { status: 201 });
  const status = result.formError?.startsWith("Your session has ended") ? 401 : result.fieldErrors ? 400 : 403;
  return NextResponse.json(result, { status });
}
