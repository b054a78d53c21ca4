import "server-only";
/**
 * Writing on the Message Wall and moderating it (G4 K2 K3 K4 E6). Each function runs inside
 * the transaction of a defineAction (./actions.ts) whose `authorize` has already checked the
 * catalogue entry there; these check what the person can fix (a stale form, an image that is
 * not theirs) and throw ActionError, which rolls everything back. Counters (favourites) and
 * notification events change in the same transaction as the post.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uploads, wallFavourites, wallPostReports, wallPosts } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { mentionedIds } from "@/lib/mentions/syntax";
import { recordNotificationEvent } from "@/lib/notifications/events";
import type { CreateWallPostInput } from "./schemas";

export const GONE_MESSAGE = "This post no longer exists. It may have been deleted. Reload the page.";
export const EDIT_CONFLICT_MESSAGE =
  "This post was changed since you opened it (perhaps in another tab or window). Your text is still in the box: copy it, reload the page, then edit the post again.";
export const IMAGE_UNUSABLE_MESSAGE = "This image could not be used. Upload it again.";
export const HIDDEN_EDIT_MESSAGE = "A moderator hid this post, so it can no longer be edited. You can still delete it.";

type PostRow = typeof wallPosts.$inferSelect;

async function lockPost(tx: Db, id: string): Promise<PostRow> {
  const [row] = await tx.select().from(wallPosts).where(eq(wallPosts.id, id)).for("update").limit(1);
  if (!row) throw new ActionError(GONE_MESSAGE);
  return row;
}

/**
 * G4: writes a post, with its image (the writer's own upload that nothing uses yet), and
 * records a `mention` event for the people it mentions (E6: the fan-out tells only those who
 * may use the wall). Sending the same form twice (its `id`) writes one post.
 */
export async function createWallPost(tx: Db, viewer: Pick<Viewer, "id">, input: CreateWallPostInput): Promise<{ id: string; created: boolean }> {
  const [existing] = await tx.select({ authorId: wallPosts.authorId }).from(wallPosts).where(eq(wallPosts.id, input.id)).limit(1);
  if (existing) {
    if (existing.authorId === viewer.id) return { id: input.id, created: false };
    throw new ActionError("This form is out of date. Reload the page, then write your post again.");
  }
  const imageId = input.imageId ? input.imageId.toLowerCase() : null;
  if (imageId) {
    const [image] = await tx
      .select({ id: uploads.id })
      .from(uploads)
      .where(and(eq(uploads.id, imageId), eq(uploads.uploaderId, viewer.id), isNull(uploads.contentId), isNull(uploads.wallPostId)))
      .for("update")
      .limit(1);
    if (!image) throw new ActionError(IMAGE_UNUSABLE_MESSAGE, "imageId");
  }
  const [row] = await tx
    .insert(wallPosts)
    .values({ id: input.id, authorId: viewer.id, body: input.body, imageId, imageAlt: imageId ? (input.decorative ? "" : (input.imageAlt ?? "")) : null })
    .onConflictDoNothing()
    .returning({ id: wallPosts.id });
  // Lost a race with the same form's other submit: that one wrote it.
  if (!row) return { id: input.id, created: false };
  if (imageId) await tx.update(uploads).set({ wallPostId: row.id }).where(eq(uploads.id, imageId));
  const mentioned = mentionedIds(input.body).filter((id) => id !== viewer.id);
  if (mentioned.length) await recordNotificationEvent(tx, { kind: "mention", actorId: viewer.id, wallPostId: row.id, mentionedIds: mentioned });
  return { id: row.id, created: true };
}

/**
 * K2: the author changes their post's text; it is then shown as edited. The form names the
 * version it was opened at: an edit made meanwhile (another tab) refuses this one, and the
 * text typed stays in the form. People newly mentioned are told (E6).
 */
export async function editWallPost(tx: Db, viewer: Pick<Viewer, "id">, input: { postId: string; body: string; version: string }): Promise<{ id: string; version: string; changed: boolean }> {
  const row = await lockPost(tx, input.postId);
  if (row.hiddenAt) throw new ActionError(HIDDEN_EDIT_MESSAGE);
  const [current] = await tx.select({ version: sql<string>`coalesce(${wallPosts.editedAt}, ${wallPosts.createdAt})::text` }).from(wallPosts).where(eq(wallPosts.id, row.id));
  if (current?.version !== input.version) throw new ActionError(EDIT_CONFLICT_MESSAGE);
  if (row.body === input.body) return { id: row.id, version: current.version, changed: false };
  const [saved] = await tx
    .update(wallPosts)
    .set({ body: input.body, editedAt: sql`greatest(now(), ${wallPosts.createdAt} + interval '1 microsecond', coalesce(${wallPosts.editedAt}, ${wallPosts.createdAt}) + interval '1 microsecond')` })
    .where(eq(wallPosts.id, row.id))
    .returning({ version: sql<string>`coalesce(${wallPosts.editedAt}, ${wallPosts.createdAt})::text` });
  const before = new Set(mentionedIds(row.body));
  const added = mentionedIds(input.body).filter((id) => !before.has(id) && id !== viewer.id);
  if (added.length) await recordNotificationEvent(tx, { kind: "mention", actorId: viewer.id, wallPostId: row.id, mentionedIds: added });
  return { id: row.id, version: saved!.version, changed: true };
}

