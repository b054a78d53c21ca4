import "server-only";
/**
 * D6: each day's key for the visitors' hashes, one for every process that records views
 * (so two instances count one person once), made at random on the day's first view and
 * deleted when the day is rolled up (./rollup.ts): after that no hash of that day can be
 * matched to anyone.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { analyticsDays } from "@/db/schema";

const known = new Map<string, Buffer>();

export async function saltOfDay(db: Db, day: string): Promise<Buffer> {
  const cached = known.get(day);
  if (cached) return cached;
  await db.insert(analyticsDays).values({ day, salt: randomBytes(32) }).onConflictDoNothing();
  const [row] = await db.select({ salt: analyticsDays.salt }).from(analyticsDays).where(eq(analyticsDays.day, day));
  // A day already rolled up has no key: a late view (a journal recovered days later) gets a fresh one of its own.
  const salt = row?.salt ? Buffer.from(row.salt) : randomBytes(32);
  if (known.size > 4) known.clear();
  known.set(day, salt);
  return salt;
}

/** Forgets the cached keys (after a rollup deleted one). */
export function forgetSalts(): void {
  known.clear();
}
