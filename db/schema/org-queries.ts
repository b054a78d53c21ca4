import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";
import { teams } from "./teams";

/** The Queries app: open until a team member answers, resolved once an answer is accepted. */
export const queryStatus = pgEnum("query_status", ["open", "answered", "resolved"]);

/**
 * The Queries app (E5, K5): a question to the organisation, sent to one team that accepts
 * queries (teams.accepts_queries). That team's members (with its child teams') answer it;
 * the asker or a moderator accepts an answer, which resolves it.
 */
export const orgQueries = pgTable(
  "queries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    askerId: uuid("asker_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    /** Plain text, as comments. */
    body: text("body").notNull(),
    status: queryStatus("status").notNull().default("open"),
    acceptedAnswerId: uuid("accepted_answer_id").references((): AnyPgColumn => queryAnswers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** K1: comments on the query (not its answers), kept by lib/comments in the comment's transaction. */
    commentCount: integer("comment_count").notNull().default(0),
    /** K1: comments turned off by its asker or a queries moderator (lib/comments/target.ts). */
    commentsOff: boolean("comments_off").notNull().default(false),
  },
  (t) => [
    check("queries_title_length", sql`char_length(${t.title}) between 1 and 200`),
    check("queries_body_length", sql`char_length(${t.body}) <= 10000`),
    index("queries_newest_idx").on(t.createdAt.desc(), t.id.desc()),
    index("queries_status_newest_idx").on(t.status, t.createdAt.desc(), t.id.desc()),
    // A team's queue, and one person's own queries.
    index("queries_team_idx").on(t.teamId, t.status, t.createdAt.desc(), t.id.desc()),
    index("queries_asker_idx").on(t.askerId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const queryAnswers = pgTable(
  "query_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    queryId: uuid("query_id").notNull().references((): AnyPgColumn => orgQueries.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [
    check("query_answers_body_length", sql`char_length(${t.body}) between 1 and 10000`),
    index("query_answers_query_idx").on(t.queryId, t.createdAt, t.id),
  ],
);
