import "server-only";
/**
 * Receiving one large file as multipart form data without ever holding it in memory (G7: up
 * to PORTICO_GROUP_FILE_MAX_MB, 50 by default). The body is parsed as it arrives (busboy)
 * and the file part handed on as a stream the moment it starts, with the form's fields that
 * came before it; the action reads it straight into storage, and busboy waits for the action
 * to take each chunk (backpressure), so memory stays flat whatever the file's size.
 *
 * The same checks as every upload route (lib/uploads/receive.ts): same site only, a declared
 * size over the limit refused before the body is read, the body counted as it streams in.
 * A refusal after the body has started (a gate at the file, a type found wrong from its
 * first bytes) reads the rest to its end — at most the limit — and discards it, so the
 * browser, still sending, receives the answer rather than a reset connection.
 */
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import type { ActionResult } from "@/lib/action-result";
import { UPLOAD_ENVELOPE_BYTES } from "./limits";
import { answerWith, refuse, refusedBeforeReading } from "./receive";
import { type IncomingFile, limitBytes } from "./stream-bytes";

export interface StreamedReceiveOptions<T> {
  /** The largest file accepted; the body may be larger by the multipart envelope only. */
  maxFileBytes: number;
  /** The message for a file over the limit (shown beside the file field; 413). */
  tooLarge: string;
  /** The message for a body that is not a form with a file. */
  unreadable: string;
  /** Refuses before the body is read (no session: 401), or null to go on. */
  before?: () => Promise<Response | null>;
  /** Refuses once the fields before the file are known (no such group: 404), or null to go on. */
  atFile?: (fields: Record<string, string>) => Promise<Response | null>;
  /** The action, given the fields sent before the file, and the file as it streams in. */
  action: (fields: Record<string, string>, file: IncomingFile) => Promise<ActionResult<T>>;
}

/** The file field's name in every form that sends one. */
const FILE_FIELD = "file";
const CHUNK_QUEUE_BYTES = 64 * 1024;
/** More than the parser and the streams between it and the action ever hold. */
const READ_AHEAD_BYTES = 1024 * 1024;

/**
 * busboy's file part as a web stream that keeps busboy's backpressure (the part is paused
 * while the queue is full). Cancelling it leaves the part paused, the rest of the body
 * unread, until the route has decided: `discard` then lets the rest flow away unread, so
 * the parser carries on to the end of the body.
 */
function webStreamOfPart(part: Readable): { stream: ReadableStream<Uint8Array>; discard: () => void } {
  let listening: ((chunk: Buffer) => void) | null = null;
  const stopListening = () => {
    if (listening) part.off("data", listening);
    listening = null;
    part.pause();
  };
  const discard = () => {
    stopListening();
    part.resume();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        listening = (chunk) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) part.pause();
        };
        part.on("data", listening);
        part.pause();
        part.once("end", () => listening && controller.close());
        part.once("error", (error) => listening && controller.error(error));
      },
      pull() {
        part.resume();
      },
      cancel: stopListening,
    },
    { highWaterMark: CHUNK_QUEUE_BYTES, size: (chunk) => chunk.byteLength },
  );
  return { stream, discard };
}

export async function receiveStreamedUpload<T>(request: Request, options: StreamedReceiveOptions<T>): Promise<Response> {
  const limit = options.maxFileBytes + UPLOAD_ENVELOPE_BYTES;
  const refused = await refusedBeforeReading(request, { limit, tooLarge: options.tooLarge, gate: options.before });
  if (refused) return refused;
  const unreadable = () => refuse(400, options.unreadable, "file");
  if (!request.body) return unreadable();
  let parser: busboy.Busboy;
  try {
    // Browsers send a file's name as UTF-8; busboy reads Latin-1 unless told.
    parser = busboy({ headers: { "content-type": request.headers.get("content-type") ?? "" }, defParamCharset: "utf8", limits: { files: 1, fields: 20, fieldSize: 1024, parts: 21 } });
  } catch {
    return unreadable(); // not multipart/form-data
  }
  // A backstop above the file's own limit (the action counts the file's bytes and says so):
  // the body is read a little ahead of the file's consumer, by what the streams queue.
  const body = limitBytes(request.body, limit + READ_AHEAD_BYTES);
  const source = Readable.fromWeb(body.stream as unknown as WebReadableStream<Uint8Array>);
  const stopReading = () => {
    source.destroy();
    parser.destroy(new Error("the upload was refused"));
  };
  const fields: Record<string, string> = {};
  // What the file part led to: the action's answer, or the gate's refusal.
  let answer: Promise<Response> | null = null as Promise<Response> | null;

  const parsed = new Promise<"done" | "failed">((resolve) => {
    parser.on("field", (name, value) => {
      if (!answer) fields[name] = value;
    });
    parser.on("file", (name, part, info) => {
      if (name !== FILE_FIELD || answer) return void part.resume();
      const incoming = webStreamOfPart(part);
      answer = (async () => {
        try {
          const gated = options.atFile ? await options.atFile({ ...fields }) : null;
          if (gated) return gated;
          const answered = answerWith(await options.action({ ...fields }, { name: info.filename ?? "", stream: incoming.stream }), options.tooLarge);
          // Too large: only a body without a declared size gets here (browsers declare it), so stop reading it.
          if (answered.status === 413) stopReading();
          return answered;
        } finally {
          incoming.discard(); // whatever the action left unread
        }
      })();
    });
    parser.on("close", () => resolve("done"));
    parser.on("error", () => resolve("failed"));
    source.on("error", (error) => parser.destroy(error)).pipe(parser);
  });

  const ending = await parsed;
  const answered = answer ? await answer : null;
  // A stored file stands; otherwise a body past the backstop is refused as too large, whatever cut it short.
  if (answered?.ok) return answered;
  if (body.exceeded()) return refuse(413, options.tooLarge, "file");
  if (answered) return answered;
  return ending === "done" ? refuse(400, "Choose a file to upload.", "file") : unreadable();
}
