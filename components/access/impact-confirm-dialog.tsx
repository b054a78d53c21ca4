"use client";
/**
 * B4: a confirmation for a change that takes access away (removing people or teams from a
 * section): opening it measures what the change does (without saving it) and shows it under
 * the consequence in words; Confirm is offered once the figures are there, and sends their
 * fingerprint, so the save goes ahead only while they still hold. When it finds they no longer
 * do, the new figures are fetched and shown with the save's message.
 */
import { type ReactNode, useEffect, useState } from "react";
import { ConfirmDialogFrame } from "@/components/ui/confirm-dialog";
import { type ActionResult, problemOf } from "@/lib/action-result";
import { ImpactSummary } from "./impact-summary";
import { type ImpactPreview, useImpactPreview } from "./use-impact-preview";

export function ImpactConfirmDialog<T>({
  trigger,
  disabled,
  title,
  confirmLabel,
  changeKey,
  fetchPreview,
  save,
  onSaved,
  nothingChanges,
  children,
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { preview, problem, refresh } = useImpactPreview(open ? changeKey : null, fetchPreview);
  useEffect(() => {
    if (problem) setError(problem);
  }, [problem]);

  return (
    <ConfirmDialogFrame
      trigger={disabled ? undefined : trigger}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
      title={title}
      confirmLabel={confirmLabel}
      busy={busy}
      confirmDisabled={!preview}
      error={error}
      onConfirm={async () => {
        if (!preview) return;
        setBusy(true);
        setError(null);
        try {
          const result = await save(preview.fingerprint);
          if (result.ok) {
            setOpen(false);
            onSaved(result.data);
          } else {
            if (result.fieldErrors?.impactFingerprint) refresh();
            setError(problemOf(result));
          }
        } catch {
          setError("Something went wrong and nothing was changed. Please try again.");
        } finally {
          setBusy(false);
        }
      }}
    >
      {children}
      {preview ? <ImpactSummary impact={preview.impact} nothingChanges={nothingChanges} /> : <p role="status">Working out what this change does…</p>}
    </ConfirmDialogFrame>
  );
}
