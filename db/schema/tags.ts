import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * D7: every tag in use, by its stored form (lower case, inner spaces collapsed:
 * lib/tags/normalise.ts). Items carry their tags as a text array (content, ideas, group
 * files: one GIN index each); this table is the vocabulary that editors' suggestions and
 * the webmasters' rename and merge read, kept by database triggers (migration 0028) so no
 * path can tag an item without the tag being known.
 */
export const tags = pgTable(
  "tags",
  {
    name: text("name").primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Suggestions find tags by their beginning ("win" → "winter gritting") along this index.
  (t) => [index("tags_name_prefix_idx").on(t.name.op("text_pattern_ops"))],
);
