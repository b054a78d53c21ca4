import "server-only";
/**
 * Reading an uploaded image: only for the people who can view the item it belongs to
 * (the same visibleContent predicate as every listing, C2), or, for a wall post's image, the
 * people who may read that post (G4: lib/access/wall.ts), or for its uploader while no saved
 * item or post uses it yet. Anyone else gets exactly what a missing id gets.
 */
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { content, uploads, wallPosts } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { visibleContent } from "@/lib/access/filters";
import { readableWallPosts } from "@/lib/access/wall";
import type { AccessSubject } from "@/lib/access/types";
import { objectStore } from "@/lib/storage/current";
import type { StoredObject } from "@/lib/storage/store";

export interface ServedUpload {
  mimeType: "image/png" | "image/jpeg" | "image/gif" | "image/webp";
  object: StoredObject;
}

export async function getUploadForViewer(viewer: AccessSubject, id: string): Promise<ServedUpload | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ mimeType: uploads.mimeType })
    .from(uploads)
    .leftJoin(content, eq(content.id, uploads.contentId))
    .where(
      and(
        eq(uploads.id, id.toLowerCase()),
        or(
          and(isNull(uploads.contentId), isNull(uploads.wallPostId), eq(uploads.uploaderId, viewer.id)),
          and(sql`${uploads.contentId} is not null`, visibleContent(viewer)),
          sql`exists (select 1 from ${wallPosts} where ${wallPosts.id} = ${uploads.wallPostId} and ${wallPosts.imageId} = ${uploads.id} and ${readableWallPosts(viewer)})`,
        ),
      ),
    )
    .limit(1);
  if (!row) return null;
  const object = await objectStore().get(id.toLowerCase());
  return object ? { mimeType: row.mimeType, object } : null;
}
