import "server-only";
/**
 * Uploads: storing a checked image, and linking images to the item whose rich text uses
 * them when that item is saved (C6: only `<img src="/api/uploads/<id>">` survives, and
 * only for an upload the saver made and no item uses yet, or one this item already uses).
 */
import { and, count, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uploads } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import type { Viewer } from "@/lib/access/types";
import { sanitizeRichText, uploadIdsIn } from "@/lib/content/sanitize";
import { type StagedObject, claimObject, stageObject } from "@/lib/storage/lifecycle";
import { type ImageMime, checkImage } from "./image-check";

/** Images uploaded but not yet in any saved item, per person per day: enough for any article, not for filling the disk. */
export const UNATTACHED_DAILY_LIMIT = 100;

export interface StoredUpload {
  id: string;
  src: string;
  mimeType: string;
  width: number;
  height: number;
  byteSize: number;
}

export interface StagedImage extends StagedObject {
  mimeType: ImageMime;
  width: number;
  height: number;
}

/** Before the transaction: checks the bytes, then stores them (lib/storage: the object exists before its row). */
export async function stageImage(db: Db, bytes: Uint8Array): Promise<StagedImage> {
  const checked = checkImage(bytes);
  if (!checked.ok) throw new ActionError(checked.message, "file");
  const staged = await stageObject(db, bytes, { size: bytes.length, contentType: checked.mimeType });
  return { ...staged, mimeType: checked.mimeType, width: checked.width, height: checked.height };
}

/** In the transaction: the row for a staged image (its id is the object's key), claiming the object. */
export async function recordImage(tx: Db, viewer: Pick<Viewer, "id">, image: StagedImage): Promise<StoredUpload> {
  const [recent] = await tx
    .select({ n: count() })
    .from(uploads)
    .where(and(eq(uploads.uploaderId, viewer.id), isNull(uploads.contentId), isNull(uploads.wallPostId), gt(uploads.createdAt, new Date(Date.now() - 86_400_000))));
  if ((recent?.n ?? 0) >= UNATTACHED_DAILY_LIMIT) {
    throw new ActionError("You have uploaded many images today that are not in a saved item yet. Save your item, then upload more.", "file");
  }
  const id = image.key;
  await tx.insert(uploads).values({ id, uploaderId: viewer.id, mimeType: image.mimeType, byteSize: image.size, width: image.width, height: image.height });
  await claimObject(tx, id);
  return { id, src: `/api/uploads/${id}`, mimeType: image.mimeType, width: image.width, height: image.height, byteSize: image.size };
}

/**
 * Sanitises rich text for saving into `itemId` (null while creating): keeps images that
 * are the saver's own unattached uploads or already this item's, drops every other image.
 * Returns the HTML to store and the uploads to link once the item's row exists.
 */
export async function prepareRichText(tx: Db, viewer: Pick<Viewer, "id">, html: string, itemId: string | null): Promise<{ html: string; attach: string[] }> {
  const ids = uploadIdsIn(sanitizeRichText(html));
  const rows = ids.length
    ? await tx.select({ id: uploads.id, contentId: uploads.contentId, uploaderId: uploads.uploaderId, wallPostId: uploads.wallPostId }).from(uploads).where(inArray(uploads.id, ids))
    : [];
  const keep = new Set<string>();
  const attach: string[] = [];
  for (const r of rows) {
    if (itemId && r.contentId === itemId) keep.add(r.id);
    // A wall post's image (G4) is that post's only.
    else if (r.contentId === null && r.wallPostId === null && r.uploaderId === viewer.id) {
      keep.add(r.id);
      attach.push(r.id);
    }
  }
  return { html: sanitizeRichText(html, { keepUpload: (id) => keep.has(id) }), attach };
}

export async function attachUploads(tx: Db, itemId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx.update(uploads).set({ contentId: itemId }).where(and(inArray(uploads.id, ids), isNull(uploads.contentId), isNull(uploads.wallPostId)));
}

/**
 * An item's images: its deletion deletes their rows (by cascade), which releases their
 * objects (trigger, migration 0018); the caller deletes them once that commits (lib/storage).
 */
export async function uploadIdsOfItem(tx: Db, itemId: string): Promise<string[]> {
  return (await tx.select({ id: uploads.id }).from(uploads).where(eq(uploads.contentId, itemId))).map((r) => r.id);
}
