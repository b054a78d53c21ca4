/**
 * The local back end: one file per object, `<dir>/<key>` — PORTICO_DATA_DIR/uploads/<id>,
 * the layout uploads always had, so existing files keep working. A new object is written
 * under a temporary name and renamed into place once whole: a reader never sees half a file.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type ByteRange, type ObjectStore, type PutBody, type PutOptions, type StoredObject, assertKey, nodeStreamOf, spanOf, webStreamOf } from "./store";

/** Counts the bytes passing through; `limit` (the declared size) stops a longer body at once. */
function byteCounter(limit: number | undefined) {
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (limit !== undefined && size > limit) return done(new Error("the body is longer than its declared size"));
      done(null, chunk);
    },
  });
  return { transform, size: () => size };
}

export function localStore(dir: string): ObjectStore {
  const fileOf = (key: string) => {
    assertKey(key);
    return path.join(dir, key);
  };
  return {
    kind: "local",

    async put(key: string, body: PutBody, options: PutOptions = {}) {
      const file = fileOf(key);
      const partial = path.join(dir, `.partial-${key}`);
      await mkdir(dir, { recursive: true });
      const counter = byteCounter(options.size);
      try {
        await pipeline(nodeStreamOf(body), counter.transform, createWriteStream(partial, { flags: "wx", mode: 0o600 }));
        if (options.size !== undefined && counter.size() !== options.size) throw new Error("the body is shorter than its declared size");
        await stat(file).then(
          () => Promise.reject(new Error("an object with this key exists")),
          () => undefined,
        );
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true }).catch(() => undefined);
        throw error;
      }
      return { size: counter.size() };
    },

    async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
      const file = fileOf(key);
      let size: number;
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        size = info.size;
      } catch {
        return null;
      }
      const span = range ? spanOf(range, size) : null;
      const stream = createReadStream(file, span ? { start: span.start, end: span.end } : {});
      return { size, body: webStreamOf(stream), range: span };
    },

    async delete(keys: string[]) {
      await Promise.all(keys.map((key) => rm(fileOf(key), { force: true })));
    },
  };
}
