import "server-only";
/**
 * M6: receiving an import file. The file travels to the route handler POST /api/import/upload
 * (lib/uploads/receive.ts streams it in and refuses it as soon as it passes the limit),
 * never to a server action; this defineAction then re-reads the viewer, checks the file,
 * re-checks the webmaster right inside the transaction, stores the upload (nothing else is
 * written) and answers its preview, audited with counts, never personal data. The preview
 * and the apply then refer to the stored upload by its id.
 */
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { canAsWebmaster } from "@/lib/access/policies";
import type { Viewer } from "@/lib/access/types";
import { getViewer } from "@/lib/access/viewer";
import { type ApiActor, REFUSED_MESSAGE, SIGNED_OUT_MESSAGE, defineAction } from "@/lib/actions";
import { clientAddress } from "@/lib/auth/auth";
import { recordAudit } from "@/lib/audit/mutations";
import { receiveUpload } from "@/lib/uploads/receive";
import { MAX_IMPORT_BYTES, formatOfFileName } from "./formats";
import { storeUpload } from "./mutations";
import { type ImportPreview, getUpload, planUpload, previewOf } from "./queries";
import { IMPORT_TOO_LARGE_MESSAGE, uploadImportForm, uploadImportInput } from "./schemas";

export const uploadImportAction = defineAction({
  name: "import.upload",
  input: uploadImportForm.pipe(uploadImportInput),
  authorize: "import.run",
  run: async ({ viewer, input, tx }): Promise<ImportPreview> => {
    const content = new Uint8Array(await input.file.arrayBuffer());
    const format = formatOfFileName(input.file.name)!;
    const id = await storeUpload(tx, viewer, { kind: input.kind, format, fileName: input.file.name, content });
    const upload = (await getUpload(tx, viewer, id))!;
    return previewOf(upload, await planUpload(tx, upload, viewer.id));
  },
  audit: (input, result) => ({
    target: { type: "import", id: result.uploadId },
    details: {
      kind: input.kind,
      format: result.format,
      bytes: input.file.size,
      rows: result.rows,
      creates: result.creates,
      updates: result.updates,
      unchanged: result.unchanged,
      problems: result.problems.length,
    },
  }),
});

/**
 * M6: whether `viewer` may send an import file at all, decided before its body is read (up
 * to 25 MB): the webmaster right (lib/access). A refusal is audited as the action's would be,
 * naming the API token it came with (D5); the action decides again inside its transaction.
 */
export async function mayUploadImport(viewer: Viewer, request: Request, via?: ApiActor["token"]): Promise<boolean> {
  if (canAsWebmaster(viewer, "import.run")) return true;
  await recordAudit(await getDb(), {
    actor: { id: viewer.id, email: viewer.email },
    action: "import.upload.refused",
    address: clientAddress(request.headers),
    details: { declaredBytes: Number(request.headers.get("content-length") ?? 0) || null, ...(via ? { apiToken: { id: via.id, name: via.name } } : {}) },
  });
  return false;
}

/** The page's gate: the signed-in viewer, re-read, who may upload (mayUploadImport). */
async function gate(request: Request): Promise<Response | null> {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ ok: false, formError: SIGNED_OUT_MESSAGE }, { status: 401 });
  if (await mayUploadImport(viewer, request)) return null;
  return NextResponse.json({ ok: false, formError: REFUSED_MESSAGE }, { status: 403 });
}

/** POST /api/import/upload (multipart: kind, file): 201 with the preview, or a clear JSON message. */
export function receiveImportUpload(request: Request): Promise<Response> {
  return receiveUpload(request, {
    maxFileBytes: MAX_IMPORT_BYTES,
    tooLarge: IMPORT_TOO_LARGE_MESSAGE,
    unreadable: "Choose a file to upload.",
    gate: () => gate(request),
    action: uploadImportAction,
  });
}
