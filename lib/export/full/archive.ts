import "server-only";
/**
 * D3: the full export as one zip, streamed: `org.json`, the organisation file
 * (./org-file.ts), then every stored file it names at its path (./files.ts), read from
 * storage one at a time as the download reaches it. What the server holds at any moment is a
 * page of rows and one file's buffers, whatever the organisation's size; yazl writes ZIP64
 * where an entry or the archive passes 4 GB.
 *
 * A stored object that has gone (it should not: the storage ledger deletes only what no row
 * names) is listed in `missing-files.txt` at the end instead of stopping the export; the
 * loader then names the paths it lacks, and the webmaster decides.
 */
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { Db } from "@/db/connect";
import type { ObjectStore } from "@/lib/storage/store";
import { type ArchivedFile, archivedFilePages } from "./files";
import { orgFileText } from "./org-file";
import { inSnapshot } from "./snapshot";

export const ORG_FILE_ENTRY = "org.json";
export const MISSING_FILES_ENTRY = "missing-files.txt";

/** Kinds that are compressed already (office files are zips; images; PDF): stored as they are. */
const STORED_AS_IS = /\.(docx|xlsx|pptx|odt|ods|odp|zip|pdf|png|jpe?g|gif|webp)$/i;

type ExportEvent = string | ArchivedFile[];

async function* exportEvents(db: Db): AsyncGenerator<ExportEvent> {
  yield* orgFileText(db);
  yield* archivedFilePages(db);
}

/** The archive's bytes as a Node stream; destroying it (a download given up) ends the reading and its snapshot. */
export function fullExportArchive(db: Db, store: ObjectStore, now = new Date()): Readable {
  const zip = new ZipFile();
  const out = zip.outputStream as Readable;
  const events = inSnapshot(db, exportEvents);
  const stopped = new AbortController();
  out.once("close", () => stopped.abort());
  zip.on("error", (error: Error) => out.destroy(error));

  let firstFiles: ArchivedFile[] | null = null;
  async function* orgFile(): AsyncGenerator<string> {
    for (;;) {
      const next = await events.next();
      if (next.done) return;
      if (typeof next.value !== "string") {
        firstFiles = next.value;
        return;
      }
      yield next.value;
    }
  }
  const orgFileStream = Readable.from(orgFile());
  zip.addReadStream(orgFileStream, ORG_FILE_ENTRY, { mtime: now });
  stopped.signal.addEventListener("abort", () => orgFileStream.destroy(), { once: true });

  const addFiles = async () => {
    await untilEnded(orgFileStream, stopped.signal);
    if (stopped.signal.aborted) return;
    const missing: string[] = [];
    const pages = async function* () {
      if (firstFiles) yield firstFiles;
      for (;;) {
        const next = await events.next();
        if (next.done) return;
        if (typeof next.value !== "string") yield next.value;
      }
    };
    for await (const page of pages()) {
      for (const file of page) {
        if (stopped.signal.aborted) return;
        const object = await store.get(file.key);
        if (!object) {
          missing.push(file.path);
          continue;
        }
        const bytes = Readable.fromWeb(object.body as import("node:stream/web").ReadableStream<Uint8Array>);
        zip.addReadStream(bytes, file.path, { mtime: now, compress: !STORED_AS_IS.test(file.path) });
        // One object open at a time: the next is asked for once the archive has read this one.
        await untilEnded(bytes, stopped.signal);
      }
    }
    if (missing.length) {
      const text = `These files are named in ${ORG_FILE_ENTRY} but their stored bytes were not found when the export was made:\n${missing.join("\n")}\n`;
      zip.addBuffer(Buffer.from(text), MISSING_FILES_ENTRY, { mtime: now });
    }
    zip.end();
  };
  addFiles()
    .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
    .finally(() => void events.return(undefined));
  return out;
}

/** Resolves when the stream has been read to its end, or at once when the export is given up. */
function untilEnded(stream: Readable, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted || stream.readableEnded) return resolve();
    const done = () => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    stream.once("end", done);
    stream.once("error", (error) => {
      signal.removeEventListener("abort", done);
      reject(error);
    });
    signal.addEventListener("abort", done, { once: true });
  });
}
