"use client";
import { type ComponentPropsWithRef, type ReactNode, forwardRef, useId } from "react";
import { buttonClass } from "./button";

/** A field's hint and error, with the ids its control names in aria-describedby. */
export function FieldNotes({ hintId, hint, errorId, error }: { hintId?: string; hint?: ReactNode; errorId?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="text-gray-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="font-semibold text-red-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * A labelled control with its hint and error beside it: gives the control its id and
 * the ids to name in aria-describedby, so every field announces the same way.
 */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: (control: { id: string; describedBy?: string; invalid?: true }) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={[className, error ? "border-l-4 border-red-700 pl-4" : ""].filter(Boolean).join(" ") || undefined}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error ?? undefined} />
      {children({ id, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined, invalid: error ? true : undefined })}
    </div>
  );
}

type TextFieldProps = ComponentPropsWithRef<"input"> & { label: string; hint?: string; error?: string };

/** A labelled input with its hint and error beside it, announced to screen readers. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField({ label, hint, error, id, className, ...props }, ref) {
  const autoId = useId();
  return (
    <FieldFrame id={id ?? autoId} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          ref={ref}
          id={control.id}
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
          className={`mt-1 block w-full min-h-11 rounded border-2 px-3 py-2 ${error ? "border-red-700" : "border-gray-800"} ${className ?? ""}`}
          {...props}
        />
      )}
    </FieldFrame>
  );
});

type TextAreaProps = ComponentPropsWithRef<"textarea"> & { label: string; hint?: string; error?: string };

/** A labelled multi-line input, like TextField. */
export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea({ label, hint, error, id, className, rows = 3, ...props }, ref) {
  const autoId = useId();
  return (
    <FieldFrame id={id ?? autoId} label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          ref={ref}
          id={control.id}
          rows={rows}
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
          className={`mt-1 block w-full rounded border-2 px-3 py-2 ${error ? "border-red-700" : "border-gray-800"} ${className ?? ""}`}
          {...props}
        />
      )}
    </FieldFrame>
  );
});

/** One error in the summary: its words, and the id of the element holding its field (null: no field on screen). */
export interface SummaryProblem {
  message: string;
  targetId: string | null;
}

const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, [contenteditable="true"], [role="textbox"], [role="combobox"]';

/**
 * Follows a summary link: the field's control takes focus (a group's first control; a custom
 * control's input), scrolled into the middle of the screen so its label and error show too.
 */
function followToField(event: React.MouseEvent<HTMLAnchorElement>, targetId: string) {
  const target = document.getElementById(targetId);
  if (!target) return;
  const within = (el: Element) => (el.matches(FOCUSABLE) ? el : (el.querySelector(FOCUSABLE) ?? el.querySelector("button, [tabindex]")));
  // A custom control's marker (FormControlled) stands just before the control.
  let control: Element | null = null;
  if (target.hasAttribute("data-field-marker")) {
    for (let el = target.nextElementSibling; el && !control && !el.hasAttribute("data-field-marker"); el = el.nextElementSibling) control = within(el);
  } else control = within(target);
  if (!(control instanceof HTMLElement)) return;
  event.preventDefault();
  control.focus({ preventScroll: true });
  control.scrollIntoView({ block: "center" });
}

/**
 * The error summary (GOV.UK's pattern, Q1 Q3): "There is a problem", a form-level message,
 * and each field's error as a link to that field. The form focuses it when a submission
 * fails, and it is an alert, so it is announced either way.
 */
export const FormErrorSummary = forwardRef<HTMLDivElement, { message: string | null; problems?: SummaryProblem[]; title?: string; children?: ReactNode }>(
  function FormErrorSummary({ message, problems = [], title = "There is a problem", children }, ref) {
    const shown = !!message || problems.length > 0;
    return (
      <div ref={ref} tabIndex={-1} role="alert" aria-live="assertive" className={shown ? "border-4 border-red-700 p-4" : "sr-only"}>
        {shown ? (
          <>
            <h2 className="text-lg font-bold">{title}</h2>
            {message ? <p className="mt-2">{message}</p> : null}
            {problems.length ? (
              <ul className="mt-2 space-y-1">
                {problems.map((p, i) => (
                  <li key={`${p.targetId}-${i}`}>
                    {p.targetId ? (
                      <a href={`#${p.targetId}`} onClick={(event) => followToField(event, p.targetId!)} className="font-semibold text-red-700 underline">
                        {p.message}
                      </a>
                    ) : (
                      <span className="font-semibold text-red-700">{p.message}</span>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
            {children}
          </>
        ) : null}
      </div>
    );
  },
);

/** A form's submit button and the polite status beside it ("Saved."). */
export function SubmitRow({
  busy,
  label,
  status,
  busyLabel = "Saving…",
  disabled = false,
}: {
  busy: boolean;
  label: string;
  status: string;
  busyLabel?: string;
  disabled?: boolean;
}) {
  return (
    <div className="flex flex-wrap items-center gap-4">
      <button type="submit" disabled={busy || disabled} className={buttonClass.primary}>
        {busy ? busyLabel : label}
      </button>
      <p role="status" aria-live="polite" className="font-semibold text-green-800">
        {status}
      </p>
    </div>
  );
}
