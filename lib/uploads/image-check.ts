/**
 * Deciding what an uploaded file is from its bytes alone (never its name or the type the
 * browser declared): PNG, JPEG, GIF or WebP by their signatures, confirmed by reading
 * the image's dimensions. SVG (a document that can carry script) is refused outright.
 */
import { imageSize } from "image-size";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Larger pictures than this are decompression bombs, not illustrations. */
export const MAX_IMAGE_SIDE = 10_000;

export type ImageMime = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

export type ImageCheck =
  | { ok: true; mimeType: ImageMime; width: number; height: number }
  | { ok: false; message: string };

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

function signature(bytes: Uint8Array): ImageMime | "svg" | null {
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) return "image/gif";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
  // SVG is text: look for an <svg element near the start, after any BOM, XML prolog, comments or doctype.
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 4096)).toLowerCase();
  if (/<svg[\s>/]/.test(head)) return "svg";
  return null;
}

const SIZE_TYPE: Record<ImageMime, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

export function checkImage(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, message: "The file is empty. Choose an image file." };
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, message: "The image is larger than 5 MB. Choose a smaller image." };
  const kind = signature(bytes);
  if (kind === "svg") return { ok: false, message: "SVG images are not accepted. Upload a PNG, JPEG, GIF or WebP image." };
  if (!kind) return { ok: false, message: "This file is not a PNG, JPEG, GIF or WebP image. Choose one of those." };
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, message: "This image could not be read. It may be damaged: choose another." };
  }
  if (size.type !== SIZE_TYPE[kind] || !size.width || !size.height) {
    return { ok: false, message: "This image could not be read. It may be damaged: choose another." };
  }
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
    return { ok: false, message: `The image is too large (more than ${MAX_IMAGE_SIDE} pixels on a side). Choose a smaller image.` };
  }
  return { ok: true, mimeType: kind, width: size.width, height: size.height };
}
