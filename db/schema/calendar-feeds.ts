import { pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * C7: each person's private calendar feed, one row a person, made when they first ask for it.
 * Only the SHA-256 of the feed's token is stored, to find the row a request names; the token
 * itself is an HMAC of the person and `seed` under a key derived from AUTH_SECRET
 * (lib/calendar-feed/token.ts), so their own page can show the address again while a copy of
 * this table alone opens no feed. Resetting writes a new seed and hash: the old address
 * stops working at once. Deleting the person deletes the row.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    personId: uuid("person_id")
      .primaryKey()
      .references(() => people.id, { onDelete: "cascade" }),
    /** hex SHA-256 of the whole token (lib/api-tokens/token.ts hashToken). */
    tokenHash: text("token_hash").notNull(),
    /** 16 random bytes, base64url: with the server's key, the token again (never the token itself). */
    seed: text("seed").notNull(),
    /** When this address was made: the first one, or the last reset. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Written at most once an hour a feed (lib/calendar-feed/verify.ts). */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("calendar_feeds_token_hash_key").on(t.tokenHash)],
);
