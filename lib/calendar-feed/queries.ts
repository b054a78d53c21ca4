import "server-only";
/**
 * C7: one's own calendar feed, for /me/calendar: its address (made again from the seed,
 * ./token.ts), when it was made and last read. Never while viewing the site as someone (B2):
 * the address opens their events to whoever holds it, so it is theirs alone to see.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { calendarFeeds } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { feedPath, feedToken, feedTokenHash } from "./token";

export type OwnFeed =
  /** No feed yet: the page offers to make one. */
  | { status: "none" }
  /** The feed's path (the page puts the site's origin before it). */
  | { status: "ready"; path: string; createdAt: Date; lastUsedAt: Date | null }
  /** The site's key changed since it was made (AUTH_SECRET): the address cannot be made again; a reset gives a new one. */
  | { status: "unreadable"; createdAt: Date }
  /** B2: a webmaster viewing the site as this person. */
  | { status: "hidden" };

export async function getOwnFeed(viewer: Viewer): Promise<OwnFeed> {
  if (viewer.asSeenBy) return { status: "hidden" };
  const db = await getDb();
  const [row] = await db
    .select({ seed: calendarFeeds.seed, tokenHash: calendarFeeds.tokenHash, createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.personId, viewer.id))
    .limit(1);
  if (!row) return { status: "none" };
  const token = feedToken(viewer.id, row.seed);
  if (feedTokenHash(token) !== row.tokenHash) return { status: "unreadable", createdAt: row.createdAt };
  return { status: "ready", path: feedPath(token), createdAt: row.createdAt, lastUsedAt: row.lastUsedAt };
}
