"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { type ReactNode, useState } from "react";
import { buttonClass } from "./button";

/**
 * Every destructive or widening action is confirmed here: a modal dialog (focus kept
 * inside, Escape cancels) that names the consequence. `onConfirm` returns an error
 * message to show in the dialog, or null when done.
 */
export function ConfirmDialog({
  trigger,
  title,
  children,
  confirmLabel,
  tone = "danger",
  onConfirm,
  disabled,
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
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        setOpen(next);
        setError(null);
      }}
    >
      <Dialog.Trigger asChild disabled={disabled}>
        {trigger}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded bg-white p-6 text-gray-900 shadow-xl">
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
            <button
              type="button"
              disabled={busy}
              className={tone === "danger" ? buttonClass.danger : buttonClass.primary}
              onClick={async () => {
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
            >
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
