import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** P6: a flat directory of places people belong to, with their address (the locations directory). */
export const locations = pgTable(
  "locations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    /** The postal address, one line per line (plain text); the map link searches for it. */
    address: text("address"),
    /** Bumped by every edit: an edit made against an older version is refused, not lost. */
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("locations_key_key").on(t.key)],
);
