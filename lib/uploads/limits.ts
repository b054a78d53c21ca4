/**
 * The request body limits, in one place so that next.config.ts and the receivers agree and
 * no request is ever cut silently (M6, C6). No server-only code: next.config.ts and the
 * upload forms read these too.
 *
 * - Files travel only to route handlers (lib/uploads/receive.ts), which count the body as it
 *   streams in and refuse it with a clear message as soon as it passes its limit.
 * - Server actions carry text only; the longest is a rich text body (BODY_MAX characters).
 * - Next.js keeps only the first `middlewareClientMaxBodySize` bytes of any body that passes
 *   through middleware (all of them here) and drops the rest without an error: that limit is
 *   set above every other, so a receiver always sees a body that is too large and refuses it.
 */

/** The largest import file (M6): 100 000 people in CSV are about 12 MB. */
export const MAX_IMPORT_FILE_BYTES = 25 * 1024 * 1024;
/** Multipart overhead allowed on top of the file itself. */
export const UPLOAD_ENVELOPE_BYTES = 64 * 1024;
/** The largest body a route handler reads (an import file and its envelope). */
export const LARGEST_UPLOAD_BODY_BYTES = MAX_IMPORT_FILE_BYTES + UPLOAD_ENVELOPE_BYTES;
/** Server actions (text only): 200 000 characters of rich text, escaped, fit several times over. */
export const SERVER_ACTION_BODY_BYTES = 2 * 1024 * 1024;
/** What middleware passes on: more than any receiver reads, so none is ever handed a cut body. */
export const MIDDLEWARE_BODY_BYTES = LARGEST_UPLOAD_BODY_BYTES + 1024 * 1024;
