import "server-only";
/**
 * G7: group docs' changes. A file's bytes are checked (type from its first bytes, size as
 * they are counted) and streamed into storage before the transaction (lib/storage: the
 * object exists before the row that points at it); the transaction writes the rows and
 * claims the object. Deleting a file deletes its
 * version rows, whose objects the database itself releases to the sweep (migration 0017);
 * the action deletes them right after the commit.
 *
 * D4: once stored, a file's text is read back for search (./extract-text.ts: PDF, Word, plain
 * text; bounded in size, time and memory, null when there is none or it cannot be read) and
 * the transaction writes it into `group_files.extracted_text` (migration 0028, outside
 * db/schema so that no whole-row read carries it), the newest version's text replacing the last.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { groupFileVersions, groupFiles } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import type { Viewer } from "@/lib/access/types";
import { type StagedObject, claimObject, stageObject } from "@/lib/storage/lifecycle";
import { extractStoredText } from "./extract-text";
import { SNIFF_BYTES, checkFileType, extensionOf } from "./file-types";
import { type IncomingFile, limitBytes, peekBytes } from "@/lib/uploads/stream-bytes";
import { groupFileMaxBytes, groupFileMaxMegabytes } from "./limits";
import { fileName } from "./schemas";

export interface StagedGroupFile extends StagedObject {
  name: string;
  mimeType: string;
  /** The file's text for search (D4), or null. */
  text: string | null;
}

export interface GroupFileVersionSaved {
  fileId: string;
  groupId: number;
  name: string;
  version: number;
  byteSize: number;
  mimeType: string;
}

const NO_SUCH_FILE = "This file no longer exists. Reload the page.";

/** The message for a file over PORTICO_GROUP_FILE_MAX_MB; the upload route answers it with 413. */
export const tooLargeMessage = () => `The file is larger than ${groupFileMaxMegabytes()} MB. Choose a smaller file.`;

/** Why the file cannot be taken, from its name alone (before a byte is read), or null. */
function nameProblem(name: string, sameTypeAs: string | undefined): string | null {
  if (!name.trim()) return "Choose a file to upload.";
  const named = fileName.safeParse(name);
  if (!named.success) return named.error.issues[0]!.message;
  if (sameTypeAs !== undefined && extensionOf(named.data) !== extensionOf(sameTypeAs)) return `A new version of ${sameTypeAs} must be a .${extensionOf(sameTypeAs)} file too.`;
  return null;
}

/**
 * Before the transaction: checks the file as it streams in — its name, its type from its
 * first bytes, its size as it is counted — and streams it into storage, never holding it
 * whole. A file found too large part-way is refused at once, and what was stored of it is
 * deleted (lib/storage/lifecycle.ts). `sameTypeAs`: a new version must be of the type the
 * file's name says. A refused file's stream is cancelled: nothing more of it is wanted.
 * Then its text is read back from storage (never failing the upload: null when it cannot be).
 */
export async function stageGroupFile(db: Db, file: IncomingFile, sameTypeAs?: string): Promise<StagedGroupFile> {
  const refuse = async (message: string, stream: ReadableStream<Uint8Array>): Promise<never> => {
    await stream.cancel().catch(() => undefined);
    throw new ActionError(message, "file");
  };
  const problem = nameProblem(file.name, sameTypeAs);
  if (problem) return refuse(problem, file.stream);
  const name = fileName.parse(file.name);
  const { head, body } = await peekBytes(file.stream, SNIFF_BYTES);
  if (head.length === 0) return refuse("The file is empty. Choose another file.", body);
  const checked = checkFileType(name, head);
  if (!checked.ok) return refuse(checked.message, body);
  const limited = limitBytes(body, groupFileMaxBytes());
  let staged: StagedObject;
  try {
    staged = await stageObject(db, limited.stream, { contentType: checked.mimeType });
  } catch (error) {
    if (limited.exceeded()) throw new ActionError(tooLargeMessage(), "file");
    throw error;
  }
  const text = await extractStoredText(staged.key, staged.size, extensionOf(name));
  return { ...staged, name, mimeType: checked.mimeType, text };
}

/**
 * In the transaction, once the file's current version is the new one: the text search reads
 * for the file, that version's (null: none), marked as read from it (migration 0031; the
 * background job reads the files that are not: ./text-backfill.ts).
 */
async function saveText(tx: Db, fileId: string, text: string | null): Promise<void> {
  await tx.execute(sql`update group_files set extracted_text = ${text}, text_read_version = current_version where id = ${fileId}`);
}

