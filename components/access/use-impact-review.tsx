"use client";
/**
 * B4: the impact preview as a review step shows it (for forms built on shared pieces that know
 * nothing of access, such as components/ui/choose-people.tsx): the summary, or a status while
 * it is measured; whether Confirm may be offered; the fingerprint to send with the save; and
 * `refresh` for when the save finds the effect changed.
 */
import type { ChoosePeopleReview } from "@/components/ui/choose-people";
import type { ActionResult } from "@/lib/action-result";
import { ImpactSummary } from "./impact-summary";
import { type ImpactPreview, useImpactPreview } from "./use-impact-preview";

export type ImpactReview = ChoosePeopleReview;

export function useImpactReview(key: string | null, fetchPreview: () => Promise<ActionResult<ImpactPreview>>, nothingChanges: string): ImpactReview {
  const { preview, problem, refresh } = useImpactPreview(key, fetchPreview);
  const node =
    key === null ? null : preview ? <ImpactSummary impact={preview.impact} nothingChanges={nothingChanges} /> : <p role="status">Working out what this change does…</p>;
  return { node, ready: key === null || preview !== null, fingerprint: preview?.fingerprint, problem, refresh };
}
