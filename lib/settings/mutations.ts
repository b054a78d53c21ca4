import "server-only";
/** Writing webmaster settings; called from defineAction runs only (inside their transaction). */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { settings } from "@/db/schema";

/** Stores `value` under `key` and answers what was there before (for the audit row). */
export async function writeSetting(tx: Db, key: string, value: Record<string, unknown>): Promise<unknown> {
  const [before] = await tx.select({ value: settings.value }).from(settings).where(sql`${settings.key} = ${key}`).for("update");
  await tx
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
  return before?.value ?? null;
}
