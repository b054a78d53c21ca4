/**
 * The S3 back end, for Amazon S3 or any S3-compatible service (MinIO, Ceph, Garage, R2…),
 * through the maintained AWS SDK. One object per key, at the bucket's top level.
 *
 * - A body of unknown length goes up as a multipart upload in 5 MB parts, at most two in
 *   flight (@aws-sdk/lib-storage): memory stays near 23 MB (two parts sent, one filling, and
 *   the copy the SDK makes as it joins chunks into a part) whatever the file's size. A
 *   multipart upload that fails is aborted, so no parts are left behind.
 * - Checksums are sent and checked only where S3 requires them: the SDK's newer default
 *   (a trailing CRC32 in an aws-chunked body) is refused by many S3-compatible services.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Transform } from "node:stream";
import type { S3Settings } from "./settings";
import { type ByteRange, type ObjectStore, type PutBody, type PutOptions, RangeNotSatisfiableError, type StoredObject, assertKey, nodeStreamOf } from "./store";

const PART_BYTES = 5 * 1024 * 1024; // S3's smallest part
const PARTS_IN_FLIGHT = 2;

function statusOf(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

/** "bytes 0-99/1234" → the span and the whole size. */
function parseContentRange(header: string | undefined): { start: number; end: number; size: number } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? "");
  return match ? { start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) } : null;
}

export function s3Store(settings: S3Settings): ObjectStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = settings.bucket;

  /** A range the object cannot satisfy: the 416 with the object's size, or null when there is no object. */
  const unsatisfiable = async (key: string): Promise<null> => {
    let size: number;
    try {
      size = Number((await client.send(new HeadObjectCommand({ Bucket, Key: key }))).ContentLength ?? 0);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
    throw new RangeNotSatisfiableError(size);
  };

  return {
    kind: "s3",

    async put(key: string, body: PutBody, options: PutOptions = {}) {
      assertKey(key);
      if (body instanceof Uint8Array) {
        if (options.size !== undefined && body.byteLength !== options.size) throw new Error("the body is not its declared size");
        await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: body.byteLength, ContentType: options.contentType }));
        return { size: body.byteLength };
      }
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (options.size !== undefined && size > options.size) return done(new Error("the body is longer than its declared size"));
          done(null, chunk);
        },
      });
      const source = nodeStreamOf(body);
      source.once("error", (error) => counted.destroy(error));
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: source.pipe(counted), ContentType: options.contentType },
        partSize: PART_BYTES,
        queueSize: PARTS_IN_FLIGHT,
        leavePartsOnError: false,
      });
      await upload.done();
      if (options.size !== undefined && size !== options.size) {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key })).catch(() => undefined);
        throw new Error("the body is shorter than its declared size");
      }
      return { size };
    },

    async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
      assertKey(key);
      if (range && range.end !== undefined && range.end < range.start) return unsatisfiable(key);
      try {
        const answer = await client.send(
          new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end ?? ""}` : undefined }),
        );
        if (!answer.Body) return null;
        const body = answer.Body.transformToWebStream() as ReadableStream<Uint8Array>;
        const span = range ? parseContentRange(answer.ContentRange) : null;
        if (range && !span) {
          // A service that ignored the range and sent the whole object: not served as a part of it.
          await body.cancel();
          throw new Error("the storage service did not answer the byte range asked for");
        }
        return span ? { size: span.size, body, range: { start: span.start, end: span.end } } : { size: Number(answer.ContentLength ?? 0), body, range: null };
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) return null;
        if (status === 416 && range) return unsatisfiable(key);
        throw error;
      }
    },

    async delete(keys: string[]) {
      keys.forEach(assertKey);
      await Promise.all(keys.map((key) => client.send(new DeleteObjectCommand({ Bucket, Key: key }))));
    },
  };
}
