import "server-only";
/**
 * M8: reading the audit log, for webmasters only (/admin/audit and its CSV export).
 * Newest first by id (ids grow with every insert), one page at a time by keyset: the
 * next page starts below the last id shown, so deep pages cost what the first costs.
 */
import { type SQL, and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import type { AuditFilters } from "./schemas";
import type { Viewer } from "@/lib/access/types";
import { canAsWebmaster } from "@/lib/access/policies";

export const AUDIT_PAGE_SIZE = 50;
type AuditViewer = Pick<Viewer, "isWebmaster">;

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  address: string | null;
}

/** `like` with the pattern characters of a typed value taken literally. */
const literal = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function dayStart(date: string, plusDays = 0): Date {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d;
}

/** The filters as SQL; dates are whole UTC days, `to` included. */
export function auditWhere(filters: AuditFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (filters.action) {
    parts.push(sql`(${auditEvents.action} = ${filters.action} or ${auditEvents.action} like ${`${literal(filters.action.replace(/\.$/, ""))}.%`})`);
  }
  if (filters.actor) parts.push(sql`lower(${auditEvents.actorEmail}) like ${`${literal(filters.actor.toLowerCase())}%`}`);
  if (filters.target) {
    const cut = filters.target.indexOf(":");
    if (cut < 0) parts.push(eq(auditEvents.targetType, filters.target));
    else parts.push(and(eq(auditEvents.targetType, filters.target.slice(0, cut).trim()), eq(auditEvents.targetId, filters.target.slice(cut + 1).trim())));
  }
  if (filters.from) parts.push(gte(auditEvents.at, dayStart(filters.from)));
  if (filters.to) parts.push(lt(auditEvents.at, dayStart(filters.to, 1)));
  if (filters.address) parts.push(sql`lower(${auditEvents.address}) like ${`${literal(filters.address.toLowerCase())}%`}`);
  return and(...parts);
}

async function page(db: Db, filters: AuditFilters, before: number | null, limit: number): Promise<AuditRow[]> {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorEmail: auditEvents.actorEmail,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      address: auditEvents.address,
    })
    .from(auditEvents)
    .where(and(auditWhere(filters), before !== null ? lt(auditEvents.id, before) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}

/** The next page starts below the last id shown; a malformed cursor reads as the first page. */
const auditCursor = cursorCodec({ id: "int" });

export async function listAuditEvents(
  viewer: AuditViewer,
  filters: AuditFilters,
  cursor?: string | null,
  options: { limit?: number } = {},
): Promise<{ status: "forbidden" } | { status: "ok"; items: AuditRow[]; next: string | null }> {
  if (!canAsWebmaster(viewer, "audit.view")) return { status: "forbidden" };
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const rows = await page(await getDb(), filters, auditCursor.decode(cursor)?.id ?? null, limit + 1);
  const items = rows.slice(0, limit);
  return { status: "ok", items, next: rows.length > limit ? auditCursor.encode({ id: items.at(-1)!.id }) : null };
}

/** Every row the filters select, newest first, in keyset batches (the CSV export streams these). */
export async function* allAuditEvents(viewer: AuditViewer, filters: AuditFilters, batch = 1000): AsyncGenerator<AuditRow[]> {
  if (!canAsWebmaster(viewer, "audit.view")) return;
  const db = await getDb();
  let before: number | null = null;
  for (;;) {
    const rows = await page(db, filters, before, batch);
    if (rows.length) yield rows;
    if (rows.length < batch) return;
    before = rows.at(-1)!.id;
  }
}
