import "server-only";
/**
 * What a piece of work holds in memory while it runs, for the tests that prove a body is
 * streamed rather than held whole: live memory (V8's heap and the buffers outside it, where
 * a file held whole would sit), read after a full collection so garbage the collector has yet
 * to take is not counted. Not resident memory: the allocator keeps pages it has freed, and
 * that rose by 25 MB on a loaded CI machine for work that held 15.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** A full garbage collection on demand (V8's own, reached without a command-line flag). */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function liveMemory(): number {
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

export interface MemoryWatch {
  /** Reads live memory now (a full collection first): call it often while the work runs. */
  sample(): void;
  /** The most live memory rose above the starting level at any sample, in bytes. */
  growth(): number;
}

/**
 * Starts watching: memory that earlier tests freed is given back over a few collections, so
 * it is settled first and the starting level read after.
 */
export async function watchLiveMemory(): Promise<MemoryWatch> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const start = liveMemory();
  let peak = start;
  return {
    sample: () => void (peak = Math.max(peak, liveMemory())),
    growth: () => peak - start,
  };
}
