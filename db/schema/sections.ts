import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
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
import { teams } from "./teams";

export const sectionRole = pgEnum("section_role", ["manager", "editor", "author"]);

/** S1: sections form a tree, each with its own membership, roles and Restricted flag. */
export const sections = pgTable(
  "sections",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    parentId: integer("parent_id").references((): AnyPgColumn => sections.id, { onDelete: "restrict" }),
    restricted: boolean("restricted").notNull().default(false),
    /**
     * S5: restricted itself or below a restricted ancestor. Derived, maintained with the
     * closure table whenever the tree or a flag changes, so listings never walk the tree.
     */
    effectivelyRestricted: boolean("effectively_restricted").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sections_slug_key").on(t.slug),
    index("sections_parent_idx").on(t.parentId),
    index("sections_open_idx").on(t.id).where(sql`not ${t.effectivelyRestricted}`),
  ],
);

/** Every (ancestor, descendant) pair of the section tree, depth 0 included (S3, S7 cascades). */
export const sectionClosure = pgTable(
  "section_closure",
  {
    ancestorId: integer("ancestor_id").notNull().references(() => sections.id, { onDelete: "cascade" }),
    descendantId: integer("descendant_id").notNull().references(() => sections.id, { onDelete: "cascade" }),
    depth: integer("depth").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index("section_closure_descendant_idx").on(t.descendantId, t.ancestorId),
  ],
);

/** S2: people who are members of a section directly. */
export const sectionMemberPeople = pgTable(
  "section_member_people",
  {
    sectionId: integer("section_id").notNull().references(() => sections.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sectionId, t.personId] }),
    index("section_member_people_person_idx").on(t.personId, t.sectionId),
  ],
);

/** S2: teams added to a section; with children, descendant teams' members count too. */
export const sectionMemberTeams = pgTable(
  "section_member_teams",
  {
    sectionId: integer("section_id").notNull().references(() => sections.id, { onDelete: "cascade" }),
    teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    includeChildren: boolean("include_children").notNull().default(false),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sectionId, t.teamId] }),
    index("section_member_teams_team_idx").on(t.teamId, t.sectionId),
  ],
);

/** S7: section roles, given to people only, cascading down the tree; a role implies membership. */
export const sectionRoles = pgTable(
  "section_roles",
  {
    sectionId: integer("section_id").notNull().references(() => sections.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    role: sectionRole("role").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sectionId, t.personId, t.role] }),
    index("section_roles_person_idx").on(t.personId, t.sectionId),
  ],
);

/** Slugs a section used to have, so that old links keep working after a rename (they redirect). */
export const sectionSlugRedirects = pgTable(
  "section_slug_redirects",
  {
    oldSlug: text("old_slug").primaryKey(),
    sectionId: integer("section_id").notNull().references(() => sections.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("section_slug_redirects_section_idx").on(t.sectionId)],
);
