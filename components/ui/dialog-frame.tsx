"use client";
import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";

/**
 * The one modal frame every dialog uses (Radix: focus moves in and stays there, Escape
 * closes, focus returns to what opened it unless `onClosed` says where it goes): the
 * overlay, the box, its title and its description, then the dialog's own content.
 */
export function DialogFrame({
  open,
  onOpenChange,
  title,
  description,
  trigger,
  onClosed,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What the dialog is about; read out when it opens. */
  description: ReactNode;
  /** A button that opens the dialog, rendered as Radix's trigger. */
  trigger?: ReactNode;
  /** Where focus goes when the dialog closes, instead of back to what opened it. */
  onClosed?: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content
          onCloseAutoFocus={
            onClosed
              ? (event) => {
                  event.preventDefault();
                  onClosed();
                }
              : undefined
          }
          className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded border-2 border-gray-800 bg-white p-6 text-gray-900 shadow-xl focus:outline-none"
        >
          <Dialog.Title className="text-xl font-bold">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-3 space-y-2">{description}</div>
          </Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A button that closes the dialog it is in. */
export const DialogClose = Dialog.Close;
