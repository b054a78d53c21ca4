"use client";
/**
 * Every destructive action is confirmed (issue 4): a Radix dialog (focus moved in and
 * trapped, Escape cancels, focus returns to the trigger) that names what will happen.
 */
import * as Dialog from "@radix-ui/react-dialog";
import { type ReactNode, useState } from "react";

export const buttonPrimary =
  "min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800 disabled:opacity-70";
export const buttonSecondary = "min-h-11 rounded border-2 border-gray-800 bg-white px-4 py-2 font-semibold text-gray-900 hover:bg-gray-100 disabled:opacity-70";
export const buttonDanger = "min-h-11 rounded bg-red-700 px-4 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-red-800 disabled:opacity-70";

export function ConfirmDialog({
  trigger,
  triggerClassName = buttonSecondary,
  title,
  description,
  confirmLabel,
  danger = false,
  onConfirm,
}: {
  trigger: ReactNode;
  triggerClassName?: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Answers an error message to show in the dialog, or null when done (the dialog closes). */
  onConfirm: () => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const problem = await onConfirm();
      if (problem) setError(problem);
      else setOpen(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setError(null);
      }}
    >
      <Dialog.Trigger className={triggerClassName}>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content
          role="alertdialog"
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded border-2 border-gray-900 bg-white p-6 shadow-lg"
        >
          <Dialog.Title className="text-xl font-bold">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-3">{description}</div>
          </Dialog.Description>
          <div role="alert" className={error ? "mt-4 border-l-4 border-red-700 pl-4 font-semibold text-red-700" : "sr-only"}>
            {error}
          </div>
          <div className="mt-6 flex flex-wrap gap-3">
            <button type="button" onClick={confirm} disabled={busy} className={danger ? buttonDanger : buttonPrimary}>
              {busy ? "Working…" : confirmLabel}
            </button>
            <Dialog.Close className={buttonSecondary}>Cancel</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
