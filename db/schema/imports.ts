import { customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * M6: an uploaded import file, kept as uploaded between its preview and its apply (the
 * apply re-reads and re-validates these bytes inside its transaction), so a reload or a
 * second look loses nothing. Only webmasters read it.
 */
export const importUploads = pgTable(
  "import_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    uploadedBy: uuid("uploaded_by").references(() => people.id, { onDelete: "set null" }),
    /** "people" | "teams" | "locations" */
    kind: text("kind").notNull(),
    /** "csv" | "json" | "xml" */
    format: text("format").notNull(),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("import_uploads_created_idx").on(t.createdAt.desc())],
);
