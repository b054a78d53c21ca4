"use client";
/**
 * A dialog whose content is one form of the form layer (a share target, a password asked
 * again): it cannot be closed while the form is sending, and each opening starts afresh
 * (empty fields, no message from last time). The form's fields and buttons are its children;
 * DialogCancelButton closes it.
 */
import type { ReactNode } from "react";
import { ActionForm, type ActionFormApi, type FormSchema, useActionFormState } from "./action-form";
import { buttonClass } from "./button";
import { DialogClose, DialogFrame } from "./dialog-frame";

export function FormDialog<S extends FormSchema, T>({
  form,
  open,
  onOpenChange,
  title,
  description,
  trigger,
  children,
}: {
  form: ActionFormApi<S, T>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  trigger: ReactNode;
  children: ReactNode;
}) {
  return (
    <DialogFrame
      open={open}
      onOpenChange={(next) => {
        if (form.busy) return;
        onOpenChange(next);
        form.form.reset();
        form.showProblem(null);
      }}
      title={title}
      description={description}
      trigger={trigger}
    >
      <ActionForm form={form} className="mt-4 space-y-6">
        {children}
      </ActionForm>
    </DialogFrame>
  );
}

/** "Cancel" in a FormDialog: closes it, not while the form is sending. */
export function DialogCancelButton() {
  const { busy } = useActionFormState();
  return (
    <DialogClose asChild>
      <button type="button" disabled={busy} className={buttonClass.secondary}>
        Cancel
      </button>
    </DialogClose>
  );
}
