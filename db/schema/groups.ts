import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { people } from "./people";

/** G1 */
export const groupVisibility = pgEnum("group_visibility", ["public", "private", "secret"]);

export const groups = pgTable(
  "groups",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    visibility: groupVisibility("visibility").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("groups_slug_key").on(t.slug), index("groups_visibility_idx").on(t.visibility)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    isAdmin: boolean("is_admin").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    index("group_members_person_idx").on(t.personId, t.groupId),
  ],
);
