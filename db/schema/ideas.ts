import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/** G8: an idea's life: new → under review → planned → done or declined. */
export const ideaStatus = pgEnum("idea_status", ["new", "under_review", "planned", "done", "declined"]);

/**
 * The Ideas app (G8, E5): an idea anyone who may use the app can read, vote on once and
 * comment on; its status is set by webmasters and the idea moderators (app_moderators).
 * The counters are kept by the actions that change votes and comments, in their
 * transaction, so listings sort by votes along an index instead of counting.
 */
export const ideas = pgTable(
  "ideas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    authorId: uuid("author_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Sanitised rich text (C6), as content bodies. */
    description: text("description").notNull().default(""),
    /** Lower-case tags, without duplicates (lib/ideas/schemas.ts). */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    status: ideaStatus("status").notNull().default("new"),
    /** G8: the note sent with the latest status change, to the author and the followers. */
    statusNote: text("status_note"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    statusChangedBy: uuid("status_changed_by").references(() => people.id, { onDelete: "set null" }),
    voteCount: integer("vote_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    /** K1: comments turned off by its author or an idea moderator (lib/comments/target.ts). */
    commentsOff: boolean("comments_off").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("ideas_title_length", sql`char_length(${t.title}) between 1 and 200`),
    check("ideas_vote_count", sql`${t.voteCount} >= 0`),
    // The three orders of /ideas, each walked in its exact order (keyset pages), and with a status filter.
    index("ideas_newest_idx").on(t.createdAt.desc(), t.id.desc()),
    index("ideas_votes_idx").on(t.voteCount.desc(), t.createdAt.desc(), t.id.desc()),
    index("ideas_status_newest_idx").on(t.status, t.createdAt.desc(), t.id.desc()),
    index("ideas_status_votes_idx").on(t.status, t.voteCount.desc(), t.createdAt.desc(), t.id.desc()),
    index("ideas_author_idx").on(t.authorId, t.createdAt.desc()),
    index("ideas_tags_idx").using("gin", t.tags),
  ],
);

/** G8: one vote a person an idea, taken back by deleting it. */
export const ideaVotes = pgTable(
  "idea_votes",
  {
    ideaId: uuid("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.personId] }), index("idea_votes_person_idx").on(t.personId)],
);
