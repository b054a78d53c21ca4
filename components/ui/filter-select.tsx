/**
 * The fields of a listing's filter form (a plain GET form: it works before any script has
 * loaded, and the address can be shared): one labelled <select>, and the class its search box
 * shares, so every listing's filters look and read alike.
 */
export const filterFieldClass = "mt-1 block min-h-11 w-full rounded border-2 border-gray-800 bg-white px-3 py-2";

export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
  anyLabel,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  /** The first choice, with an empty value: no filter ("Any team"). */
  anyLabel?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={filterFieldClass}>
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A listing's search box in its GET filter form (name "q" unless told). */
export function FilterSearch({ id, label, value, maxLength, name = "q" }: { id: string; label: string; value: string; maxLength: number; name?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <input id={id} name={name} type="search" defaultValue={value} maxLength={maxLength} autoComplete="off" className={filterFieldClass} />
    </div>
  );
}
