import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { content } from "./content";
import { groups } from "./groups";
import { ideas } from "./ideas";
import { people } from "./people";
import { orgQueries } from "./org-queries";
import { sections } from "./sections";
import { wallPosts } from "./wall";

/**
 * K1 K2: a comment on exactly one comment target (lib/comments/target.ts): a content item
 * (section or group content), an idea, a wall post or a query. Plain text; one level of
 * replies (a reply's parent is a top-level comment, checked by the action that writes it).
 * Deleting one's own comment that has replies keeps its place ("deleted") with the body
 * cleared; one without replies goes.
 */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contentId: uuid("content_id").references(() => content.id, { onDelete: "cascade" }),
    ideaId: uuid("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    wallPostId: uuid("wall_post_id").references(() => wallPosts.id, { onDelete: "cascade" }),
    queryId: uuid("query_id").references(() => orgQueries.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** K2: set by the author's edit; shown as "edited". */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    /** Set when the author deleted a comment that had replies (its body is then empty). */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** K2: hidden by a moderator, with the reason the author is shown. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: uuid("hidden_by").references(() => people.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
  },
  (t) => [
    check("comments_body_length", sql`char_length(${t.body}) <= 10000`),
    // K1: exactly one target (a reply's is its parent's, checked by the action that writes it).
    check("comments_one_target", sql`num_nonnulls(${t.contentId}, ${t.ideaId}, ${t.wallPostId}, ${t.queryId}) = 1`),
    // A target's top-level comments in either order, keyset-paged; replies under their parent.
    index("comments_content_top_idx").on(t.contentId, t.createdAt, t.id).where(sql`${t.parentId} is null`),
    index("comments_idea_top_idx").on(t.ideaId, t.createdAt, t.id).where(sql`${t.parentId} is null and ${t.ideaId} is not null`),
    index("comments_wall_post_top_idx").on(t.wallPostId, t.createdAt, t.id).where(sql`${t.parentId} is null and ${t.wallPostId} is not null`),
    index("comments_query_top_idx").on(t.queryId, t.createdAt, t.id).where(sql`${t.parentId} is null and ${t.queryId} is not null`),
    index("comments_parent_idx").on(t.parentId, t.createdAt, t.id).where(sql`${t.parentId} is not null`),
    index("comments_author_idx").on(t.authorId, t.createdAt.desc()),
  ],
);

/** K3: a report waits until a moderator hides the comment or dismisses the report. */
export const commentReportStatus = pgEnum("comment_report_status", ["open", "dismissed", "actioned"]);

export const commentReports = pgTable(
  "comment_reports",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    commentId: uuid("comment_id").notNull().references(() => comments.id, { onDelete: "cascade" }),
    /** K3: never shown to the comment's author. */
    reporterId: uuid("reporter_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: commentReportStatus("status").notNull().default("open"),
    decidedBy: uuid("decided_by").references(() => people.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open report per person and comment; reporting again while it waits changes nothing.
    uniqueIndex("comment_reports_one_open").on(t.commentId, t.reporterId).where(sql`${t.status} = 'open'`),
    index("comment_reports_open_idx").on(t.createdAt, t.id).where(sql`${t.status} = 'open'`),
    index("comment_reports_comment_idx").on(t.commentId),
  ],
);

/**
 * K1: per-item conversation settings and counters, one row per item that has any (an item
 * without a row has comments on and nothing counted). The counters are kept by the actions
 * that change comments and ratings, in their transaction, so listings read one row.
 */
export const contentConversation = pgTable(
  "content_conversation",
  {
    contentId: uuid("content_id").primaryKey().references(() => content.id, { onDelete: "cascade" }),
    commentsOff: boolean("comments_off").notNull().default(false),
    /** Comments a viewer of the item sees listed (not deleted; hidden ones show as hidden). */
    commentCount: integer("comment_count").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    ratingSum: integer("rating_sum").notNull().default(0),
  },
);

/** K4: a person's favourite items ("Favourites", newest first). */
export const favourites = pgTable(
  "favourites",
  {
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    contentId: uuid("content_id").notNull().references(() => content.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.contentId] }), index("favourites_person_idx").on(t.personId, t.createdAt.desc(), t.contentId)],
);

