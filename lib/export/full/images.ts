import "server-only";
/**
 * D3 C6: the images inside items' rich text. An item's images are its uploads that its body or
 * one of its versions' bodies names (`/api/uploads/<id>`): exactly what the organisation
 * file's `content[].images` may list (lib/org-file/schema.ts checks the same text), so the
 * file and the archive's `images/` agree, and the loader refuses neither. A wall post's image
 * (uploads.wall_post_id) is not an item's: the organisation file has no place for it.
 */
import { type SQL, sql } from "drizzle-orm";
import { content, contentVersions, uploads } from "@/db/schema";
import { UPLOAD_PATH_PREFIX } from "@/lib/uploads/paths";

const EXTENSION = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" } as const;

/** Where an item's image goes in the archive: by its id, with its type's extension. */
export const contentImagePath = (id: string, mimeType: keyof typeof EXTENSION) => `images/${id}.${EXTENSION[mimeType]}`;

/** The upload's row is one its item shows (now or in its history); for a query joined with `content` on the upload's item. */
export function namedByItsItem(): SQL {
  const named = sql`${UPLOAD_PATH_PREFIX}::text || ${uploads.id}::text`;
  return sql`(strpos(${content.body}, ${named}) > 0 or exists (select 1 from ${contentVersions} where ${contentVersions.contentId} = ${uploads.contentId} and strpos(${contentVersions.body}, ${named}) > 0))`;
}
