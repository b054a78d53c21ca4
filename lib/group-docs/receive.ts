import "server-only";
/**
 * G7: the two upload routes, POST /api/group-files (a new file, with the form field
 * `groupId` before the file) and POST /api/group-files/<id>/versions (a new version). A file
 * of up to PORTICO_GROUP_FILE_MAX_MB streams from the request into storage
 * (lib/uploads/receive-stream.ts) and the actions of ./upload-actions.ts do the rest, as for
 * any other change (viewer re-read, permission re-checked in the transaction, audit row).
 *
 * Middleware does not see these routes (middleware.ts's matcher: Next would copy the body
 * into memory for it), so they re-apply M7 and the security headers themselves
 * (lib/security/outside-middleware.ts). Who may send is decided before the body is read
 * (signed out: 401), then once the fields before the file are known: a group or file the
 * viewer may not know of is a 404 that a missing one also gets (G1), any other refusal a 403.
 */
import { NextResponse } from "next/server";
import { ENROL_FIRST_MESSAGE, REFUSED_MESSAGE, SIGNED_OUT_MESSAGE } from "@/lib/actions";
import type { ActionResult } from "@/lib/action-result";
import { refusalWhileViewingAs } from "@/lib/access/view-as";
import { getViewer } from "@/lib/access/viewer";
import type { Viewer } from "@/lib/access/types";
import type { Lookup } from "@/lib/lookup";
import { outsideMiddleware } from "@/lib/security/outside-middleware";
import { receiveStreamedUpload } from "@/lib/uploads/receive-stream";
import type { IncomingFile } from "@/lib/uploads/stream-bytes";
import { groupFileMaxBytes } from "./limits";
import { tooLargeMessage } from "./mutations";
import { fileForNewVersion, groupForUpload } from "./queries";
import { uploadGroupFile, uploadGroupFileVersion } from "./upload-actions";

const NO_SUCH_GROUP = "This group could not be found. Reload the page, then try again.";
const NO_SUCH_FILE = "This file could not be found. Reload the page, then try again.";

const json = (status: number, formError: string) => NextResponse.json({ ok: false, formError }, { status });

/** A form field's id, or 0 (no such id) for anything else. */
const idOf = (value: string | undefined) => (value && /^\d{1,10}$/.test(value) ? Number(value) : 0);

/** The upload's permission as the route answers it: null to go on, else 404 (naming nothing more than a missing one) or 403. */
function refusalOf(lookup: Lookup<true>, notFound: string): Response | null {
  if (lookup.status === "ok") return null;
  return lookup.status === "not-found" ? json(404, notFound) : json(403, REFUSED_MESSAGE);
}

function receive<T>(
  request: Request,
  target: { notFound: string; check: (viewer: Viewer, fields: Record<string, string>) => Promise<Lookup<true>> },
  action: (fields: Record<string, string>, file: IncomingFile) => Promise<ActionResult<T>>,
) {
  let viewer: Viewer | null = null;
  return receiveStreamedUpload(request, {
    maxFileBytes: groupFileMaxBytes(),
    tooLarge: tooLargeMessage(),
    unreadable: "Choose a file to upload.",
    before: async () => {
      viewer = await getViewer();
      if (!viewer) return json(401, SIGNED_OUT_MESSAGE);
      const viewingAs = refusalWhileViewingAs(viewer); // B2: refused before the file is read
      if (viewingAs) return json(403, viewingAs);
      return viewer.mustEnrolTwoFactor ? json(403, ENROL_FIRST_MESSAGE) : null;
    },
    atFile: async (fields) => refusalOf(await target.check(viewer!, fields), target.notFound),
    action,
  });
}

export const receiveGroupFile = outsideMiddleware((request: Request) =>
  receive(
    request,
    { notFound: NO_SUCH_GROUP, check: (viewer, fields) => groupForUpload(viewer, idOf(fields.groupId)) },
    (fields, file) => uploadGroupFile({ groupId: idOf(fields.groupId), file }),
  ),
);

export const receiveGroupFileVersion = outsideMiddleware((request: Request, fileId: string) =>
  receive(request, { notFound: NO_SUCH_FILE, check: (viewer) => fileForNewVersion(viewer, fileId) }, (_fields, file) => uploadGroupFileVersion({ fileId, file })),
);
