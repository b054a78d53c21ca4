"use client";
import { type ReactNode, type RefObject, useId, useRef } from "react";
import { buttonClass } from "./button";
import { FormErrorSummary } from "./form";

/**
 * Focus handling for a step-by-step panel: each step's heading takes focus when the step
 * changes (so screen readers announce where they are), and the form-level message takes
 * focus when it appears.
 */
export function useWizardFocus() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  return {
    headingRef,
    summaryRef,
    focusHeading: () => requestAnimationFrame(() => headingRef.current?.focus()),
    focusSummary: () => requestAnimationFrame(() => summaryRef.current?.focus()),
  };
}

/** The bordered region a step of a wizard is shown in: a focusable heading, the form-level message, the step. */
export function WizardPanel({
  title,
  headingRef,
  summaryRef,
  formError,
  onSubmit,
  children,
}: {
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  summaryRef?: RefObject<HTMLDivElement | null>;
  formError?: string | null;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby={headingId} className="mt-4 rounded border-2 border-gray-800 p-4">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-xl font-bold focus:outline-none">
        {title}
      </h3>
      {summaryRef ? <FormErrorSummary ref={summaryRef} message={formError ?? null} /> : null}
      <div className="mt-4 space-y-4">{children}</div>
    </form>
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
 */
export function nextStep(validate: () => Promise<boolean>, onValid: () => void) {
  return async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await validate()) onValid();
  };
}
