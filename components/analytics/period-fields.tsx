"use client";
import { useRef } from "react";
import { FieldNotes } from "@/components/ui/form";
import { filterFieldClass } from "@/components/ui/filter-select";

interface DateField {
  value: string;
  error?: string;
}

/**
 * D1: the period of the figures form: a preset, or dates. Choosing a date selects "Dates
 * below" too (once scripts run; without them, the hint says to choose it), so that typed
 * dates are never silently ignored.
 */
export function PeriodFields({
  period,
  presets,
  periodError,
  from,
  to,
}: {
  period: string;
  presets: { value: string; label: string }[];
  periodError?: string;
  from: DateField;
  to: DateField;
}) {
  const select = useRef<HTMLSelectElement>(null);
  const chooseDates = () => {
    if (select.current) select.current.value = "custom";
  };
  const date = (name: "from" | "to", label: string, hint: string, field: DateField) => {
    const id = `figures-${name}`;
    return (
      <div className={field.error ? "border-l-4 border-red-700 pl-3" : undefined}>
        <label htmlFor={id} className="block font-semibold">
          {label}
        </label>
        <FieldNotes hintId={`${id}-hint`} hint={hint} errorId={field.error ? `${id}-error` : undefined} error={field.error} />
        <input
          id={id}
          name={name}
          type="date"
          defaultValue={field.value}
          onChange={chooseDates}
          aria-invalid={field.error ? true : undefined}
          aria-describedby={[`${id}-hint`, field.error ? `${id}-error` : null].filter(Boolean).join(" ")}
          className={filterFieldClass}
        />
      </div>
    );
  };
  return (
    <>
      <div className={periodError ? "border-l-4 border-red-700 pl-3" : undefined}>
        <label htmlFor="figures-period" className="block font-semibold">
          Period
        </label>
        <FieldNotes errorId={periodError ? "figures-period-error" : undefined} error={periodError} />
        <select
          ref={select}
          id="figures-period"
          name="period"
          defaultValue={period}
          aria-invalid={periodError ? true : undefined}
          aria-describedby={periodError ? "figures-period-error" : undefined}
          className={filterFieldClass}
        >
          {presets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {date("from", "First day", "For “Dates below”: a date such as 2026-03-01, at most 3 years before the last day.", from)}
      {date("to", "Last day", "For “Dates below”: today at the latest.", to)}
    </>
  );
}
