import { buttonClass } from "@/components/ui/button";
import { FieldNotes } from "@/components/ui/form";
import { filterFieldClass } from "@/components/ui/filter-select";
import { AUDIENCE_LABELS, type FigureChoices, type FigureField, PRESETS } from "@/lib/analytics/params";
import type { Bucket } from "@/lib/analytics/queries";
import { PeriodFields } from "./period-fields";

export interface ScopeOptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

function Select({ id, name, label, value, groups, error }: { id: string; name: string; label: string; value: string; groups: ScopeOptionGroup[]; error?: string }) {
  return (
    <div className={error ? "border-l-4 border-red-700 pl-3" : undefined}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <FieldNotes errorId={error ? `${id}-error` : undefined} error={error} />
      <select id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={filterFieldClass}>
        {groups.map((g) =>
          g.label ? (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : (
            g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))
          ),
        )}
      </select>
    </div>
  );
}

/**
 * D1: what the figures are of and over which days, as a plain GET form (it works before any
 * script has loaded, and each view of the figures is an address to share). Fields that could
 * not be used say why beside them (Q3).
 */
export function FiguresForm({
  scope,
  scopes,
  choices,
  autoBucket,
  errors,
  typed,
  audience,
}: {
  scope: string;
  scopes: ScopeOptionGroup[];
  choices: FigureChoices;
  /** What "automatic" is for this period. */
  autoBucket: Bucket;
  errors: Partial<Record<FigureField, string>>;
  typed: { from: string; to: string };
  /** The audience filter is offered (the site, or a webmaster). */
  audience: boolean;
}) {
  const failed = Object.keys(errors).length > 0;
  const datesFailed = Boolean(errors.from || errors.to);
  const formKey = JSON.stringify([scope, choices, errors, typed]);
  return (
    <section aria-labelledby="choose-heading" className="mt-8">
      <h2 id="choose-heading" className="text-2xl font-bold">
        Choose the figures
      </h2>
      {failed ? (
        <p role="alert" className="mt-4 border-l-4 border-red-700 pl-3 font-semibold text-red-700">
          Some choices could not be used, so the figures below are shown without them{errors.from || errors.to ? ", for the last 30 days" : ""}. Correct them below.
        </p>
      ) : null}
      {/* Keyed by what it shows: after a link to other figures (a client-side navigation), its fields start again from them. */}
      <form key={formKey} method="get" action="/analytics" className="mt-4 grid gap-4 sm:grid-cols-2">
        <Select id="figures-scope" name="scope" label="Figures for" value={scope} groups={scopes} />
        <PeriodFields
          period={datesFailed ? "custom" : choices.period}
          presets={[...Object.entries(PRESETS).map(([value, label]) => ({ value, label })), { value: "custom", label: "Dates below" }]}
          periodError={errors.period}
          from={{ value: datesFailed ? typed.from : choices.range.from, error: errors.from }}
          to={{ value: datesFailed ? typed.to : choices.range.to, error: errors.to }}
        />
        <Select
          id="figures-bucket"
          name="bucket"
          label="Figures by"
          value={choices.bucketAsked ? choices.bucket : "auto"}
          error={errors.bucket}
          groups={[
            {
              label: "",
              options: [
                { value: "auto", label: `Automatic (by ${autoBucket} for this period)` },
                { value: "day", label: "Day" },
                { value: "week", label: "Week" },
                { value: "month", label: "Month" },
              ],
            },
          ]}
        />
        {audience ? (
          <Select
            id="figures-audience"
            name="audience"
            label="Audience"
            value={choices.audience}
            error={errors.audience}
            groups={[{ label: "", options: Object.entries(AUDIENCE_LABELS).map(([value, label]) => ({ value, label })) }]}
          />
        ) : null}
        <div className="sm:col-span-2">
          <button type="submit" className={buttonClass.primary}>
            Show figures
          </button>
        </div>
      </form>
    </section>
  );
}
