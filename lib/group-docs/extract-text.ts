import "server-only";
/**
 * D4 G7: the text of a group file, for search (`group_files.extracted_text`, read by the
 * search vector's trigger, migration 0028). Plain text, CSV and Markdown are decoded here;
 * PDF (pdf.js through unpdf) and Word .docx (fflate and htmlparser2) are read in a worker
 * thread (./extract-text-worker.mjs), one per file. Anything else has no text (null).
 *
 * Bounded, so that no file can hang or exhaust the server, and never failing an upload:
 * - only files up to TEXT_SOURCE_MAX_BYTES are read (a larger one is still stored, and
 *   found by its name); of a text file, only as many bytes as the longest text can need;
 * - the worker has a JavaScript heap of EXTRACT_HEAP_MB and EXTRACT_TIMEOUT_MS of wall-clock
 *   time, and is ended (`terminate`) past either, or when the process has grown by more than
 *   EXTRACT_MEMORY_MB since it started (its buffers are outside the heap cap); a Word file's
 *   document.xml is inflated only up to its declared size, and only when that is at most
 *   32 MB (the worker's comment says how);
 * - at most two workers run at once and sixteen files wait for one; past that a file gets
 *   no text rather than a wait;
 * - the text kept is at most MAX_TEXT_CHARS characters, with invalid sequences and control
 *   characters (other than newlines and tabs) dropped: PostgreSQL's text takes no NUL.
 * Failing, timing out or a corrupt file: null, and one line in the log naming the kind and
 * the reason, never the file's name or a word of it.
 *
 * The worker is a plain .mjs file found from the working directory (the project's folder,
 * under vitest as under `next start`), so Next's bundler never rewrites it, and it loads its
 * libraries from node_modules as Node does.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { objectStore } from "@/lib/storage/current";

const MB = 1024 * 1024;

/** Only files up to this size are read for their text. */
export const TEXT_SOURCE_MAX_BYTES = 20 * MB;
/** The longest text kept (the search vector reads as much: migration 0028). */
export const MAX_TEXT_CHARS = 200_000;
/** How long one file's worker may run. */
export const EXTRACT_TIMEOUT_MS = 10_000;
/** The worker's JavaScript heap (old generation). */
export const EXTRACT_HEAP_MB = 128;
/** How much the process may grow while a worker runs before the worker is ended. */
export const EXTRACT_MEMORY_MB = 512;
/** The largest word/document.xml inflated. */
const DOCX_XML_MAX_BYTES = 32 * MB;
/** A text file's bytes read: enough for MAX_TEXT_CHARS characters (UTF-8 takes at most 3 bytes for each of a JavaScript string's), with room for what cleaning drops. */
const TEXT_READ_BYTES = 4 * MAX_TEXT_CHARS;
const RUNNING_AT_MOST = 2;
const WAITING_AT_MOST = 16;
const MEMORY_CHECK_MS = 100;

const TEXT_KINDS = new Set(["txt", "csv", "md"]);
const WORKER_KINDS = new Set(["pdf", "docx"]);

const WORKER_FILE = path.join(process.cwd(), "lib/group-docs/extract-text-worker.mjs");

export interface ExtractOptions {
  /** The worker's time (EXTRACT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** How much the process may grow while the worker runs (EXTRACT_MEMORY_MB). */
  memoryMb?: number;
  /** Another worker script: for tests (a worker that hangs). */
  workerFile?: string;
}

/** Whether files of this extension (lower case, no dot) have text read from them. */
export function extractsText(extension: string): boolean {
  return TEXT_KINDS.has(extension) || WORKER_KINDS.has(extension);
}

const log = (extension: string, why: string) => console.warn(`group docs: no text read from a .${extension} file: ${why}`);

/** Text as it is kept: well-formed, newlines as \n, no control characters but newlines and tabs, no replacement characters, at most MAX_TEXT_CHARS; null when nothing is left. */
export function cleanText(raw: string): string | null {
  let text = raw
    .toWellFormed()
    .replace(/\r\n?|[\v\f\u2028\u2029]/g, "\n")
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFD]/g, "")
    .slice(0, MAX_TEXT_CHARS);
  // The cut may fall between the two halves of a character.
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return text.trim() ? text : null;
}

