import "server-only";
/**
 * B4: a section access change (members, teams, Restricted, a move) previewed, and saved only
 * as previewed (lib/previewed-impact.ts).
 */
import type { Db } from "@/db/client";
import { measureSectionImpact, previewSectionImpact } from "@/lib/access/impact/section-impact";
import { type PreviewedImpact, previewed, refuseUnlessAsPreviewed } from "@/lib/previewed-impact";

/** The change's impact, without making it. */
export async function previewImpact(db: Db, sectionId: number, apply: (tx: Db) => Promise<unknown>): Promise<PreviewedImpact> {
  return previewed(await previewSectionImpact(db, sectionId, apply));
}

/**
 * Makes the change in `tx`; with a fingerprint (the form always sends one), only when its
 * impact is still the one previewed. Without one (scripts, the org file) it is simply made.
 */
export async function applyAsPreviewed<T>(tx: Db, sectionId: number, fingerprint: string | undefined, apply: (tx: Db) => Promise<T>): Promise<T> {
  if (fingerprint === undefined) return apply(tx);
  const { result, impact } = await measureSectionImpact(tx, sectionId, apply);
  refuseUnlessAsPreviewed(impact, fingerprint);
  return result;
}
