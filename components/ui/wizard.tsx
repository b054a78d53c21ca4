"use client";
import { type ReactNode, type RefObject, useId, useRef } from "react";
import { ActionForm, type ActionFormApi, type FormSchema } from "./action-form";
import { buttonClass } from "./button";

/**
 * Focus for a step-by-step panel: each step's heading takes focus when the step changes
 * (so screen readers announce where they are). A step's errors are listed in the ActionForm's
 * error summary, which takes focus itself.
 */
export function useWizardFocus() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  return { headingRef, focusHeading: () => requestAnimationFrame(() => headingRef.current?.focus()) };
}

/**
 * The bordered region a step of a wizard is shown in: an ActionForm with a focusable heading,
 * then its error summary, then the step. `onSubmit` replaces sending for a step that only
 * moves on (see nextStep); the last step sends.
 */
export function WizardPanel<S extends FormSchema, T>({
  title,
  headingRef,
  form,
  onSubmit,
  children,
}: {
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  form: ActionFormApi<S, T>;
  onSubmit?: (event: React.FormEvent<HTMLFormElement>) => void | Promise<void | boolean>;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <ActionForm
      form={form}
      onSubmit={onSubmit}
      aria-labelledby={headingId}
      className="mt-4 rounded border-2 border-gray-800 p-4"
      heading={
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-xl font-bold focus:outline-none">
          {title}
        </h3>
      }
    >
      <div className="mt-4 space-y-4">{children}</div>
    </ActionForm>
  );
}

/** A step's buttons: the step's submit (Next or Confirm) and a way back or out. */
export function WizardButtons({
  submitLabel,
  busy = false,
  busyLabel,
  disabled = false,
  backLabel,
  onBack,
}: {
  submitLabel: string;
  busy?: boolean;
  busyLabel?: string;
  disabled?: boolean;
  backLabel: string;
  onBack: () => void;
}) {
  return (
    <div className="flex flex-wrap gap-3">
      <button type="submit" disabled={busy || disabled} className={buttonClass.primary}>
        {busy && busyLabel ? busyLabel : submitLabel}
      </button>
      <button type="button" className={buttonClass.secondary} onClick={onBack}>
        {backLabel}
      </button>
    </div>
  );
}

/**
 * A step's submit handler that only moves on: validates the step's own fields (e.g.
 * react-hook-form's `trigger("people")`) and, when they pass, goes to the next step.
 * It answers whether they passed, so ActionForm lists the errors in its summary when not.
 */
export function nextStep(validate: () => Promise<boolean>, onValid: () => void) {
  return async (event: React.FormEvent<HTMLFormElement>): Promise<boolean> => {
    event.preventDefault();
    const valid = await validate();
    if (valid) onValid();
    return valid;
  };
}
