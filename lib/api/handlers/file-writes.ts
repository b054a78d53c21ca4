import "server-only";
/**
 * D2 G7: the API's group docs writes: the site's own actions performed as the token's person
 * (actAs: the same checks, permission in the writing transaction and audit row, naming the
 * token), answering with the file as GET /files/{id} shows that person after the change.
 *
 * An upload's body is the file's bytes, handed to the upload action as the stream the request
 * is (the site's route hands it busboy's file part instead: lib/group-docs/receive.ts): the
 * action checks the name, the type from the first bytes and the size as they are counted, and
 * streams them into storage, deleting what it stored if it then refuses. The address is found
 * as the pages find it first, so that a group or file the caller may not know of is the 404 of
 * none (G1, C5); who may upload or manage is then the action's own decision.
 */
import { type ActionResult, actAs } from "@/lib/actions";
import type { Viewer } from "@/lib/access/types";
import { deleteGroupFileAction, editGroupFileAction } from "@/lib/group-docs/actions";
import { groupFileMaxBytes } from "@/lib/group-docs/limits";
import { tooLargeMessage } from "@/lib/group-docs/mutations";
import { getGroupFile } from "@/lib/group-docs/queries";
import { uploadGroupFile, uploadGroupFileVersion } from "@/lib/group-docs/upload-actions";
import { getGroupPage } from "@/lib/groups/queries";
import { actionAnswer, actionProblem } from "../action-answer";
import type { groupFileSchema } from "../endpoints/files";
import { deleteFile, editFile, uploadFile, uploadFileVersion } from "../endpoints/file-writes";
import { apiGroupFile } from "../present/files";
import { problemResponse } from "../problem";
import { type ApiAnswer, apiRoute, refusal } from "../route";

type FileAnswer = ApiAnswer<typeof groupFileSchema>;

const tooLarge = () => problemResponse({ status: 413, title: "Content Too Large", detail: tooLargeMessage() });

/** The file as GET /files/{id} shows the caller now; 204 should the change have left it out of their sight. */
async function fileAfter(viewer: Viewer, fileId: string, success: { status?: 201; location?: string } = {}): Promise<FileAnswer> {
  const seen = await getGroupFile(viewer, fileId);
  if (seen.status !== "ok") return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
  return { ok: apiGroupFile(seen.value), ...success };
}

/** The request's body as the file the upload actions take; no body is an empty file, which the action refuses. */
function incomingFile(request: Request, name: string) {
  return { name, stream: request.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() }) };
}

/** A declared size over the limit is refused before a byte is read, as the site's route does (lib/uploads/receive.ts). */
const declaredTooLarge = (request: Request) => Number(request.headers.get("content-length") ?? "0") > groupFileMaxBytes();

/** An upload's answer: 201, the file, and where what was made is; a file over the limit 413 (the action's message, as the site's route answers it), any other refusal as actions' are. */
async function uploaded(viewer: Viewer, result: ActionResult<{ fileId: string; version: number }>, location: (data: { fileId: string; version: number }) => string): Promise<FileAnswer> {
  if (!result.ok) return result.fieldErrors?.file === tooLargeMessage() ? tooLarge() : actionProblem(result);
  return fileAfter(viewer, result.data.fileId, { status: 201, location: location(result.data) });
}

export const postGroupFile = apiRoute(uploadFile, async (call) => {
  const group = await getGroupPage(call.viewer, call.path.slug);
  if (group.status !== "ok") return refusal(uploadFile, group.status);
  if (declaredTooLarge(call.request)) return tooLarge();
  const result = await actAs(uploadGroupFile, call.caller)({ groupId: group.value.id, file: incomingFile(call.request, call.query.name) });
  return uploaded(call.viewer, result, (data) => `/api/v1/files/${data.fileId}`);
});

export const postFileVersion = apiRoute(uploadFileVersion, async (call) => {
  const file = await getGroupFile(call.viewer, call.path.id);
  if (file.status !== "ok") return refusal(uploadFileVersion, file.status);
  if (declaredTooLarge(call.request)) return tooLarge();
  const result = await actAs(uploadGroupFileVersion, call.caller)({ fileId: file.value.id, file: incomingFile(call.request, call.query.name ?? file.value.name) });
  return uploaded(call.viewer, result, (data) => `/api/v1/files/${data.fileId}/versions/${data.version}/content`);
});

/** A change sends only what it changes: the name left out is the file's own, as its form holds it. */
export const patchFile = apiRoute(editFile, async (call) => {
  const file = await getGroupFile(call.viewer, call.path.id);
  if (file.status !== "ok") return refusal(editFile, file.status);
  const result = await actAs(editGroupFileAction, call.caller)({ name: file.value.name, ...call.body, fileId: file.value.id });
  if (!result.ok) return actionProblem(result);
  return fileAfter(call.viewer, file.value.id);
});

export const deleteFileRoute = apiRoute(deleteFile, async (call) => {
  const file = await getGroupFile(call.viewer, call.path.id);
  if (file.status !== "ok") return refusal(deleteFile, file.status);
  const result = await actAs(deleteGroupFileAction, call.caller)({ fileId: file.value.id, confirmed: true });
  return actionAnswer(result, () => ({ id: file.value.id, deleted: true as const }));
});
