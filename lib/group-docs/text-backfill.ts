import "server-only";
/**
 * D4 G7: reads the text of group files whose current version's text was never read — stored
 * before Portico read files' text for search, or by an instance whose reading failed to start —
 * so that every file is found by its words (`text_read_version`, migration 0031; uploads and
 * the organisation loader mark what they read).
 *
 * The background loop (instrumentation.ts) starts a pass every minute unless one is running,
 * without waiting for it (mail is never held up by a slow PDF). A pass reads one file at a time,
 * newest first, and stops as soon as an upload is waiting for a worker (./extract-text.ts):
 * uploads come first, and the rest is read on a later pass. A file that cannot be read is
 * marked read with no text, as an upload's is, and never tried again until a new version.
 * Several instances may read the same file at once: both write the same text.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { extractStoredText, extractsText, workersBusy } from "./extract-text";
import { extensionOf } from "./file-types";

export const TEXT_BACKFILL_EVERY_MS = 60_000;
/** Files one pass reads at most. */
export const TEXT_BACKFILL_BATCH = 20;

interface UnreadFile {
  id: string;
  version: number;
  name: string;
  storage_key: string;
  byte_size: number;
}

/** Reads up to `batch` unread files' text and stores it; answers how many were read. */
export async function readUnreadFileTexts(db: Db, batch = TEXT_BACKFILL_BATCH): Promise<number> {
  const files = rowsOf<UnreadFile>(
    await db.execute(sql`
      select f.id, f.current_version as version, f.name, v.storage_key, v.byte_size
      from group_files f
      join group_file_versions v on v.file_id = f.id and v.number = f.current_version
      where f.text_read_version is distinct from f.current_version
      order by f.updated_at desc, f.id
      limit ${batch}`),
  );
  let read = 0;
  for (const file of files) {
    const extension = extensionOf(file.name);
    // Checked and started in one tick: an upload that arrives later waits behind at most this file.
    if (extractsText(extension) && workersBusy()) break;
    const text = await extractStoredText(file.storage_key, Number(file.byte_size), extension);
    // Only if the file is still at that version: a newer one's upload wrote its own text.
    await db.execute(sql`
      update group_files set extracted_text = ${text}, text_read_version = ${file.version}
      where id = ${file.id} and current_version = ${file.version} and text_read_version is distinct from ${file.version}`);
    read++;
  }
  return read;
}

let running: Promise<unknown> | null = null;

/** The background loop's job: starts a pass unless one is running, and returns at once. */
export function startTextBackfill(db: Db): Promise<void> {
  running ??= readUnreadFileTexts(db)
    .catch((error: unknown) => console.error(`group docs: reading files' text failed (${(error as Error).name}: ${(error as Error).message})`))
    .finally(() => {
      running = null;
    });
  return Promise.resolve();
}
