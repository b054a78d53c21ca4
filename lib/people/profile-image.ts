import "server-only";
/**
 * Profile images (E3: everyone may upload one), checked and re-encoded by
 * ./profile-image-encode.ts: what is stored and served is a picture sharp wrote, never the
 * uploaded file, and the uploaded file's metadata (a phone photo's GPS position, camera
 * serial) is dropped.
 * The file is stored where uploads are (lib/storage), under a new key each time, before the
 * transaction that points the person at it; the file it replaces goes after that commits.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import { type StagedObject, claimObject, stageObject } from "@/lib/storage/lifecycle";
import { type PreparedImage, encodeProfileImage } from "./profile-image-encode";

export { PROFILE_IMAGE_MAX_SIDE, PROFILE_IMAGE_SIDE, type PreparedImage } from "./profile-image-encode";

/** The picture to store, or an ActionError on the `file` field saying what is wrong. */
export async function prepareProfileImage(input: Uint8Array): Promise<PreparedImage> {
  const encoded = await encodeProfileImage(input);
  if (!encoded.ok) throw new ActionError(encoded.message, "file");
  return encoded.image;
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
