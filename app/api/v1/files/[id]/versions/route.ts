import { postFileVersion } from "@/lib/api/handlers/file-writes";

/**
 * POST /api/v1/files/{id}/versions (D2 G7): a new version of a group file, every earlier one
 * kept, by the site's own upload action as the token's person; the body is the file's bytes,
 * streamed into storage.
 */
export const POST = postFileVersion;
