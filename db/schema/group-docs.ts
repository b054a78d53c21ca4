import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { groups } from "./groups";
import { people } from "./people";

/**
 * G7: group docs, a group's files. A file has a name (which people choose and may change)
 * and versions; uploading a new version keeps every earlier one. Who may read a file is who
 * may read the group's content (G6, lib/access/group-docs.ts).
 */
export const groupFiles = pgTable(
  "group_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    /** Shown and offered as the download's name; never a storage key. */
    name: text("name").notNull(),
    /** D4: what the file is about, in the uploader's words (searched with its name and text). */
    description: text("description").notNull().default(""),
    /** D7: lower-case tags without duplicates (lib/tags/normalise.ts). */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** The newest version's number (1, 2, …). */
    currentVersion: integer("current_version").notNull().default(1),
    /** Who uploaded the first version: with the group's admins, the one who may add versions, rename and delete (G7). */
    uploaderId: uuid("uploader_id").references(() => people.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("group_files_group_idx").on(t.groupId, t.updatedAt.desc()),
    index("group_files_tags_idx").using("gin", t.tags),
    // D4: a broad search's newest matching files, walked instead of sorting every match.
    index("group_files_updated_idx").on(t.updatedAt.desc(), t.id.desc()),
  ],
);

/**
 * Every version of a file, whole: its object in storage (lib/storage; the key is a UUID the
 * server made), its size, and the type verified from its bytes (lib/group-docs/file-types.ts).
 * Deleting a version's row (the file's deletion, or its group's) puts its key in
 * `unclaimed_objects` by trigger (migration 0017), so no path can delete a row and leave
 * its object behind for good.
 */
export const groupFileVersions = pgTable(
  "group_file_versions",
  {
    fileId: uuid("file_id").notNull().references(() => groupFiles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    storageKey: uuid("storage_key").notNull(),
    byteSize: integer("byte_size").notNull(),
    mimeType: text("mime_type").notNull(),
    uploaderId: uuid("uploader_id").references(() => people.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.number] }), uniqueIndex("group_file_versions_storage_key").on(t.storageKey)],
);
