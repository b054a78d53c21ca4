/**
 * The one image source rich text may hold (C6), shared by the sanitiser, the editor
 * (which refuses to parse any other image) and the upload route. Client-safe.
 */
export const UPLOAD_PATH_PREFIX = "/api/uploads/";
export const UPLOAD_SRC = /^\/api\/uploads\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const ACCEPTED_IMAGE_TYPES = "image/png,image/jpeg,image/gif,image/webp";
