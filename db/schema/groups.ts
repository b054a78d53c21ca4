import { sql } from "drizzle-orm";
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
    /** G5: who created it in the app (its first admin); null for groups an organisation file loaded. */
    createdBy: uuid("created_by").references(() => people.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("groups_slug_key").on(t.slug),
    index("groups_visibility_idx").on(t.visibility),
    // The directory (G1) walks groups in name order and stops after a page; its name search
    // reads groups_name_trgm_idx (the hand-written migration groups_name_trgm, as people's).
    index("groups_name_id_idx").on(t.name, t.id),
  ],
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
    // G5: the admins of a group, counted under the group's lock (the last admin stays).
    index("group_members_admins_idx").on(t.groupId).where(sql`${t.isAdmin}`),
  ],
);

/** G1: a request to join a private group, decided by one of its admins. */
export const groupRequestStatus = pgEnum("group_request_status", ["pending", "approved", "declined", "cancelled"]);

export const groupJoinRequests = pgTable(
  "group_join_requests",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    /** The requester's optional note to the admins (plain text, at most 500 characters). */
    message: text("message").notNull().default(""),
    status: groupRequestStatus("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => people.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one pending request per person and group.
    uniqueIndex("group_join_requests_one_pending").on(t.groupId, t.personId).where(sql`${t.status} = 'pending'`),
    index("group_join_requests_person_idx").on(t.personId).where(sql`${t.status} = 'pending'`),
  ],
);

/** G1, G5: an admin's invitation to join a group (the only way into a secret one). */
export const groupInvitationStatus = pgEnum("group_invitation_status", ["pending", "accepted", "declined", "cancelled"]);

export const groupInvitations = pgTable(
  "group_invitations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    invitedBy: uuid("invited_by").references(() => people.id, { onDelete: "set null" }),
    status: groupInvitationStatus("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    // At most one pending invitation per person and group.
    uniqueIndex("group_invitations_one_pending").on(t.groupId, t.personId).where(sql`${t.status} = 'pending'`),
    index("group_invitations_person_idx").on(t.personId).where(sql`${t.status} = 'pending'`),
  ],
);
