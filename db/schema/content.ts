import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { groups } from "./groups";
import { people } from "./people";
import { sections } from "./sections";

/** C1 */
export const contentType = pgEnum("content_type", ["news", "policy", "page", "blog", "event", "poll"]);
export const contentStatus = pgEnum("content_status", ["draft", "published"]);

export const content = pgTable(
  "content",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The key an organisation file gave the item; null for items made in the app. */
    importKey: text("import_key"),
    type: contentType("type").notNull(),
    title: text("title").notNull(),
    /** Sanitised rich text (C6). */
    body: text("body").notNull().default(""),
    status: contentStatus("status").notNull().default("draft"),
    authorId: uuid("author_id").notNull().references(() => people.id, { onDelete: "restrict" }),
    /** C1: exactly one home, a section or a group. */
    homeSectionId: integer("home_section_id").references(() => sections.id, { onDelete: "restrict" }),
    homeGroupId: integer("home_group_id").references(() => groups.id, { onDelete: "restrict" }),
    eventStartsAt: timestamp("event_starts_at", { withTimezone: true }),
    eventEndsAt: timestamp("event_ends_at", { withTimezone: true }),
    eventPlace: text("event_place"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** D7: lower-case tags without duplicates (lib/tags/normalise.ts), in the order given. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Bumped by every save; the matching content_versions row holds what was saved. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check(
      "content_one_home",
      sql`(${t.homeSectionId} is null) <> (${t.homeGroupId} is null)`,
    ),
    check("content_event_ends_after_start", sql`${t.eventEndsAt} is null or ${t.eventEndsAt} >= ${t.eventStartsAt}`),
    uniqueIndex("content_import_key_key").on(t.importKey),
    // Listings walk these in their exact order (newest first, id breaking ties), so the
    // database stops after one page instead of sorting everything visible.
    // `type` last: widgets of one type ("latest news") filter inside the index, without
    // visiting each row; it does not change the order the listings read.
    index("content_home_section_published_idx")
      .on(t.homeSectionId, t.publishedAt.desc(), t.id.desc(), t.type)
      .where(sql`${t.status} = 'published'`),
    index("content_published_idx").on(t.publishedAt.desc(), t.id.desc()).where(sql`${t.status} = 'published'`),
    index("content_home_group_idx").on(t.homeGroupId),
    // A group page's listing (G6), newest first, stops after a page like a section's.
    index("content_home_group_published_idx")
      .on(t.homeGroupId, t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published' and ${t.homeGroupId} is not null`),
    index("content_author_idx").on(t.authorId, t.updatedAt.desc(), t.id.desc()),
    // D7: a tag's page and search's tag filter find the tagged items along this index.
    index("content_tags_idx").using("gin", t.tags),
    // D4: a broad search's drafts, newest first: a section's (its editors and managers), and
    // all of them (webmasters), walked instead of every item that holds a common word.
    index("content_drafts_section_idx").on(t.homeSectionId, t.updatedAt.desc(), t.id.desc()).where(sql`${t.status} = 'draft'`),
    index("content_drafts_idx").on(t.updatedAt.desc(), t.id.desc()).where(sql`${t.status} = 'draft'`),
    // C7: the events calendar and the feeds. The span (start to end, or the start alone) finds
    // the events that overlap a month, a year, or anything from today on, however long ago a
    // long event began; the start, newest first, walks past events a page at a time.
    // lib/content/events.ts writes exactly these expressions and conditions.
    index("content_events_span_idx")
      .using("gist", sql`tstzrange(${t.eventStartsAt}, coalesce(${t.eventEndsAt}, ${t.eventStartsAt}), '[]')`)
      .where(sql`${t.type} = 'event' and ${t.status} = 'published' and ${t.eventStartsAt} is not null`),
    index("content_events_start_idx")
      .on(t.eventStartsAt.desc(), t.id.desc())
      .where(sql`${t.type} = 'event' and ${t.status} = 'published' and ${t.eventStartsAt} is not null`),
  ],
);

/** C1: one item shared into further sections: one item, one history, no copies. */
export const contentShares = pgTable(
  "content_shares",
  {
    contentId: uuid("content_id").notNull().references(() => content.id, { onDelete: "cascade" }),
    sectionId: integer("section_id").notNull().references(() => sections.id, { onDelete: "cascade" }),
    sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Copies of the item's status, publication time and type, kept by database triggers
     * (migration 0004_share_listing_triggers), so a section's shared items can be read newest first along an
     * index, like the items homed there, without visiting each item.
     */
    status: contentStatus("status"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    type: contentType("type"),
  },
  (t) => [
    primaryKey({ columns: [t.contentId, t.sectionId] }),
    index("content_shares_section_idx").on(t.sectionId, t.contentId),
    index("content_shares_section_published_idx")
      .on(t.sectionId, t.publishedAt.desc(), t.contentId.desc())
      .where(sql`${t.status} = 'published'`),
  ],
);

export const pollOptions = pgTable(
  "poll_options",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    contentId: uuid("content_id").notNull().references(() => content.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("poll_options_content_position_key").on(t.contentId, t.position)],
);

/** One vote per person per poll. */
export const pollVotes = pgTable(
  "poll_votes",
  {
    contentId: uuid("content_id").notNull().references(() => content.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    optionId: integer("option_id").notNull().references(() => pollOptions.id, { onDelete: "cascade" }),
    votedAt: timestamp("voted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contentId, t.personId] }), index("poll_votes_option_idx").on(t.optionId)],
);

/**
 * Version history (C1: one item, one history): every save of an item writes the whole
 * item as it then stood, with who saved it and when, so any two versions can be compared.
 */
export const contentVersions = pgTable(
  "content_versions",
  {
    contentId: uuid("content_id").notNull().references(() => content.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: contentStatus("status").notNull(),
    /** Type-specific fields as saved (event times and place, poll options). */
    details: jsonb("details").notNull().default({}),
    editorId: uuid("editor_id").references(() => people.id, { onDelete: "set null" }),
    editorName: text("editor_name").notNull(),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contentId, t.version] })],
);