/** K2: the author deletes their post, with its favourites, reports, comments' counts and image (the file is removed after the commit). */
export async function deleteWallPost(tx: Db, input: { postId: string }): Promise<{ id: string; uploadIds: string[] }> {
  const row = await lockPost(tx, input.postId);
  const uploadIds = (await tx.select({ id: uploads.id }).from(uploads).where(eq(uploads.wallPostId, row.id))).map((r) => r.id);
  await tx.delete(wallPosts).where(eq(wallPosts.id, row.id));
  return { id: row.id, uploadIds };
}

/**
 * K4: favourite or unfavourite a post; its favourite count changes in the same transaction,
 * only when a row was really added or removed: the same click from two tabs counts once.
 */
export async function setWallFavourite(tx: Db, viewer: Pick<Viewer, "id">, input: { postId: string; favourite: boolean }): Promise<{ favourite: boolean; count: number }> {
  let delta = 0;
  if (input.favourite) {
    const [exists] = await tx.select({ id: wallPosts.id }).from(wallPosts).where(eq(wallPosts.id, input.postId)).limit(1);
    if (!exists) throw new ActionError(GONE_MESSAGE);
    const added = await tx.insert(wallFavourites).values({ personId: viewer.id, wallPostId: input.postId }).onConflictDoNothing().returning({ id: wallFavourites.wallPostId });
    delta = added.length;
  } else {
    const removed = await tx
      .delete(wallFavourites)
      .where(and(eq(wallFavourites.personId, viewer.id), eq(wallFavourites.wallPostId, input.postId)))
      .returning({ id: wallFavourites.wallPostId });
    delta = -removed.length;
  }
  const [row] = delta
    ? await tx
        .update(wallPosts)
        .set({ favouriteCount: sql`greatest(${wallPosts.favouriteCount} + ${delta}, 0)` })
        .where(eq(wallPosts.id, input.postId))
        .returning({ count: wallPosts.favouriteCount })
    : await tx.select({ count: wallPosts.favouriteCount }).from(wallPosts).where(eq(wallPosts.id, input.postId));
  return { favourite: input.favourite, count: row?.count ?? 0 };
}

/** K3: a report waits for the wall's moderators; reporting again while one waits changes nothing. */
export async function reportWallPost(tx: Db, viewer: Pick<Viewer, "id">, input: { postId: string; reason: string }): Promise<{ reported: boolean }> {
  const rows = await tx.insert(wallPostReports).values({ wallPostId: input.postId, reporterId: viewer.id, reason: input.reason }).onConflictDoNothing().returning({ id: wallPostReports.id });
  return { reported: rows.length > 0 };
}

async function closeReports(tx: Db, viewer: Pick<Viewer, "id">, postId: string, status: "dismissed" | "actioned"): Promise<number> {
  const rows = await tx
    .update(wallPostReports)
    .set({ status, decidedBy: viewer.id, decidedAt: sql`now()` })
    .where(and(eq(wallPostReports.wallPostId, postId), eq(wallPostReports.status, "open")))
    .returning({ id: wallPostReports.id });
  return rows.length;
}

/** K2: a moderator hides a post with a reason (shown to its author); its open reports are settled. */
export async function hideWallPost(tx: Db, viewer: Pick<Viewer, "id">, input: { postId: string; reason: string }): Promise<{ reports: number }> {
  const row = await lockPost(tx, input.postId);
  if (row.hiddenAt) throw new ActionError("This post is already hidden.");
  await tx.update(wallPosts).set({ hiddenAt: sql`now()`, hiddenBy: viewer.id, hiddenReason: input.reason }).where(eq(wallPosts.id, row.id));
  return { reports: await closeReports(tx, viewer, row.id, "actioned") };
}

/** K2: a moderator shows a hidden post again. */
export async function restoreWallPost(tx: Db, input: { postId: string }): Promise<{ id: string }> {
  const row = await lockPost(tx, input.postId);
  if (!row.hiddenAt) throw new ActionError("This post is not hidden.");
  await tx.update(wallPosts).set({ hiddenAt: null, hiddenBy: null, hiddenReason: null }).where(eq(wallPosts.id, row.id));
  return { id: row.id };
}

/** K3: a moderator dismisses a post's open reports, leaving it as it is. */
export async function dismissWallReports(tx: Db, viewer: Pick<Viewer, "id">, input: { postId: string }): Promise<{ reports: number }> {
  await lockPost(tx, input.postId);
  const reports = await closeReports(tx, viewer, input.postId, "dismissed");
  if (reports === 0) throw new ActionError("These reports were already dealt with. Reload the page.");
  return { reports };
}

