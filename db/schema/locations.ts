import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

/** P6: a flat directory of places people belong to. */
export const locations = pgTable(
  "locations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    key: text("key").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("locations_key_key").on(t.key)],
);