/** The file's name, for checking a new version before it is stored (the action has checked the permission). */
export async function groupFileName(db: Db, fileId: string): Promise<string> {
  const [row] = await db.select({ name: groupFiles.name }).from(groupFiles).where(eq(groupFiles.id, fileId)).limit(1);
  if (!row) throw new ActionError(NO_SUCH_FILE);
  return row.name;
}

/** In the transaction: a new file with its first version. */
export async function createGroupFile(tx: Db, viewer: Pick<Viewer, "id">, groupId: number, staged: StagedGroupFile): Promise<GroupFileVersionSaved> {
  const [file] = await tx.insert(groupFiles).values({ groupId, name: staged.name, uploaderId: viewer.id, currentVersion: 1 }).returning({ id: groupFiles.id });
  await tx.insert(groupFileVersions).values({ fileId: file!.id, number: 1, storageKey: staged.key, byteSize: staged.size, mimeType: staged.mimeType, uploaderId: viewer.id });
  await saveText(tx, file!.id, staged.text);
  await claimObject(tx, staged.key);
  return { fileId: file!.id, groupId, name: staged.name, version: 1, byteSize: staged.size, mimeType: staged.mimeType };
}

async function lockFile(tx: Db, fileId: string) {
  const [file] = await tx.select().from(groupFiles).where(eq(groupFiles.id, fileId)).for("update");
  if (!file) throw new ActionError(NO_SUCH_FILE);
  return file;
}

/** In the transaction: the file's next version; every earlier one is kept (G7). */
export async function addGroupFileVersion(tx: Db, viewer: Pick<Viewer, "id">, fileId: string, staged: StagedGroupFile): Promise<GroupFileVersionSaved> {
  const file = await lockFile(tx, fileId);
  if (extensionOf(staged.name) !== extensionOf(file.name)) throw new ActionError(`A new version of ${file.name} must be a .${extensionOf(file.name)} file too.`, "file");
  const version = file.currentVersion + 1;
  await tx.insert(groupFileVersions).values({ fileId, number: version, storageKey: staged.key, byteSize: staged.size, mimeType: staged.mimeType, uploaderId: viewer.id });
  await tx.update(groupFiles).set({ currentVersion: version, updatedAt: new Date() }).where(eq(groupFiles.id, fileId));
  await saveText(tx, fileId, staged.text);
  await claimObject(tx, staged.key);
  return { fileId, groupId: file.groupId, name: file.name, version, byteSize: staged.size, mimeType: staged.mimeType };
}

/** What editing a file's details changed: the name from and to, whether the description changed, the tags before and after. */
export type GroupFileEdited = {
  groupId: number;
  from: string;
  to: string;
  descriptionChanged: boolean;
  tags: { from: string[]; to: string[] };
};

/**
 * G7 D4 D7: a file's name, description and tags. Its type stays what its bytes are, so the
 * name keeps its extension; a description or tags left out stay as they are. The row is
 * written only when something changed (the trigger of migration 0028 then keeps its search
 * vector and the tag vocabulary).
 */
export async function editGroupFile(tx: Db, fileId: string, details: { name: string; description?: string; tags?: string[] }): Promise<GroupFileEdited> {
  const file = await lockFile(tx, fileId);
  const { name } = details;
  if (extensionOf(name) !== extensionOf(file.name)) throw new ActionError(`Keep the name's ending: .${extensionOf(file.name)}, the type of this file.`, "name");
  const description = details.description ?? file.description;
  const tags = details.tags ?? file.tags;
  const descriptionChanged = description !== file.description;
  const tagsChanged = tags.length !== file.tags.length || tags.some((tag, i) => tag !== file.tags[i]);
  if (name !== file.name || descriptionChanged || tagsChanged) {
    await tx
      .update(groupFiles)
      .set({ name, ...(descriptionChanged ? { description } : {}), ...(tagsChanged ? { tags } : {}), updatedAt: new Date() })
      .where(eq(groupFiles.id, fileId));
  }
  return { groupId: file.groupId, from: file.name, to: name, descriptionChanged, tags: { from: file.tags, to: tags } };
}

/** Deletes the file and every version; answers their storage keys, released by the deletion (migration 0017). */
export async function deleteGroupFile(tx: Db, fileId: string): Promise<{ groupId: number; name: string; keys: string[] }> {
  const file = await lockFile(tx, fileId);
  const versions = await tx.select({ key: groupFileVersions.storageKey }).from(groupFileVersions).where(and(eq(groupFileVersions.fileId, fileId)));
  await tx.delete(groupFiles).where(eq(groupFiles.id, fileId));
  return { groupId: file.groupId, name: file.name, keys: versions.map((v) => v.key) };
}
