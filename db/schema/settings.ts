import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Site-wide settings as one JSON value per key, e.g. "externalAccess" (E5). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