/** K4: one rating a person an item, 1 to 5, changeable. */
export const ratings = pgTable(
  "ratings",
  {
    contentId: uuid("content_id").notNull().references(() => content.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    stars: smallint("stars").notNull(),
    ratedAt: timestamp("rated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.contentId, t.personId] }),
    check("ratings_stars_range", sql`${t.stars} between 1 and 5`),
    index("ratings_person_idx").on(t.personId),
  ],
);

/**
 * K4: what a person follows: exactly one of an item, a section, a group, a person or an idea (G8).
 * Fan-out reads the followers of a target along its partial index.
 */
export const follows = pgTable(
  "follows",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    contentId: uuid("content_id").references(() => content.id, { onDelete: "cascade" }),
    sectionId: integer("section_id").references(() => sections.id, { onDelete: "cascade" }),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
    followedPersonId: uuid("followed_person_id").references(() => people.id, { onDelete: "cascade" }),
    ideaId: uuid("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "follows_one_target",
      sql`num_nonnulls(${t.contentId}, ${t.sectionId}, ${t.groupId}, ${t.followedPersonId}, ${t.ideaId}) = 1`,
    ),
    check("follows_not_self", sql`${t.followedPersonId} is distinct from ${t.personId}`),
    uniqueIndex("follows_content_key").on(t.contentId, t.personId).where(sql`${t.contentId} is not null`),
    uniqueIndex("follows_section_key").on(t.sectionId, t.personId).where(sql`${t.sectionId} is not null`),
    uniqueIndex("follows_group_key").on(t.groupId, t.personId).where(sql`${t.groupId} is not null`),
    uniqueIndex("follows_person_key").on(t.followedPersonId, t.personId).where(sql`${t.followedPersonId} is not null`),
    uniqueIndex("follows_idea_key").on(t.ideaId, t.personId).where(sql`${t.ideaId} is not null`),
    index("follows_follower_idx").on(t.personId, t.createdAt.desc()),
  ],
);

/**
 * K5: the kinds of notification. Every kind names what it is about by id only: titles and
 * names are read when the notification is shown or sent, and only if the recipient may
 * view the thing then (C4, E6).
 */
export const notificationKind = pgEnum("notification_kind", [
  "comment_on_my_item",
  "comment_on_followed",
  "reply",
  "mention",
  "content_role", // S7: content created, updated or published where I hold a section role
  "content_followed", // published or updated in an item, section, group or by a person I follow
  "group_request",
  "group_invitation",
  "query_answer",
  "idea_status",
  "query_new", // a query sent to a team I am in
  "query_resolved", // a query I answered (or my team's) was resolved
]);

/** K5: how a person wants each kind by e-mail. */
export const notificationDelivery = pgEnum("notification_delivery", ["immediate", "digest", "off"]);

/**
 * K5: one notification for one person. Written by the fan-out worker from a
 * notification_events row (after the change committed), never with a title in it.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    recipientId: uuid("recipient_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    actorId: uuid("actor_id").references(() => people.id, { onDelete: "set null" }),
    contentId: uuid("content_id").references(() => content.id, { onDelete: "cascade" }),
    commentId: uuid("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    sectionId: integer("section_id").references(() => sections.id, { onDelete: "cascade" }),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
    ideaId: uuid("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    wallPostId: uuid("wall_post_id").references(() => wallPosts.id, { onDelete: "cascade" }),
    queryId: uuid("query_id").references(() => orgQueries.id, { onDelete: "cascade" }),
    /** Which change of the item (S7: created, updated, published), for the wording. */
    detail: text("detail"),
    /** The event it came from: one notification a recipient an event. */
    eventId: bigint("event_id", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** Set once its e-mail (at once or in a digest) was queued, or it was decided none goes. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_event_recipient_key").on(t.eventId, t.recipientId),
    index("notifications_recipient_idx").on(t.recipientId, t.createdAt.desc(), t.id.desc()),
    // The bell's count: one person's unread ones, read along this index only.
    index("notifications_unread_idx").on(t.recipientId, t.createdAt.desc()).where(sql`${t.readAt} is null`),
    index("notifications_to_email_idx").on(t.createdAt).where(sql`${t.emailedAt} is null`),
  ],
);

/** K5: e-mail preference per person and kind; a missing row means the kind's default. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    delivery: notificationDelivery("delivery").notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);

/**
 * K5: something happened that may notify people. Written in the transaction of the change
 * (so it exists if and only if the change committed); a worker expands it into
 * notifications afterwards, claiming it with a lease like the outbox, so a comment that
 * notifies 5 000 followers returns at once and no instance expands an event twice.
 */
export const notificationEvents = pgTable(
  "notification_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind").notNull(),
    actorId: uuid("actor_id").references(() => people.id, { onDelete: "set null" }),
    contentId: uuid("content_id").references(() => content.id, { onDelete: "cascade" }),
    commentId: uuid("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    sectionId: integer("section_id").references(() => sections.id, { onDelete: "cascade" }),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
    ideaId: uuid("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    wallPostId: uuid("wall_post_id").references(() => wallPosts.id, { onDelete: "cascade" }),
    queryId: uuid("query_id").references(() => orgQueries.id, { onDelete: "cascade" }),
    /** People named by the event itself (mentioned, invited), checked again when expanded. */
    recipientIds: uuid("recipient_ids").array(),
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [index("notification_events_due_idx").on(t.createdAt, t.id).where(sql`${t.processedAt} is null`)],
);

/** K5: the daily digest, one a person a day, whichever instance sends it. */
export const notificationDigests = pgTable(
  "notification_digests",
  {
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.day] })],
);

/** E3: a poll's settings (its options and votes are in content.ts). */
export const pollResultsShown = pgEnum("poll_results_shown", ["after_voting", "after_closing"]);

export const pollSettings = pgTable("poll_settings", {
  contentId: uuid("content_id").primaryKey().references(() => content.id, { onDelete: "cascade" }),
  closesAt: timestamp("closes_at", { withTimezone: true }),
  resultsShown: pollResultsShown("results_shown").notNull().default("after_voting"),
});
