/**
 * M8: the audit log's filters, as webmasters type them into /admin/audit (a GET form,
 * so a filtered view is a link) and as the CSV export reads them from the same query.
 */
import { z } from "zod";
import { searchText } from "@/lib/validation/text";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (v: string) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const text = (max: number, message: string) => searchText(max, message).default("");
const date = z
  .string()
  .trim()
  .default("")
  .refine((v) => v === "" || (DATE.test(v) && isRealDate(v)), "Enter a date as YYYY-MM-DD, for example 2026-11-25.");

export const auditFilterSchema = z
  .object({
    /** An action, or the start of one: "section" finds section.members.add and the rest. */
    action: text(100, "Enter at most 100 characters."),
    /** The actor's e-mail address, or its start. */
    actor: text(200, "Enter at most 200 characters."),
    /** "type" or "type:id", e.g. "section:12". */
    target: text(200, "Enter at most 200 characters."),
    from: date,
    to: date,
    /** An address, or its start (e.g. "10.1." or "2001:db8:"). */
    address: text(64, "Enter at most 64 characters."),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date is before the start date. Swap them, or change one." });

export type AuditFilters = z.output<typeof auditFilterSchema>;
export const NO_FILTERS: AuditFilters = { action: "", actor: "", target: "", from: "", to: "", address: "" };
export const AUDIT_FILTER_KEYS = ["action", "actor", "target", "from", "to", "address"] as const;

/** Reads the filters from a query string; field messages for anything malformed (then nothing is filtered by it). */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>):
  | { ok: true; filters: AuditFilters }
  | { ok: false; filters: AuditFilters; errors: Partial<Record<keyof AuditFilters, string>> } {
  const raw = Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, typeof params[k] === "string" ? params[k] : ""]));
  const parsed = auditFilterSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const errors: Partial<Record<keyof AuditFilters, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof AuditFilters;
    errors[key] ??= issue.message;
  }
  return { ok: false, filters: NO_FILTERS, errors };
}
