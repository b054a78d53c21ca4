"use client";
import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";

/**
 * Confirms a destructive change before it is made (Radix Dialog: focus moves in and is
 * kept there, Escape cancels, focus returns to the button that opened it).
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  onConfirm,
  busy,
  error,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  error?: string | null;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
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
            <button
              type="button"
              onClick={onConfirm}
              disabled={busy}
              className="min-h-11 rounded bg-red-700 px-5 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-70"
            >
              {busy ? "Working…" : confirmLabel}
            </button>
            <Dialog.Close asChild>
              <button type="button" className="min-h-11 rounded border-2 border-gray-800 px-5 py-2 font-semibold hover:bg-gray-100">
                Cancel
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
