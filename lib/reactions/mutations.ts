import "server-only";
/**
 * K4: favourites, ratings and follows. Each function runs inside a defineAction's
 * transaction (lib/reactions/actions.ts) whose policy was checked there; each says the
 * same thing twice without a second row (a double submit duplicates nothing).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { content, contentConversation, favourites, follows, ratings } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import type { FollowTarget } from "./schemas";

export async function setFavourite(tx: Db, personId: string, input: { id: string; favourite: boolean }): Promise<{ favourite: boolean }> {
  if (input.favourite) {
    await tx.insert(favourites).values({ personId, contentId: input.id }).onConflictDoNothing();
  } else {
    await tx.delete(favourites).where(and(eq(favourites.personId, personId), eq(favourites.contentId, input.id)));
  }
  return { favourite: input.favourite };
}

export interface RatingSummary {
  myRating: number | null;
  ratingCount: number;
  /** The mean of everyone's stars, or null when nobody has rated. */
  ratingAverage: number | null;
}

/**
 * K4: one rating a person an item, changeable and removable. The item's counters in
 * content_conversation change in the same transaction, under a lock on its row, so two
 * people rating at once both count (each reads the other's committed change after the lock).
 */
export async function setRating(tx: Db, personId: string, input: { id: string; stars: number | null }): Promise<RatingSummary> {
  const [item] = await tx.select({ status: content.status }).from(content).where(eq(content.id, input.id)).limit(1);
  if (!item) throw new ActionError("This item no longer exists. It may have been deleted.");
  if (item.status !== "published" && input.stars !== null) throw new ActionError("You can rate this item once it is published.");
  await tx.insert(contentConversation).values({ contentId: input.id }).onConflictDoNothing();
  await tx.select({ id: contentConversation.contentId }).from(contentConversation).where(eq(contentConversation.contentId, input.id)).for("update");
  const [old] = await tx
    .select({ stars: ratings.stars })
    .from(ratings)
    .where(and(eq(ratings.contentId, input.id), eq(ratings.personId, personId)))
    .limit(1);
  const before = old?.stars ?? null;
  if (input.stars === null) {
    if (before !== null) await tx.delete(ratings).where(and(eq(ratings.contentId, input.id), eq(ratings.personId, personId)));
  } else {
    await tx
      .insert(ratings)
      .values({ contentId: input.id, personId, stars: input.stars })
      .onConflictDoUpdate({ target: [ratings.contentId, ratings.personId], set: { stars: input.stars, ratedAt: new Date() } });
  }
  const countDelta = (input.stars === null ? 0 : 1) - (before === null ? 0 : 1);
  const sumDelta = (input.stars ?? 0) - (before ?? 0);
  const [row] = await tx
    .update(contentConversation)
    .set({
      ratingCount: sql`${contentConversation.ratingCount} + ${countDelta}`,
      ratingSum: sql`${contentConversation.ratingSum} + ${sumDelta}`,
    })
    .where(eq(contentConversation.contentId, input.id))
    .returning({ count: contentConversation.ratingCount, sum: contentConversation.ratingSum });
  return { myRating: input.stars, ratingCount: row!.count, ratingAverage: row!.count > 0 ? row!.sum / row!.count : null };
}

function targetColumn(target: FollowTarget) {
  switch (target.kind) {
    case "content":
      return { column: follows.contentId, values: { contentId: target.id } };
    case "section":
      return { column: follows.sectionId, values: { sectionId: target.id } };
    case "group":
      return { column: follows.groupId, values: { groupId: target.id } };
    case "person":
      return { column: follows.followedPersonId, values: { followedPersonId: target.id } };
    case "idea":
      return { column: follows.ideaId, values: { ideaId: target.id } };
  }
}

/** K4: follow or unfollow an item, a section, a group, a person or an idea (G8) (follows has one partial unique index per kind). */
export async function setFollow(tx: Db, personId: string, target: FollowTarget, follow: boolean): Promise<{ following: boolean }> {
  const { column, values } = targetColumn(target);
  if (target.kind === "person" && target.id === personId) throw new ActionError("You cannot follow yourself.");
  if (follow) {
    // The partial unique index of this kind refuses a second row: nothing to do then.
    await tx.insert(follows).values({ personId, ...values }).onConflictDoNothing();
  } else {
    await tx.delete(follows).where(and(eq(follows.personId, personId), eq(column, target.id as never)));
  }
  return { following: follow };
}
