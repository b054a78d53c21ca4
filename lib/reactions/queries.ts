import "server-only";
/**
 * K4: what the viewer has favourited, rated and followed, for the buttons on an item,
 * section or group page, and the Favourites page. Only read for things the page has
 * already decided the viewer may view; the Favourites listing decides access itself (C4).
 */
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { content, contentConversation, people } from "@/db/schema";
import { type ContentSummary, type Page, listSummaries } from "@/lib/content/listings";
import type { AccessSubject } from "@/lib/access/types";

export interface ItemReactions {
  favourite: boolean;
  following: boolean;
  myRating: number | null;
  ratingCount: number;
  ratingAverage: number | null;
}

/** The viewer's favourite, follow and rating of one item, with its average and count: one query. */
export async function itemReactions(viewer: AccessSubject, contentId: string): Promise<ItemReactions> {
  const db = await getDb();
  const [row] = await db
    .select({
      favourite: sql<boolean>`exists (select 1 from favourites f where f.content_id = ${contentId} and f.person_id = ${viewer.id})`,
      following: sql<boolean>`exists (select 1 from follows fo where fo.content_id = ${contentId} and fo.person_id = ${viewer.id})`,
      myRating: sql<number | null>`(select r.stars from ratings r where r.content_id = ${contentId} and r.person_id = ${viewer.id})`,
      count: sql<number | null>`(select cc.rating_count from content_conversation cc where cc.content_id = ${contentId})`,
      sum: sql<number | null>`(select cc.rating_sum from content_conversation cc where cc.content_id = ${contentId})`,
    })
    .from(people)
    .where(eq(people.id, viewer.id));
  const count = Number(row?.count ?? 0);
  return {
    favourite: row?.favourite === true,
    following: row?.following === true,
    myRating: row?.myRating == null ? null : Number(row.myRating),
    ratingCount: count,
    ratingAverage: count > 0 ? Number(row!.sum) / count : null,
  };
}

/**
 * K4 C4: the viewer's favourites that they can view NOW, most recently changed first, in
 * keyset pages. An item they can no longer view is simply not listed (no title, no gap).
 */
export function listFavourites(viewer: AccessSubject, cursor?: string | null, limit?: number): Promise<Page<ContentSummary>> {
  return listSummaries(viewer, sql`${content.id} in (select f.content_id from favourites f where f.person_id = ${viewer.id})`, "updated", cursor, limit);
}

/** The rating counters of an item as kept by setRating (for tests and checks). */
export async function ratingCounters(contentId: string): Promise<{ count: number; sum: number }> {
  const db = await getDb();
  const [row] = await db.select({ count: contentConversation.ratingCount, sum: contentConversation.ratingSum }).from(contentConversation).where(eq(contentConversation.contentId, contentId));
  return { count: row?.count ?? 0, sum: row?.sum ?? 0 };
}
