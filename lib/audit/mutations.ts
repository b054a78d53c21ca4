import "server-only";
/**
 * M8: writing the audit log. Rows are only ever inserted; nothing in the application
 * updates or deletes them (retention is a separate, recorded purge).
 */
import { type Db, getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";

export interface AuditEvent {
  actor: { id: string; email: string } | null;
  action: string;
  target?: { type: string; id: string | number } | null;
  details?: Record<string, unknown>;
  address?: string | null;
}

export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: event.actor?.id ?? null,
    actorEmail: event.actor?.email ?? null,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target ? String(event.target.id) : null,
    details: event.details ?? {},
    address: event.address ?? null,
  });
}

/** M8: an export of audit events (the CSV route), recorded before the first byte leaves. */
export async function recordAuditExport(actor: { id: string; email: string }, filters: Record<string, string>, address: string | null): Promise<void> {
  const used = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ""));
  await recordAudit(await getDb(), { actor, action: "audit.export", address, details: { filters: used } });
}
