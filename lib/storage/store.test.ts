/**
 * The storage back ends' one behaviour (lib/storage/store.ts), run against the local folder
 * and against a real S3-compatible server on loopback (s3rver, in its own process): bodies
 * streamed in and out whatever their length, byte ranges, missing objects, keys only the
 * server made, and a 50 MB file through each holding a bounded part of it.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchLiveMemory } from "@/lib/testing/memory";
import { localStore } from "./local";
import { s3Store } from "./s3";
import { type ObjectStore, RangeNotSatisfiableError, type StoredObject } from "./store";
import { type TestS3Server, startTestS3Server } from "./testing/s3-server";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = async (object: StoredObject | null) => (object ? new TextDecoder().decode(await new Response(object.body).arrayBuffer()) : null);

/** A web stream of `chunks`, with no declared length (like a chunked request body). */
function webStream(chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(bytes(next));
    },
  });
}

/** `total` bytes made as they are read, 64 KiB at a time (never held whole), and their SHA-256 once read. */
function generated(total: number, tick: (bytes: number) => void = () => undefined) {
  const hash = createHash("sha256");
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, total - sent));
      for (let i = 0; i < chunk.length; i += 4096) chunk[i] = (sent + i) % 251;
      sent += chunk.length;
      hash.update(chunk);
      tick(chunk.length);
      controller.enqueue(chunk);
    },
  });
  return { stream, digest: () => hash.digest("hex") };
}

async function digestOf(body: ReadableStream<Uint8Array>, tick: (bytes: number) => void = () => undefined): Promise<{ digest: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
    tick(chunk.length);
  }
  return { digest: hash.digest("hex"), size };
}

/**
 * The most live memory rose while `work` ran (lib/testing/memory.ts), sampled every `every` bytes
 * that `tick` reports.
 */
async function peakGrowth(work: (tick: (bytes: number) => void) => Promise<void>, every = 2 * 1024 * 1024): Promise<number> {
  const watch = await watchLiveMemory();
  let since = 0;
  await work((bytes) => {
    since += bytes;
    if (since < every) return;
    since = 0;
    watch.sample();
  });
  return watch.growth();
}

const localDir = mkdtempSync(path.join(tmpdir(), "portico-store-"));
let s3: TestS3Server;
const stores: Record<"local" | "s3", () => ObjectStore> = {
  local: () => localStore(localDir),
  s3: () => s3Store(s3.settings),
};

beforeAll(async () => {
  s3 = await startTestS3Server();
});
afterAll(async () => {
  await s3?.stop();
  rmSync(localDir, { recursive: true, force: true });
});

describe.each(["local", "s3"] as const)("the %s back end", (kind) => {
  let store: ObjectStore;
  beforeAll(() => {
    store = stores[kind]();
  });

  it("stores bytes, a web stream of unknown length and a Node stream, and gives each back as a stream with its size", async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    expect(await store.put(a, bytes("hello"), { contentType: "text/plain" })).toEqual({ size: 5 });
    expect(await store.put(b, webStream(["stream", "ed ", "in"]))).toEqual({ size: 11 });
    expect(await store.put(c, Readable.from([Buffer.from("node "), Buffer.from("stream")]), { size: 11 })).toEqual({ size: 11 });
    const got = await store.get(a);
    expect(got).toMatchObject({ size: 5, range: null });
    expect(got!.body).toBeInstanceOf(ReadableStream);
    expect(await text(got)).toBe("hello");
    expect(await text(await store.get(b))).toBe("streamed in");
    expect(await text(await store.get(c))).toBe("node stream");
  });

  it("answers a byte range: both ends, open-ended, an end past the last byte; a start past it is 416 with the size", async () => {
    const key = randomUUID();
    await store.put(key, bytes("0123456789"));
    const part = await store.get(key, { start: 2, end: 4 });
    expect(part).toMatchObject({ size: 10, range: { start: 2, end: 4 } });
    expect(await text(part)).toBe("234");
    expect(await text(await store.get(key, { start: 7 }))).toBe("789");
    const clamped = await store.get(key, { start: 8, end: 99 });
    expect(clamped!.range).toEqual({ start: 8, end: 9 });
    expect(await text(clamped)).toBe("89");
    for (const range of [{ start: 10 }, { start: 50, end: 60 }, { start: 5, end: 3 }]) {
      const error = await store.get(key, range).catch((e: unknown) => e);
      expect(error, JSON.stringify(range)).toBeInstanceOf(RangeNotSatisfiableError);
      expect((error as RangeNotSatisfiableError).size).toBe(10);
    }
    expect(await store.get(randomUUID(), { start: 0, end: 1 })).toBeNull();
  });

  it("answers null for a missing object, deletes (a missing one too), and refuses keys the server did not make", async () => {
    const key = randomUUID();
    expect(await store.get(key)).toBeNull();
    await store.put(key, bytes("x"));
    await store.delete([key, randomUUID()]);
    expect(await store.get(key)).toBeNull();
    for (const bad of ["../etc/passwd", "holiday.png", `${key}/x`, ""]) {
      await expect(store.put(bad, bytes("x")), bad).rejects.toThrow(/UUID/);
      await expect(store.get(bad), bad).rejects.toThrow(/UUID/);
      await expect(store.delete([bad]), bad).rejects.toThrow(/UUID/);
    }
  });

  it("keeps nothing of a body that fails half-way or is not its declared size", async () => {
    const failing = randomUUID();
    let sent = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 3) controller.enqueue(new Uint8Array(1024));
        else controller.error(new Error("the client went away"));
      },
    });
    await expect(store.put(failing, broken)).rejects.toThrow();
    expect(await store.get(failing)).toBeNull();
    const longer = randomUUID();
    await expect(store.put(longer, webStream(["0123456789"]), { size: 4 })).rejects.toThrow(/declared size/);
    expect(await store.get(longer)).toBeNull();
    const shorter = randomUUID();
    await expect(store.put(shorter, webStream(["0123"]), { size: 10 })).rejects.toThrow(/declared size/);
    expect(await store.get(shorter)).toBeNull();
    if (kind === "local") expect(readdirSync(localDir).filter((f) => f.startsWith("."))).toEqual([]);
  });

  // Streaming means memory does not follow the file's size. The S3 back end holds up to two
  // 5 MB parts in flight, one filling and the SDK's copy as it joins chunks into a part, and
  // the download's buffers: 27 MB measured, flat from the 15th MB of the upload on. The local
  // one holds a few chunks (5 MB measured). A file held whole would be 50 MB and more.
  const limit = { s3: 32, local: 10 }[kind];
  it(`streams a 50 MB file in and out holding less than ${limit} MB of it`, async () => {
    const total = 50 * 1024 * 1024;
    // Warm up first, so the SDK's and the file system's first-use allocations are not counted.
    const warm = randomUUID();
    await store.put(warm, generated(6 * 1024 * 1024).stream);
    await digestOf((await store.get(warm))!.body);

    const key = randomUUID();
    let digest = "";
    let read: { digest: string; size: number } = { digest: "", size: 0 };
    const growth = await peakGrowth(async (tick) => {
      const source = generated(total, tick);
      expect(await store.put(key, source.stream)).toEqual({ size: total });
      digest = source.digest();
      const object = await store.get(key);
      expect(object!.size).toBe(total);
      read = await digestOf(object!.body, tick);
    });
    expect(read).toEqual({ digest, size: total });
    expect(growth / 1024 / 1024).toBeLessThan(limit);
  });
});
