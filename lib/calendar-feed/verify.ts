import "server-only";
/**
 * C7: whom a presented feed token stands for, as a Viewer, in one round trip: the feed's row by
 * the token's hash, joined to its person's row read as a page reads its viewer
 * (lib/access/viewer.ts viewerColumns, as lib/api-tokens/verify.ts does for an API token), so
 * the feed then lists exactly what that person's pages list at the time of the request. No
 * session is involved: the person is never "viewing as" anyone. A person who is blocked, not
 * yet authorised (P3), or must set up two-factor sign-in first (M4) has no feed; a deleted
 * person's row went with them; a reset token matches no row.
 */
import { eq, sql } from "drizzle-orm";
import { type Db, withGenericPlans } from "@/db/connect";
import { preparedPerDb } from "@/db/sql";
import { calendarFeeds, people } from "@/db/schema";
import { tokenViewerOf, viewerColumns } from "@/lib/access/viewer";
import type { Viewer } from "@/lib/access/types";
import { feedTokenHash, looksLikeFeedToken } from "./token";

/** A calendar polls every few hours or minutes; "last read" needs no finer grain, and each read need not write. */
const LAST_USED_EVERY_MS = 60 * 60 * 1000;

function buildFeedQuery(db: Db) {
  return db
    .select({
      person: viewerColumns(sql`null`),
      lastUsedAt: calendarFeeds.lastUsedAt,
      authorised: sql<boolean>`${people.authorisedAt} is not null`,
    })
    .from(calendarFeeds)
    .innerJoin(people, eq(people.id, calendarFeeds.personId))
    .where(eq(calendarFeeds.tokenHash, sql.placeholder("hash")))
    .prepare("portico_verify_calendar_feed");
}
const feedQuery = preparedPerDb(buildFeedQuery);

/** The feed's person as a Viewer, or null for a token that opens nothing (the route answers 404 alike for every reason). */
export async function feedViewer(db: Db, presented: string, now = new Date()): Promise<Viewer | null> {
  if (!looksLikeFeedToken(presented)) return null;
  const [row] = await feedQuery(withGenericPlans(db)).execute({ hash: feedTokenHash(presented) });
  if (!row || !row.authorised) return null;
  const viewer = tokenViewerOf(row.person);
  if (!viewer || viewer.mustEnrolTwoFactor) return null;
  if (now.getTime() - (row.lastUsedAt?.getTime() ?? 0) >= LAST_USED_EVERY_MS) {
    await db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.personId, viewer.id));
  }
  return viewer;
}
