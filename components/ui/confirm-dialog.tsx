"use client";
import { type ReactNode, useState } from "react";
import { buttonClass } from "./button";
import { DialogClose, DialogFrame } from "./dialog-frame";

/**
 * Every destructive or widening action is confirmed in a modal dialog that names the
 * consequence (Radix: focus moves in and stays there, Escape cancels, focus returns to
 * what opened it: DialogFrame). This is the controlled frame; `ConfirmDialog` adds its own trigger.
 */
export function ConfirmDialogFrame({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  tone = "danger",
  onConfirm,
  busy,
  confirmDisabled,
  error,
  trigger,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  onConfirm: () => void;
  busy?: boolean;
  /** Confirm is not offered yet (e.g. while what the change does is worked out); Cancel still is. */
  confirmDisabled?: boolean;
  error?: string | null;
  /** A button that opens the dialog, rendered as Radix's trigger. */
  trigger?: ReactNode;
}) {
  return (
    <DialogFrame open={open} onOpenChange={(next) => (busy ? undefined : onOpenChange(next))} title={title} description={children} trigger={trigger}>
      {error ? (
        <p role="alert" className="mt-4 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-6 flex flex-wrap gap-3">
        <button type="button" onClick={onConfirm} disabled={busy || confirmDisabled} className={tone === "danger" ? buttonClass.danger : buttonClass.primary}>
          {busy ? "Working…" : confirmLabel}
        </button>
        <DialogClose asChild>
          <button type="button" disabled={busy} className={buttonClass.secondary}>
            Cancel
          </button>
        </DialogClose>
      </div>
    </DialogFrame>
  );
}

/**
 * A trigger button and its confirmation. `onConfirm` returns a message to show in the
 * dialog when the change was refused, or null when it is done (the dialog closes).
 */
export function ConfirmDialog({
  trigger,
  onConfirm,
  disabled,
  onOpenChange,
  ...frame
}: {
  trigger: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  onConfirm: () => Promise<string | null>;
  disabled?: boolean;
  /** Confirm is not offered yet; Cancel still is. */
  confirmDisabled?: boolean;
  /** Told when the dialog opens or closes (e.g. to work something out only while it is open). */
  onOpenChange?: (open: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialogFrame
      {...frame}
      trigger={disabled ? undefined : trigger}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
        onOpenChange?.(next);
      }}
      busy={busy}
      error={error}
      onConfirm={async () => {
        setBusy(true);
        setError(null);
        try {
          const problem = await onConfirm();
          if (problem) setError(problem);
          else {
            setOpen(false);
            onOpenChange?.(false);
          }
        } catch {
          setError("Something went wrong and nothing was changed. Please try again.");
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}
