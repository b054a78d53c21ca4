import "server-only";
import type { Db } from "@/db/client";

class PreviewRollback<T> extends Error {
  constructor(readonly answer: T) {
    super("preview rolled back");
  }
}

/**
 * B4: runs `measure` (which makes a change and measures it) in a transaction that is then
 * rolled back, whatever it did: a preview never changes anything.
 */
export async function rolledBack<T>(db: Db, measure: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new PreviewRollback(await measure(tx as unknown as Db));
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return error.answer as T;
    throw error;
  }
  throw new Error("unreachable: a preview always rolls back");
}
