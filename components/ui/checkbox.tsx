"use client";
import { type ComponentPropsWithRef, type ReactNode, forwardRef, useId } from "react";

type CheckboxProps = Omit<ComponentPropsWithRef<"input">, "type"> & { label: ReactNode; hint?: ReactNode; error?: string };

/** A large, labelled checkbox with its hint and error announced with it. */
export const Checkbox = forwardRef<HTMLInputElement, CheckboxProps>(function Checkbox({ label, hint, error, id, ...props }, ref) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={error ? "border-l-4 border-red-700 pl-4" : undefined}>
      {error ? (
        <p id={errorId} className="font-semibold text-red-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="flex items-start gap-3">
        <input
          ref={ref}
          id={inputId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
          className="mt-1 h-6 w-6 shrink-0 accent-brand-700"
          {...props}
        />
        <div>
          <label htmlFor={inputId} className="font-semibold">
            {label}
          </label>
          {hint ? (
            <p id={hintId} className="text-gray-700">
              {hint}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
});
