import "server-only";
/**
 * M8 retention: removes audit events older than the period webmasters set (settings
 * "auditRetention"), through the database's own portico_purge_audit_events() — the only
 * way rows leave the append-only table (drizzle/0009_audit_append_only.sql). Each purge
 * that removed anything is itself recorded. Run by the background worker (lib/mail/worker.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { getAuditRetention } from "@/lib/settings/queries";
import { recordAudit } from "./mutations";

export const PURGE_BATCH = 5_000;
export const PURGE_EVERY_MS = 60 * 60_000;

export async function purgeAuditEvents(db: Db, options: { batch?: number } = {}): Promise<{ removed: number; retentionDays: number | null }> {
  const { days } = await getAuditRetention(db);
  if (days === null) return { removed: 0, retentionDays: null };
  const batch = options.batch ?? PURGE_BATCH;
  let removed = 0;
  for (;;) {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select portico_purge_audit_events(${batch}::integer) as n`));
    removed += Number(row?.n ?? 0);
    if (Number(row?.n ?? 0) < batch) break;
  }
  if (removed > 0) {
    await recordAudit(db, { actor: null, action: "audit.purge", target: { type: "setting", id: "auditRetention" }, details: { removed, retentionDays: days } });
  }
  return { removed, retentionDays: days };
}
