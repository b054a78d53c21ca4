import "server-only";
/**
 * Changing the locations directory (P6); called from defineAction runs only (webmasters,
 * inside their transaction). Each change locks the location's row first, so an edit and a
 * deletion of the same location cannot cross: whichever comes second is refused with a
 * message and changes nothing.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { locations, people } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import { locationKeyFrom } from "./schemas";

export const LOCATION_GONE = "This location has been deleted by someone else, so your changes could not be saved. Go back to the locations directory.";
export const LOCATION_CHANGED =
  "Someone else changed this location while you were editing it. Your changes were not saved: reload the page to see theirs, then make yours again.";

async function nameTaken(tx: Db, name: string, except?: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(sql`lower(${locations.name}) = lower(${name})`, except ? sql`${locations.id} <> ${except}` : undefined))
    .limit(1);
  return row !== undefined;
}

/** A key no other location has: the name's, then -2, -3 … (the import identifies locations by key, M6). */
async function freeKey(tx: Db, name: string): Promise<string> {
  const base = locationKeyFrom(name);
  const taken = new Set(
    (await tx.select({ key: locations.key }).from(locations).where(sql`${locations.key} = ${base} or ${locations.key} like ${`${base}-%`}`)).map((r) => r.key),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createLocation(tx: Db, input: { name: string; address: string }): Promise<{ id: number; key: string }> {
  // One creation at a time: two webmasters adding "Depot" at once get one each, not two of one name.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('portico:locations'))`);
  if (await nameTaken(tx, input.name)) throw new ActionError(`There is already a location called ${input.name}. Choose another name.`, "name");
  const key = await freeKey(tx, input.name);
  const [row] = await tx
    .insert(locations)
    .values({ key, name: input.name, address: input.address || null })
    .returning({ id: locations.id, key: locations.key });
  return row!;
}

export async function updateLocation(
  tx: Db,
  input: { locationId: number; version: number; name: string; address: string },
): Promise<{ before: { name: string; address: string | null } }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('portico:locations'))`);
  const [current] = await tx.select().from(locations).where(eq(locations.id, input.locationId)).for("update").limit(1);
  if (!current) throw new ActionError(LOCATION_GONE);
  if (current.version !== input.version) throw new ActionError(LOCATION_CHANGED);
  if (await nameTaken(tx, input.name, input.locationId)) throw new ActionError(`There is already a location called ${input.name}. Choose another name.`, "name");
  await tx
    .update(locations)
    .set({ name: input.name, address: input.address || null, version: sql`${locations.version} + 1`, updatedAt: sql`now()` })
    .where(eq(locations.id, input.locationId));
  return { before: { name: current.name, address: current.address } };
}

/** Deletes a location, first moving its people to `moveTo` (another location) or to none. */
export async function deleteLocation(tx: Db, input: { locationId: number; moveTo: number | null }): Promise<{ name: string; moved: number }> {
  if (input.moveTo === input.locationId) throw new ActionError("Choose another location for its people, or no location.", "moveTo");
  // Both rows locked, in id order, so two deletions moving people into each other cannot deadlock.
  const ids = input.moveTo === null ? [input.locationId] : [input.locationId, input.moveTo].sort((a, b) => a - b);
  const rows = await tx
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(inArray(locations.id, ids))
    .orderBy(locations.id)
    .for("update");
  const target = rows.find((r) => r.id === input.locationId);
  if (!target) throw new ActionError("This location has already been deleted.");
  if (input.moveTo !== null && !rows.some((r) => r.id === input.moveTo)) {
    throw new ActionError("The location you chose for its people has just been deleted. Choose another.", "moveTo");
  }
  const moved = await tx
    .update(people)
    .set({ locationId: input.moveTo, updatedAt: sql`now()` })
    .where(eq(people.locationId, input.locationId))
    .returning({ id: people.id });
  await tx.delete(locations).where(eq(locations.id, input.locationId));
  return { name: target.name, moved: moved.length };
}
