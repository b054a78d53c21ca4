import "server-only";
/**
 * D2 M6: the import through the API, in the import page's two steps: the file is received as
 * the page's route receives it (the webmaster right decided, and a refusal audited, before a
 * byte of up to 25 MB is read; the body counted as it streams in) and given to the page's own
 * upload action, which keeps it and answers its preview; the apply is the page's own action,
 * which writes only the plan whose fingerprint was previewed (409 otherwise). Both as the
 * token's person (actAs), audited naming the token.
 */
import { canAsWebmaster } from "@/lib/access/policies";
import { REFUSED_MESSAGE, actAs } from "@/lib/actions";
import { applyImportAction } from "@/lib/import/actions";
import { type ImportFormat, MAX_IMPORT_BYTES, formatOfFileName } from "@/lib/import/formats";
import { UPLOAD_GONE_MESSAGE } from "@/lib/import/mutations";
import { type ImportPreview, getImportPreviewForViewer } from "@/lib/import/queries";
import { IMPORT_TOO_LARGE_MESSAGE } from "@/lib/import/schemas";
import { mayUploadImport, uploadImportAction } from "@/lib/import/upload-action";
import { limitBytes } from "@/lib/uploads/stream-bytes";
import { actionAnswer, actionProblem } from "../action-answer";
import { type importPreviewSchema, applyImport, getImport, uploadImport } from "../endpoints/people-writes";
import { problemResponse } from "../problem";
import { apiRoute, badQuery, refusal } from "../route";
import type { z } from "zod";

export function apiImportPreview(preview: ImportPreview): z.input<typeof importPreviewSchema> {
  return {
    uploadId: preview.uploadId,
    kind: preview.kind,
    format: preview.format,
    fileName: preview.fileName,
    appliedAt: preview.appliedAt?.toISOString() ?? null,
    rows: preview.rows,
    creates: preview.creates,
    updates: preview.updates,
    unchanged: preview.unchanged,
    problems: preview.problems.map(({ row, field, message }) => ({ row, field, message })),
    changes: preview.changes.map(({ row, label, action, fields }) => ({ row, label, action, fields })),
    fingerprint: preview.fingerprint,
  };
}

/** The format a media type names: text/csv, JSON and XML (their +json and +xml kin too); null for one that names none (application/octet-stream, text/plain). */
function formatOfMediaType(header: string | null): ImportFormat | null {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "text/csv" || type === "application/csv") return "csv";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "application/xml" || type === "text/xml" || type.endsWith("+xml")) return "xml";
  return null;
}

export const postImport = apiRoute(uploadImport, async (call) => {
  const { request, caller } = call;
  // As the page's route: nobody without the right has a byte of their file read.
  if (!(await mayUploadImport(call.viewer, request, caller.token))) return actionProblem({ ok: false, formError: REFUSED_MESSAGE });
  const said = { format: call.query.format ?? null, "Content-Type": formatOfMediaType(request.headers.get("content-type")), fileName: call.query.fileName ? formatOfFileName(call.query.fileName) : null };
  const formats = [...new Set(Object.values(said).filter((f) => f !== null))];
  const format = formats[0];
  if (!format || formats.length > 1) {
    const which = Object.entries(said).flatMap(([by, f]) => (f ? [`${by} says ${f}`] : []));
    return badQuery({
      format: format ? `${which.join(", ")}: make them agree.` : "Say what the file is: send it with Content-Type text/csv, application/json or application/xml, or give format=csv, json or xml.",
    }, "The file's format is not known: see errors.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_IMPORT_BYTES) return problemResponse({ status: 413, title: "Content Too Large", detail: IMPORT_TOO_LARGE_MESSAGE });
  let bytes = new Uint8Array(0);
  if (request.body) {
    const body = limitBytes(request.body, MAX_IMPORT_BYTES);
    try {
      bytes = new Uint8Array(await new Response(body.stream).arrayBuffer());
    } catch {
      if (body.exceeded()) return problemResponse({ status: 413, title: "Content Too Large", detail: IMPORT_TOO_LARGE_MESSAGE });
      return problemResponse({ status: 400, title: "Bad Request", detail: "The body could not be read to its end. Send the file again." });
    }
  }
  // The action knows the format by the file's name, as it does the page's.
  const given = call.query.fileName;
  const name = given ? (formatOfFileName(given) ? given : `${given}.${format}`) : `import.${format}`;
  const form = new FormData();
  form.set("kind", call.query.kind);
  form.set("file", new File([bytes], name));
  const result = await actAs(uploadImportAction, caller)(form);
  return actionAnswer(result, apiImportPreview, { status: 201, location: (data) => `/api/v1/imports/${data.uploadId}` });
});

/** As the import page: 403 for anyone but webmasters, then the upload's preview against Portico now, or 404. */
export const getImportRoute = apiRoute(getImport, async ({ viewer, path: { id } }) => {
  if (!canAsWebmaster(viewer, "import.run")) return refusal(getImport, "forbidden");
  const preview = await getImportPreviewForViewer(viewer, id);
  return preview ? { ok: apiImportPreview(preview) } : refusal(getImport, "not-found");
});

export const postApply = apiRoute(applyImport, async (call) => {
  const result = await actAs(applyImportAction, call.caller)({ ...call.body, uploadId: call.path.id });
  if (!result.ok && result.formError === UPLOAD_GONE_MESSAGE) return refusal(applyImport, "not-found");
  return actionAnswer(result, (data) => data);
});
