import "server-only";
/**
 * B4: a section access change saved only as previewed. The form shows the change's impact
 * (lib/access/impact/section-impact.ts, measured on the real data and rolled back) and sends
 * back its fingerprint; the save measures the change again inside its own transaction and
 * refuses, changing nothing, when the effect is no longer what the person confirmed.
 */
import type { Db } from "@/db/client";
import { type SectionImpact, impactFingerprint, measureSectionImpact, previewSectionImpact } from "@/lib/access/impact/section-impact";
import { ActionError } from "@/lib/actions";
import { IMPACT_CHANGED } from "./schemas";

export interface PreviewedImpact {
  impact: SectionImpact;
  fingerprint: string;
}

/** The change's impact, without making it. */
export async function previewImpact(db: Db, sectionId: number, apply: (tx: Db) => Promise<unknown>): Promise<PreviewedImpact> {
  const impact = await previewSectionImpact(db, sectionId, apply);
  return { impact, fingerprint: impactFingerprint(impact) };
}

/**
 * Makes the change in `tx`; with a fingerprint (the form always sends one), only when its
 * impact is still the one previewed. Without one (scripts, the org file) it is simply made.
 */
export async function applyAsPreviewed<T>(tx: Db, sectionId: number, fingerprint: string | undefined, apply: (tx: Db) => Promise<T>): Promise<T> {
  if (fingerprint === undefined) return apply(tx);
  const { result, impact } = await measureSectionImpact(tx, sectionId, apply);
  if (impactFingerprint(impact) !== fingerprint) throw new ActionError(IMPACT_CHANGED, "impactFingerprint");
  return result;
}
