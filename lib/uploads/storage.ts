import "server-only";
/** Where uploaded files live: PORTICO_DATA_DIR/uploads/<id> (the id is a UUID, never a name the person chose). */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/db/connect";
import { isUuid } from "@/db/sql";

export function uploadsDir(): string {
  return path.join(dataDir(), "uploads");
}

function fileOf(id: string): string {
  if (!isUuid(id)) throw new Error("not an upload id");
  return path.join(uploadsDir(), id);
}

export async function storeUpload(id: string, bytes: Uint8Array): Promise<void> {
  await mkdir(uploadsDir(), { recursive: true });
  await writeFile(fileOf(id), bytes, { flag: "wx", mode: 0o600 });
}

export async function readUpload(id: string): Promise<Buffer | null> {
  try {
    return await readFile(fileOf(id));
  } catch {
    return null;
  }
}

/** Best effort, after the rows are gone (a deleted item's images). */
export async function removeUploads(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => rm(fileOf(id), { force: true }).catch(() => undefined)));
}
