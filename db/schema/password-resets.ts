import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * P7: the one-time links of "Forgot your password?" and of the e-mail an import sends when
 * it changes someone's address (M6). Only the SHA-256 of each link's random token is
 * stored. A link is usable while unused, not superseded by a newer one, not expired, and
 * while the account still has the address it was sent to and no welcome e-mail was sent
 * after it (P3). Old rows are kept so a spent link can say what happened to it.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    /** hex SHA-256 of the 32-byte random token. */
    tokenHash: text("token_hash").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The address the link was sent to. */
    email: text("email").notNull(),
    /** "request" (P7, the person asked) or "import" (M6, an import changed the address). */
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [index("password_resets_person_idx").on(t.personId).where(sql`used_at is null and superseded_at is null`)],
);
