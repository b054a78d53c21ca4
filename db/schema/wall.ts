import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * The Message Wall (E5, K1–K4): short plain-text posts (links and @mentions written as in
 * comments, lib/mentions/syntax.ts) with an optional image, newest first. Hidden and
 * restored by webmasters and the wall's moderators (app_moderators) as comments are (K2 K3).
 */
export const wallPosts = pgTable(
  "wall_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    authorId: uuid("author_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** An uploaded image (lib/uploads), with its alternative text. */
    imageId: uuid("image_id"),
    imageAlt: text("image_alt"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: uuid("hidden_by").references(() => people.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
    commentCount: integer("comment_count").notNull().default(0),
    /** K1: comments turned off by its author or a wall moderator (lib/comments/target.ts). */
    commentsOff: boolean("comments_off").notNull().default(false),
    favouriteCount: integer("favourite_count").notNull().default(0),
  },
  (t) => [
    check("wall_posts_body_length", sql`char_length(${t.body}) between 1 and 500`),
    index("wall_posts_newest_idx").on(t.createdAt.desc(), t.id.desc()),
    index("wall_posts_author_idx").on(t.authorId, t.createdAt.desc()),
  ],
);

/** K4 on the wall: a person's favourite posts (listed with their favourite items). */
export const wallFavourites = pgTable(
  "wall_favourites",
  {
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    wallPostId: uuid("wall_post_id").notNull().references(() => wallPosts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.wallPostId] }), index("wall_favourites_post_idx").on(t.wallPostId)],
);

/** K3 on the wall: how a report ended (as comment reports). */
export const wallPostReportStatus = pgEnum("wall_post_report_status", ["open", "dismissed", "actioned"]);

/**
 * K3 on the wall: someone who can see a post reports it with a reason; reports wait for the
 * wall's moderators (webmasters and app_moderators "messageWall"). The reporter is never
 * shown to the post's author. One open report per person and post.
 */
export const wallPostReports = pgTable(
  "wall_post_reports",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    wallPostId: uuid("wall_post_id").notNull().references(() => wallPosts.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: wallPostReportStatus("status").notNull().default("open"),
    decidedBy: uuid("decided_by").references(() => people.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("wall_post_reports_one_open").on(t.wallPostId, t.reporterId).where(sql`${t.status} = 'open'`),
    index("wall_post_reports_open_idx").on(t.createdAt, t.id).where(sql`${t.status} = 'open'`),
    index("wall_post_reports_post_idx").on(t.wallPostId),
  ],
);
