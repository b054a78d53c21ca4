/**
 * E3: the one way a profile image becomes what Portico stores: the bytes checked exactly as
 * rich-text images are (lib/uploads/image-check.ts: PNG, JPEG, GIF or WebP by their
 * signature, no SVG, 5 MB), held to a profile's limit on dimensions, then re-encoded by
 * sharp into a WebP of at most 512 px a side, metadata dropped. Used by the upload action
 * (./profile-image.ts) and by the organisation file's loader (its people's images).
 * No server-only imports: the loader runs in scripts too.
 */
import sharp from "sharp";
import { checkImage } from "../uploads/image-check";

/** Larger sides than this are not a portrait: refused before decoding (at most 36 megapixels). */
export const PROFILE_IMAGE_MAX_SIDE = 6000;
/** The stored picture's longest side. */
export const PROFILE_IMAGE_SIDE = 512;

export interface PreparedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/** The picture to store, or what is wrong with the file. */
export async function encodeProfileImage(input: Uint8Array): Promise<{ ok: true; image: PreparedImage } | { ok: false; message: string }> {
  const checked = checkImage(input);
  if (!checked.ok) return { ok: false, message: checked.message };
  if (checked.width > PROFILE_IMAGE_MAX_SIDE || checked.height > PROFILE_IMAGE_MAX_SIDE) {
    return { ok: false, message: `The image is ${checked.width} × ${checked.height} pixels: a profile image may be at most ${PROFILE_IMAGE_MAX_SIDE} pixels on a side. Choose a smaller image.` };
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: PROFILE_IMAGE_MAX_SIDE * PROFILE_IMAGE_MAX_SIDE, failOn: "error" })
      .rotate() // applies the photo's orientation before its metadata is dropped
      .resize(PROFILE_IMAGE_SIDE, PROFILE_IMAGE_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, image: { bytes: data, width: info.width, height: info.height } };
  } catch {
    return { ok: false, message: "This image could not be read. It may be damaged: choose another." };
  }
}
