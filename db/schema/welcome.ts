import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * P3: the sign-in links of welcome e-mails. Only a SHA-256 hash of each link's random
 * token is stored (the token itself is only ever in the e-mail). A link is usable while
 * it is unused, not superseded by a newer welcome e-mail, and not expired (7 days).
 * Old rows are kept so that a used, superseded or expired link can say which it is.
 */
export const welcomeLinks = pgTable(
  "welcome_links",
  {
    /** hex SHA-256 of the 32-byte random token. */
    tokenHash: text("token_hash").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [index("welcome_links_person_idx").on(t.personId).where(sql`used_at is null and superseded_at is null`)],
);

/**
 * A person's own request to change their e-mail address. The confirmation link
 * goes to `newEmail`, and only following it (signed in as the person) changes the address.
 * As for welcome links, only the SHA-256 of the link's token is stored; a link is usable
 * while unused, not superseded by a newer request, not expired (24 hours), and while the
 * account's address is still `oldEmail` (a webmaster or an import may change it meanwhile).
 */
export const emailChanges = pgTable(
  "email_changes",
  {
    /** hex SHA-256 of the 32-byte random token. */
    tokenHash: text("token_hash").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    oldEmail: text("old_email").notNull(),
    newEmail: text("new_email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [index("email_changes_person_idx").on(t.personId).where(sql`used_at is null and superseded_at is null`)],
);
