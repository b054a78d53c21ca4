import "server-only";
/**
 * D3: the full export reads the whole organisation over many queries, while people go on
 * changing it. On PostgreSQL it reads one snapshot, as pg_dump does: a read-only,
 * repeatable-read transaction held while the download streams, so every reference in the
 * file (an author, a section, a file's bytes) is to something the same file holds. On the
 * embedded PGlite, one connection serves everyone and a transaction held for a download
 * would hold up every page: there the export reads as it goes (an embedded database's
 * organisation is exported in seconds, and a reference the loader cannot resolve is refused
 * by it with its path, never loaded half).
 */
import { type Db, isEmbedded } from "@/db/connect";

/**
 * The values `produce` yields, produced inside one snapshot of the database (PostgreSQL),
 * one at a time: the next is read only when the consumer asks for it, so a slow download
 * holds no more than one value in memory. Stopping early (a cancelled download) ends the
 * transaction.
 */
export async function* inSnapshot<T>(db: Db, produce: (db: Db) => AsyncGenerator<T>): AsyncGenerator<T> {
  if (isEmbedded(db)) {
    yield* produce(db);
    return;
  }
  // A hand-over of one value at a time between the transaction's producer and this consumer.
  const state: { offered: { value: T } | null; wake: (() => void) | null; taken: (() => void) | null; stopped: boolean; finished: boolean; failure: unknown } = {
    offered: null,
    wake: null,
    taken: null,
    stopped: false,
    finished: false,
    failure: null,
  };
  const signal = (f: (() => void) | null) => f?.();
  const done = db
    .transaction(
      async (tx) => {
        for await (const value of produce(tx)) {
          if (state.stopped) return;
          const next = new Promise<void>((resolve) => (state.taken = resolve));
          state.offered = { value };
          signal(state.wake);
          await next;
          if (state.stopped) return;
        }
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    )
    .catch((error: unknown) => {
      state.failure = error ?? new Error("the export's transaction failed");
    })
    .finally(() => {
      state.finished = true;
      signal(state.wake);
    });
  try {
    for (;;) {
      if (!state.offered && !state.finished) await new Promise<void>((resolve) => (state.wake = resolve));
      const offered = state.offered;
      if (offered) {
        state.offered = null;
        try {
          yield offered.value;
        } finally {
          const release = state.taken;
          state.taken = null;
          signal(release);
        }
        continue;
      }
      if (state.finished) {
        if (state.failure) throw state.failure;
        return;
      }
    }
  } finally {
    state.stopped = true;
    signal(state.taken);
    await done;
  }
}
