import { sql } from "drizzle-orm";
import { check, customType, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { audience } from "./people";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** D1: what kind of page a view was of. */
export const viewedPage = pgEnum("viewed_page", ["home", "section", "item", "group", "app", "search", "directory", "other"]);

/**
 * D1 D6: page views as they happen, counts only: what was viewed, by which audience
 * (intranet: organisational people; extranet: external), when. Who viewed is never kept:
 * `visitor` is a keyed hash of the person with that day's key (analytics_days.salt), which is
 * deleted once the day is rolled up, so it counts the day's distinct people and can never be
 * turned back into a person. Rows are written in batches off the request's path
 * (lib/analytics/record.ts), rolled up each day into view_days and view_item_days, and
 * deleted a few days later (lib/analytics/rollup.ts). No foreign keys: the figures outlive
 * what they count, and a deleted item's figures are simply never shown (D6 asks the
 * viewer to be able to view the item).
 */
export const pageViews = pgTable(
  "page_views",
  {
    at: timestamp("at", { withTimezone: true }).notNull(),
    audience: audience("audience").notNull(),
    page: viewedPage("page").notNull(),
    /** The section the page is in: a section's page, or an item's home section. */
    sectionId: integer("section_id"),
    /** The group the page is in: a group's page, or an item's home group. */
    groupId: integer("group_id"),
    contentId: uuid("content_id"),
    /** G4: ideas, wall or queries. */
    app: text("app"),
    /** D4: a search that found nothing: what was searched (trimmed, lower case). */
    missedTerm: text("missed_term"),
    visitor: bytea("visitor").notNull(),
  },
  (t) => [index("page_views_at_idx").on(t.at)],
);

/**
 * D1: each day of views, in the organisation's time zone: the key its visitors' hashes are
 * made with (null once rolled up: deleted with the raw views' link to anyone), and when its
 * figures were rolled up.
 */
export const analyticsDays = pgTable("analytics_days", {
  day: date("day").primaryKey(),
  salt: bytea("salt"),
  rolledUpAt: timestamp("rolled_up_at", { withTimezone: true }),
  /** How many raw views the rollup counted: a day whose count has changed since (a journal recovered late) is rolled up again. */
  rolledUpViews: integer("rolled_up_views"),
});

/** D1: a day's figures for the site, a section, a group or an app, per audience: views and distinct people. */
export const viewDays = pgTable(
  "view_days",
  {
    day: date("day").notNull(),
    /** `site` (key ""), `section` (its id), `group` (its id) or `app` (its name). */
    scope: text("scope").notNull(),
    scopeKey: text("scope_key").notNull(),
    audience: audience("audience").notNull(),
    views: integer("views").notNull(),
    visitors: integer("visitors").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.scopeKey, t.day, t.audience] }), check("view_days_scope", sql`${t.scope} in ('site', 'section', 'group', 'app')`), index("view_days_day_idx").on(t.scope, t.day)],
);

/** D1: a day's figures for one item, with its home (for a section's or group's top content). */
export const viewItemDays = pgTable(
  "view_item_days",
  {
    day: date("day").notNull(),
    contentId: uuid("content_id").notNull(),
    sectionId: integer("section_id"),
    groupId: integer("group_id"),
    audience: audience("audience").notNull(),
    views: integer("views").notNull(),
    visitors: integer("visitors").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contentId, t.day, t.audience] }),
    index("view_item_days_section_idx").on(t.sectionId, t.day),
    index("view_item_days_group_idx").on(t.groupId, t.day),
  ],
);

/**
 * D1: each day's most viewed items, sections and groups site-wide (the first 100 of each), so
 * that a year's leaders are read from a few thousand rows rather than every item's every day.
 */
export const viewLeaderDays = pgTable(
  "view_leader_days",
  {
    day: date("day").notNull(),
    /** `item` (key: its id), `section` or `group` (their ids). */
    kind: text("kind").notNull(),
    /** Whose views: `all`, or one audience's (the figures' audience filter reads that audience's leaders). */
    audience: text("audience").notNull().default("all"),
    key: text("key").notNull(),
    views: integer("views").notNull(),
    visitors: integer("visitors").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.audience, t.day, t.key] }),
    check("view_leader_days_kind", sql`${t.kind} in ('item', 'section', 'group')`),
    check("view_leader_days_audience", sql`${t.audience} in ('all', 'organisational', 'external')`),
  ],
);

/** D1 D4: searches that found nothing, per day and term (normalised: trimmed, lower case), counted; never who searched. */
export const searchMissDays = pgTable(
  "search_miss_days",
  {
    day: date("day").notNull(),
    term: text("term").notNull(),
    searches: integer("searches").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.term] })],
);
