import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { people } from "./people";

/** P5: teams form a tree. */
export const teams = pgTable(
  "teams",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    key: text("key").notNull(),
    // P6: the people directory finds people by their team's name along teams_name_trgm_idx (the
    // hand-written migration teams_name_trgm, as people's and groups' names); see lib/people/directory-search.ts.
    name: text("name").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => teams.id, { onDelete: "restrict" }),
    /** The Queries app: the team's admins let people send it queries. */
    acceptsQueries: boolean("accepts_queries").notNull().default(false),
  },
  (t) => [uniqueIndex("teams_key_key").on(t.key), index("teams_parent_idx").on(t.parentId)],
);

/**
 * Every (ancestor, descendant) pair of the team tree, depth 0 included, maintained
 * whenever the tree changes. "A team added with children" (S2) resolves through it.
 */
export const teamClosure = pgTable(
  "team_closure",
  {
    ancestorId: integer("ancestor_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    descendantId: integer("descendant_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    depth: integer("depth").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index("team_closure_descendant_idx").on(t.descendantId, t.ancestorId),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    /** P5: team administrators manage members, edit the team and create child teams. */
    isAdmin: boolean("is_admin").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.personId] }),
    // Access is decided from the viewer's side: "which teams is this person in?"
    index("team_members_person_idx").on(t.personId, t.teamId),
  ],
);
