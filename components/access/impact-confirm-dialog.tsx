"use client";
/**
 * B4: a confirmation for a change that takes access away (removing people or teams from a
 * section): opening it measures what the change does (without saving it) and shows it under
 * the consequence in words; Confirm is offered once the figures are there, and sends their
 * fingerprint, so the save goes ahead only while they still hold. When it finds they no longer
 * do, the new figures are fetched and shown with the save's message.
 */
import { type ReactNode, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { type ActionResult, problemOf } from "@/lib/action-result";
import { ImpactSummary } from "./impact-summary";
import { type ImpactPreview, useImpactPreview } from "./use-impact-preview";

export function ImpactConfirmDialog<T>({
  changeKey,
  fetchPreview,
  save,
  onSaved,
  nothingChanges,
  children,
  ...dialog
}: {
  trigger: ReactNode;
  disabled?: boolean;
  title: string;
  confirmLabel: string;
  /** What is being changed (e.g. the ids chosen): a new key measures again. */
  changeKey: string;
  fetchPreview: () => Promise<ActionResult<ImpactPreview>>;
  /** The save, given the confirmed figures' fingerprint. */
  save: (impactFingerprint: string) => Promise<ActionResult<T>>;
  onSaved: (data: T) => void;
  nothingChanges: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const { preview, problem, refresh } = useImpactPreview(open ? changeKey : null, fetchPreview);
  return (
    <ConfirmDialog
      {...dialog}
      onOpenChange={setOpen}
      confirmDisabled={!preview}
      onConfirm={async () => {
        const result = await save(preview!.fingerprint);
        if (result.ok) {
          onSaved(result.data);
          return null;
        }
        if (result.fieldErrors?.impactFingerprint) refresh();
        return problemOf(result);
      }}
    >
      {children}
      {problem ? (
        <p role="alert" className="font-semibold text-red-700">
          {problem}
        </p>
      ) : preview ? (
        <ImpactSummary impact={preview.impact} nothingChanges={nothingChanges} />
      ) : (
        <p role="status">Working out what this change does…</p>
      )}
    </ConfirmDialog>
  );
}
