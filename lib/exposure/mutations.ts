import "server-only";
/** B4 M8: an export of the exposure report, recorded in the audit log before its first byte leaves. */
import { getDb } from "@/db/client";
import type { ExposureSubject } from "@/lib/access/exposure/types";
import { recordAudit } from "@/lib/audit/mutations";

export async function recordExposureExport(actor: { id: string; email: string }, subject: ExposureSubject, filters: Record<string, string>, address: string | null): Promise<void> {
  const id = subject.kind === "organisation" ? subject.name : subject.id;
  await recordAudit(await getDb(), { actor, action: "access.exposure.export", target: { type: subject.kind, id }, address, details: { filters } });
}
