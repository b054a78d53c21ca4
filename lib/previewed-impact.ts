import "server-only";
/**
 * B4: a change to who may view what is saved only as previewed. The form shows the change's
 * impact (lib/access/impact/, measured on the real data) and sends back its fingerprint; the
 * save measures the change again inside its own transaction and refuses, changing nothing,
 * when the effect is no longer what the person confirmed.
 */
import { type AccessImpact, impactFingerprint } from "@/lib/access/impact/impact";
import { ActionError } from "@/lib/actions";
import { IMPACT_CHANGED } from "@/lib/validation/impact";

export interface PreviewedImpact {
  impact: AccessImpact;
  fingerprint: string;
}

export const previewed = (impact: AccessImpact): PreviewedImpact => ({ impact, fingerprint: impactFingerprint(impact) });

/**
 * Refuses (the transaction rolls back) unless the impact measured in the save's transaction is
 * the one previewed. Without a fingerprint (scripts, the org file; the forms always send one)
 * there is nothing to compare with.
 */
export function refuseUnlessAsPreviewed(impact: AccessImpact, fingerprint: string | undefined): void {
  if (fingerprint !== undefined && impactFingerprint(impact) !== fingerprint) throw new ActionError(IMPACT_CHANGED, "impactFingerprint");
}
