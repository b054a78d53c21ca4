"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { type ReactNode, useState } from "react";
import { buttonClass } from "./button";

/**
 * Every destructive or widening action is confirmed in a modal dialog that names the
 * consequence (Radix: focus moves in and stays there, Escape cancels, focus returns to
 * what opened it). This is the controlled frame; `ConfirmDialog` adds its own trigger.
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
  error?: string | null;
  /** A button that opens the dialog, rendered as Radix's trigger. */
  trigger?: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (busy ? undefined : onOpenChange(next))}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded border-2 border-gray-800 bg-white p-6 text-gray-900 shadow-xl focus:outline-none">
          <Dialog.Title className="text-xl font-bold">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-3 space-y-2">{children}</div>
          </Dialog.Description>
          {error ? (
            <p role="alert" className="mt-4 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
              {error}
            </p>
          ) : null}
          <div className="mt-6 flex flex-wrap gap-3">
            <button type="button" onClick={onConfirm} disabled={busy} className={tone === "danger" ? buttonClass.danger : buttonClass.primary}>
              {busy ? "Working…" : confirmLabel}
            </button>
            <Dialog.Close asChild>
              <button type="button" disabled={busy} className={buttonClass.secondary}>
                Cancel
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
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
  ...frame
}: {
  trigger: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  onConfirm: () => Promise<string | null>;
  disabled?: boolean;
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
      }}
      busy={busy}
      error={error}
      onConfirm={async () => {
        setBusy(true);
        setError(null);
        try {
          const problem = await onConfirm();
          if (problem) setError(problem);
          else setOpen(false);
        } catch {
          setError("Something went wrong and nothing was changed. Please try again.");
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}
