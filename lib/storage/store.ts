/**
 * The one interface every storage back end answers to (./local.ts, ./s3.ts). Bodies are
 * streamed both ways, so a 50 MB file never sits in memory whole. Keys are UUIDs the server
 * made, never a name a person chose; a back end refuses any other key.
 */
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { isUuid } from "@/db/sql";

/** What may be stored: a web stream (a request body, a File's stream), a Node stream, or bytes already in memory (a small image). */
export type PutBody = ReadableStream<Uint8Array> | Readable | Uint8Array;

export interface PutOptions {
  /** The length, when known: a body of any other length is refused, and nothing stays stored. */
  size?: number;
  /** Recorded with the object where the back end keeps one (S3); what is served is always the type the database holds. */
  contentType?: string;
}

/** Bytes `start` to `end`, both included (HTTP's Range); `end` absent: to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface StoredObject {
  /** The whole object's size. */
  size: number;
  /** The bytes asked for, not yet read. */
  body: ReadableStream<Uint8Array>;
  /** The part `body` holds, when a range was asked for. */
  range: { start: number; end: number } | null;
}

/** A range that starts past the last byte (HTTP 416); the object's size goes in Content-Range. */
export class RangeNotSatisfiableError extends Error {
  constructor(readonly size: number) {
    super("the range starts past the end of the object");
  }
}

export interface ObjectStore {
  readonly kind: "local" | "s3";
  /** Writes a new object; answers its size. A key is written once: the server never reuses one. */
  put(key: string, body: PutBody, options?: PutOptions): Promise<{ size: number }>;
  /** The object, or a part of it; null when there is none. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** Deletes the objects; a missing one is no error. */
  delete(keys: string[]): Promise<void>;
}

export function assertKey(key: string): void {
  if (!isUuid(key)) throw new Error("a storage key is a UUID the server made");
}

/** Any PutBody as a Node stream. */
export function nodeStreamOf(body: PutBody): Readable {
  if (body instanceof Uint8Array) return Readable.from([body], { objectMode: false });
  if (body instanceof Readable) return body;
  return Readable.fromWeb(body as WebReadableStream<Uint8Array>);
}

/** A Node stream as the web stream a Response takes. */
export function webStreamOf(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}

/** The inclusive byte span a range asks of an object of `size` bytes, or the 416 error. */
export function spanOf(range: ByteRange, size: number): { start: number; end: number } {
  if (!Number.isSafeInteger(range.start) || range.start < 0 || range.start >= size) throw new RangeNotSatisfiableError(size);
  const end = range.end === undefined ? size - 1 : Math.min(range.end, size - 1);
  if (!Number.isSafeInteger(end) || end < range.start) throw new RangeNotSatisfiableError(size);
  return { start: range.start, end };
}
