import { index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Stored objects (uploaded files, lib/storage) that no row owns yet, or any more. A key is
 * written here, and committed, before its object is written; the transaction that writes
 * the owning row deletes it (claims the object) and commits both together. A transaction
 * that deletes an owning row adds the key back, so the object goes after that commit. What
 * is left here for longer than the grace period (an upload whose transaction rolled back, a
 * process that died) is swept: the object is deleted, then the row (lib/storage/sweep.ts).
 */
export const unclaimedObjects = pgTable(
  "unclaimed_objects",
  {
    key: uuid("key").primaryKey(),
    since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("unclaimed_objects_since_idx").on(t.since)],
);
