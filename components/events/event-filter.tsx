import { filterFieldClass } from "@/components/ui/filter-select";
import { buttonClass } from "@/components/ui/button";
import { EVENTS_PATH, type EventView } from "@/lib/content/event-params";
import type { PlaceChoices } from "@/lib/content/event-places";

/**
 * C7: the place filter, a plain GET form (it works before any script has loaded, and the address
 * can be shared): the viewer's reachable sections (with the sections below each) and their
 * groups, only ever the places they may see (lib/content/event-places.ts). The view and month
 * shown are kept; a list starts again from its first page.
 */
export function EventFilter({ view, month, past, value, choices }: { view: EventView; month: string; past: boolean; value: string; choices: PlaceChoices }) {
  return (
    <form method="get" action={EVENTS_PATH} aria-label="Filter events" className="mt-4 flex flex-wrap items-end gap-3">
      {view === "list" ? <input type="hidden" name="view" value="list" /> : <input type="hidden" name="month" value={month} />}
      {view === "list" && past ? <input type="hidden" name="past" value="1" /> : null}
      <div className="w-full max-w-md">
        <label htmlFor="events-place" className="block font-semibold">
          Section or group
        </label>
        <select id="events-place" name="place" defaultValue={value} className={filterFieldClass}>
          <option value="">All sections and groups</option>
          {choices.sections.length ? (
            <optgroup label="Sections (with the sections below them)">
              {choices.sections.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ) : null}
          {choices.groups.length ? (
            <optgroup label="Your groups">
              {choices.groups.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <button type="submit" className={buttonClass.secondary}>
        Show events
      </button>
    </form>
  );
}
