import { index, integer, pgEnum, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { content } from "./content";
import { people } from "./people";
import { wallPosts } from "./wall";

/** The image types Portico accepts, as verified from the file's bytes (never its name or declared type). */
export const uploadMimeType = pgEnum("upload_mime_type", ["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * Images uploaded into rich text (C6). The file is the stored object whose key is the id
 * (lib/storage); a deleted row's key goes to the storage ledger by trigger (migration 0018).
 * Until the item it was uploaded for is saved, only its uploader may fetch it; from then
 * on, exactly the people who can view that item (C2). Deleting the item deletes the row.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    uploaderId: uuid("uploader_id").references(() => people.id, { onDelete: "set null" }),
    /** Null until an item that uses the image is saved. */
    contentId: uuid("content_id").references(() => content.id, { onDelete: "cascade" }),
    /** G4: or the wall post whose image it is (null until the post is written); deleting the post deletes the row. */
    wallPostId: uuid("wall_post_id").references(() => wallPosts.id, { onDelete: "cascade" }),
    mimeType: uploadMimeType("mime_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_content_idx").on(t.contentId), index("uploads_wall_post_idx").on(t.wallPostId), index("uploads_uploader_idx").on(t.uploaderId, t.createdAt.desc())],
);