/** UTF-8 bytes (perhaps cut part-way through a character) as text; invalid sequences dropped. */
function decodeText(bytes: Uint8Array): string | null {
  return cleanText(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
}

// ---- at most RUNNING_AT_MOST workers at once ----

let running = 0;
const waiting: Array<() => void> = [];

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** A worker's turn (call the answer when done), or null when too many files are waiting already. */
async function turn(): Promise<(() => void) | null> {
  if (running < RUNNING_AT_MOST) {
    running++;
    return release;
  }
  if (waiting.length >= WAITING_AT_MOST) return null;
  await new Promise<void>((resolve) => waiting.push(resolve));
  return release;
}

/**
 * Whether a file read now would wait for a worker. Read in the same tick as the reading starts
 * (nothing is awaited in between), it is exact: the background job reads only then, so that
 * uploads never find every worker taken by it.
 */
export function workersBusy(): boolean {
  return running >= RUNNING_AT_MOST || waiting.length > 0;
}

type WorkerAnswer = { text: string | null } | { failed: string };

/** Runs the worker on `bytes`, whose memory moves to it (the caller must not use them again). */
function runWorker(extension: string, bytes: Uint8Array, options: ExtractOptions): Promise<string | null> {
  const timeoutMs = options.timeoutMs ?? EXTRACT_TIMEOUT_MS;
  const memoryMb = options.memoryMb ?? EXTRACT_MEMORY_MB;
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(options.workerFile ?? WORKER_FILE, {
        workerData: { kind: extension, bytes, maxChars: MAX_TEXT_CHARS, maxXmlBytes: DOCX_XML_MAX_BYTES },
        transferList: [bytes.buffer as ArrayBuffer],
        resourceLimits: { maxOldGenerationSizeMb: EXTRACT_HEAP_MB, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      });
    } catch (error) {
      log(extension, `the worker did not start (${(error as Error).name})`);
      return resolve(null);
    }
    const grownFrom = process.memoryUsage.rss();
    let settled = false;
    const finish = (text: string | null, why?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      if (why) log(extension, why);
      // The turn ends once the thread has (never more than RUNNING_AT_MOST alive), or a second
      // after asking it to, were it slow to stop.
      const stopped = worker.terminate().catch(() => undefined);
      void Promise.race([stopped, new Promise((wait) => setTimeout(wait, 1_000))]).then(() => resolve(text === null ? null : cleanText(text)));
    };
    const timer = setTimeout(() => finish(null, `timed out after ${timeoutMs} ms`), timeoutMs);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - grownFrom > memoryMb * MB) finish(null, `used more than ${memoryMb} MB`);
    }, MEMORY_CHECK_MS);
    worker.on("message", (answer: WorkerAnswer) => ("failed" in answer ? finish(null, `unreadable (${answer.failed})`) : finish(answer.text)));
    worker.on("error", (error: Error & { code?: string }) => finish(null, `the worker failed (${error.code ?? error.name})`));
    worker.on("exit", (code) => finish(null, `the worker stopped (exit code ${code})`));
  });
}

/** Runs the worker on the bytes `read` answers once it is this file's turn (a file waiting for a worker holds none of its bytes). */
async function inWorker(extension: string, read: () => Promise<Uint8Array>, options: ExtractOptions): Promise<string | null> {
  const done = await turn();
  if (!done) {
    log(extension, "too many files are being read already");
    return null;
  }
  try {
    return await runWorker(extension, await read(), options);
  } finally {
    done();
  }
}

/**
 * The text of a file of this extension (lower case, no dot), or null: no text, a kind that
 * has none, a file over TEXT_SOURCE_MAX_BYTES, or one that could not be read in the time and
 * memory allowed. Never throws. `bytes` are left as they are (the worker reads a copy).
 */
export async function extractText(bytes: Uint8Array, extension: string, options: ExtractOptions = {}): Promise<string | null> {
  if (!extractsText(extension) || bytes.byteLength === 0 || bytes.byteLength > TEXT_SOURCE_MAX_BYTES) return null;
  try {
    if (TEXT_KINDS.has(extension)) return decodeText(bytes.subarray(0, TEXT_READ_BYTES));
    return await inWorker(extension, async () => bytes.slice(), options);
  } catch (error) {
    log(extension, `failed (${(error as Error).name})`);
    return null;
  }
}

/** At most `length` first bytes of a stored object. */
async function readStored(key: string, length: number): Promise<Uint8Array> {
  const stored = await objectStore().get(key, { start: 0, end: length - 1 });
  if (!stored) throw Object.assign(new Error("the stored object is missing"), { name: "Missing" });
  const bytes = new Uint8Array(Math.min(length, stored.size));
  const reader = stored.body.getReader();
  let at = 0;
  try {
    while (at < bytes.length) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = value.subarray(0, bytes.length - at);
      bytes.set(part, at);
      at += part.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return at === bytes.length ? bytes : bytes.slice(0, at);
}

/**
 * The text of a file just stored under `key` (`size` bytes), read back from storage: only
 * what the extraction needs (a text file's first TEXT_READ_BYTES), and a PDF or Word file
 * only once it is its turn for a worker. Never throws.
 */
export async function extractStoredText(key: string, size: number, extension: string, options: ExtractOptions = {}): Promise<string | null> {
  if (!extractsText(extension) || size === 0 || size > TEXT_SOURCE_MAX_BYTES) return null;
  try {
    if (TEXT_KINDS.has(extension)) return decodeText(await readStored(key, Math.min(size, TEXT_READ_BYTES)));
    return await inWorker(extension, () => readStored(key, size), options);
  } catch (error) {
    log(extension, `failed (${(error as Error).name})`);
    return null;
  }
}
