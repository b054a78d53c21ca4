import "server-only";
/**
 * Profile images (E3: everyone may upload one). The bytes are checked first exactly as
 * rich-text images are (lib/uploads/image-check.ts: PNG, JPEG, GIF or WebP by their
 * signature, confirmed by image-size, no SVG, 5 MB), then held to a profile's own
 * limit on dimensions, then re-encoded by sharp into a WebP of at most 512 px a side:
 * what is stored and served is a picture sharp wrote, never the uploaded file, and the
 * uploaded file's metadata (a phone photo's GPS position, camera serial) is dropped.
 * The file is stored where uploads are (lib/storage), under a new key each time, before the
 * transaction that points the person at it; the file it replaces goes after that commits.
 */
import { eq } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { people } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import { type StagedObject, claimObject, stageObject } from "@/lib/storage/lifecycle";
import { checkImage } from "@/lib/uploads/image-check";

/** Larger sides than this are not a portrait: refused before decoding (at most 36 megapixels). */
export const PROFILE_IMAGE_MAX_SIDE = 6000;
/** The stored picture's longest side. */
export const PROFILE_IMAGE_SIDE = 512;

export interface PreparedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/** The picture to store, or an ActionError on the `file` field saying what is wrong. */
export async function prepareProfileImage(input: Uint8Array): Promise<PreparedImage> {
  const checked = checkImage(input);
  if (!checked.ok) throw new ActionError(checked.message, "file");
  if (checked.width > PROFILE_IMAGE_MAX_SIDE || checked.height > PROFILE_IMAGE_MAX_SIDE) {
    throw new ActionError(`The image is ${checked.width} × ${checked.height} pixels: a profile image may be at most ${PROFILE_IMAGE_MAX_SIDE} pixels on a side. Choose a smaller image.`, "file");
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: PROFILE_IMAGE_MAX_SIDE * PROFILE_IMAGE_MAX_SIDE, failOn: "error" })
      .rotate() // applies the photo's orientation before its metadata is dropped
      .resize(PROFILE_IMAGE_SIDE, PROFILE_IMAGE_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch {
    throw new ActionError("This image could not be read. It may be damaged: choose another.", "file");
  }
}

/** Before the transaction: the checked, re-encoded picture, stored (lib/storage: the object exists before its row). */
export async function stageProfileImage(db: Db, input: Uint8Array): Promise<StagedObject & { width: number; height: number }> {
  const image = await prepareProfileImage(input);
  const staged = await stageObject(db, image.bytes, { size: image.bytes.length, contentType: "image/webp" });
  return { ...staged, width: image.width, height: image.height };
}

/**
 * Sets the person's image to a staged one (its key is the image id); answers it and the id
 * it replaces, whose object the change releases (trigger, migration 0018) for the caller to
 * delete after commit.
 */
export async function setProfileImage(tx: Db, personId: string, image: StagedObject): Promise<{ imageId: string; replaced: string | null }> {
  const [before] = await tx.select({ imageId: people.imageId }).from(people).where(eq(people.id, personId)).for("update");
  if (!before) throw new ActionError("This person no longer exists.");
  await tx.update(people).set({ imageId: image.key, updatedAt: new Date() }).where(eq(people.id, personId));
  await claimObject(tx, image.key);
  return { imageId: image.key, replaced: before.imageId };
}

/** Removes the person's image; answers the removed id (null: there was none), released as above. */
export async function removeProfileImage(tx: Db, personId: string): Promise<{ removed: string | null }> {
  const [before] = await tx.select({ imageId: people.imageId }).from(people).where(eq(people.id, personId)).for("update");
  if (!before) throw new ActionError("This person no longer exists.");
  if (before.imageId) await tx.update(people).set({ imageId: null, updatedAt: new Date() }).where(eq(people.id, personId));
  return { removed: before.imageId };
}
