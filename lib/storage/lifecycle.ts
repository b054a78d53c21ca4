import "server-only";
/**
 * Rows and stored objects never drift apart: a row never points at a missing object, and an
 * object no row owns is deleted. The ledger is the `unclaimed_objects` table (a key per
 * object that no committed row owns):
 *
 * 1. `stageObject` commits the key into the ledger on its own (outside any transaction),
 *    then writes the object. Done before the action's transaction (defineAction's `stage`).
 * 2. The action's transaction writes the owning row and `claimObject` deletes the key from
 *    the ledger: both commit, or neither. A claim that finds no key (already swept) fails
 *    the transaction, so no row can commit pointing at a swept object.
 * 3. A transaction that deletes an owning row puts its key back into the ledger: the owning
 *    tables do it by trigger, whatever deletes or replaces the row (uploads, people.image_id,
 *    group_file_versions: migrations 0017, 0018); `releaseObjects` is for any other owner.
 *    After the commit the caller deletes the objects at once (`deleteReleasedObjects`);
 *    were that to fail, the sweep does it later.
 * 4. The sweep (every few minutes, from the outbox worker's loop, instrumentation.ts) takes
 *    keys older than the grace period — an upload whose transaction rolled back, a process
 *    that died between 1 and 2 — deletes their objects and then their keys, in one
 *    transaction that holds the keys' row locks (`for update skip locked`).
 *
 * Why this is right with two app instances: every decision is a row lock in PostgreSQL. A
 * claim and a sweep of the same key serialise on its row: if the sweep locked it first, the
 * claim waits, then finds it gone and its transaction fails (the upload is refused, nothing
 * points at the deleted object); if the claim locked it first, the sweep skips it, and
 * after the claim commits the key is gone. Two sweeps skip each other's keys. Deleting an
 * object twice is harmless. A sweep that fails to delete an object rolls back and keeps
 * the key, to try again. The grace period (an hour) is longer than any upload takes to be
 * claimed; one that took longer would be refused, never left dangling.
 */
import { randomUUID } from "node:crypto";
import { eq, inArray, lt } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { unclaimedObjects } from "@/db/schema";
import { safeErrorSummary } from "@/lib/errors";
import { objectStore } from "./current";
import type { PutBody, PutOptions } from "./store";

/** How long an object may stay unclaimed before the sweep deletes it. */
export const UNCLAIMED_GRACE_MS = 60 * 60_000;
/** How often the sweep runs. */
export const SWEEP_EVERY_MS = 10 * 60_000;
/** Keys one sweep transaction takes (and holds locked while their objects are deleted). */
const SWEEP_BATCH = 100;

export interface StagedObject {
  key: string;
  size: number;
}

/** Writes a new object under a new key, recorded as unclaimed first; the action's transaction claims it. */
export async function stageObject(db: Db, body: PutBody, options: PutOptions = {}): Promise<StagedObject> {
  const key = randomUUID();
  await db.insert(unclaimedObjects).values({ key });
  try {
    const { size } = await objectStore().put(key, body, options);
    return { key, size };
  } catch (error) {
    await deleteUnclaimed(db, [key]);
    throw error;
  }
}

/** In the transaction that writes the object's owning row. Throws when the object was swept. */
export async function claimObject(tx: Db, key: string): Promise<void> {
  const claimed = await tx.delete(unclaimedObjects).where(eq(unclaimedObjects.key, key)).returning({ key: unclaimedObjects.key });
  if (!claimed.length) throw new Error("a stored object was swept before its row was written");
}

/** In the transaction that deletes the objects' owning rows; call `deleteUnclaimed` after it commits. */
export async function releaseObjects(tx: Db, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await tx
    .insert(unclaimedObjects)
    .values(keys.map((key) => ({ key })))
    .onConflictDoNothing();
}

/**
 * Deletes unclaimed objects and then their keys, one transaction per batch holding the
 * keys' row locks; a key another transaction holds (being claimed, being swept) is skipped.
 * Answers how many were deleted.
 */
async function deleteBatch(db: Db, which: { keys: string[] } | { before: Date }): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ key: unclaimedObjects.key })
      .from(unclaimedObjects)
      .where("keys" in which ? inArray(unclaimedObjects.key, which.keys) : lt(unclaimedObjects.since, which.before))
      .orderBy(unclaimedObjects.since)
      .limit(SWEEP_BATCH)
      .for("update", { skipLocked: true });
    if (!rows.length) return 0;
    const keys = rows.map((r) => r.key);
    await objectStore().delete(keys);
    await tx.delete(unclaimedObjects).where(inArray(unclaimedObjects.key, keys));
    return keys.length;
  });
}

/**
 * After a commit that released `keys` (or an upload that failed): deletes those objects
 * now. Never throws: the change has committed, and the sweep retries what fails here.
 */
export async function deleteUnclaimed(db: Db, keys: string[]): Promise<void> {
  try {
    for (let i = 0; i < keys.length; i += SWEEP_BATCH) await deleteBatch(db, { keys: keys.slice(i, i + SWEEP_BATCH) });
  } catch (error) {
    console.error(`storage: deleting released objects failed (the sweep will retry): ${safeErrorSummary(error)}`);
  }
}

/** The periodic sweep: every object unclaimed for longer than the grace period. Answers how many went. */
export async function sweepUnclaimedObjects(db: Db, now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - UNCLAIMED_GRACE_MS);
  let swept = 0;
  for (;;) {
    const n = await deleteBatch(db, { before });
    swept += n;
    if (n < SWEEP_BATCH) return swept;
  }
}

/**
 * What the callers use after their transaction: the objects its commit released (a deleted
 * item's images, a replaced profile image), or a staged object whose action did not commit
 * (defineAction's `stage.undo`). Never throws.
 */
export async function deleteReleasedObjects(keys: string[]): Promise<void> {
  if (keys.length) await deleteUnclaimed(await getDb(), keys);
}

/** defineAction's `stage.undo` for an action that stored one object. */
export const unstageObject = (staged: { key: string }): Promise<void> => deleteReleasedObjects([staged.key]);
