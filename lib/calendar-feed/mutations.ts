import "server-only";
/**
 * C7: making and resetting a person's calendar feed, in the caller's transaction (the actions
 * have re-read the viewer and checked the policy in it). One row a person; the token is never
 * stored, only its hash and the seed it is made from (./token.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { calendarFeeds } from "@/db/schema";
import { feedToken, feedTokenHash, newFeedSeed } from "./token";

function freshAddress(personId: string, now: Date) {
  const seed = newFeedSeed();
  return { personId, seed, tokenHash: feedTokenHash(feedToken(personId, seed)), createdAt: now, lastUsedAt: null };
}

/** The person's feed, made now unless they have one already (asking twice keeps the first). Answers whether it was made now. */
export async function makeFeed(tx: Db, personId: string, now = new Date()): Promise<{ made: boolean }> {
  const made = await tx.insert(calendarFeeds).values(freshAddress(personId, now)).onConflictDoNothing().returning({ personId: calendarFeeds.personId });
  return { made: made.length > 0 };
}

/** A new address for the person's feed (made if they had none): the old one stops working with this commit. */
export async function resetFeed(tx: Db, personId: string, now = new Date()): Promise<void> {
  const fresh = freshAddress(personId, now);
  await tx
    .insert(calendarFeeds)
    .values(fresh)
    .onConflictDoUpdate({
      target: calendarFeeds.personId,
      set: { seed: fresh.seed, tokenHash: fresh.tokenHash, createdAt: now, lastUsedAt: sql`null` },
    });
}
