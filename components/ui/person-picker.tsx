"use client";
/**
 * Choosing several people: type a name or e-mail, pick from the list of matches with the
 * keyboard or a tap, and the people picked appear as chips that can be removed.
 * Built on downshift's combobox (WAI-ARIA 1.2 combobox pattern) and multiple selection.
 *
 * Keyboard: ↓/↑ move through the matches, Enter picks, Escape closes the list;
 * Backspace in the empty field removes the last person picked; ← from the start of
 * the field moves to the chips, where Backspace or Delete removes one. Every chip is
 * also a button ("Remove <name>"). Result counts are announced in a polite live region.
 */
import { useQuery } from "@tanstack/react-query";
import { useCombobox, useMultipleSelection } from "downshift";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { QueryClientScope } from "./query-client-scope";
import { FieldNotes } from "./form";

export interface PickedPerson {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
}

export interface PersonPickerProps {
  label: string;
  hint?: string;
  error?: string;
  /** A server action (or any async fn) returning matches for the text typed; called debounced (≈250 ms) from 2 characters on. */
  search: (query: string) => Promise<PickedPerson[]>;
  value: PickedPerson[];
  onChange: (people: PickedPerson[]) => void;
  /** Ids that must not be offered (already members). */
  exclude?: string[];
  id?: string;
}

const MIN_QUERY = 2;
const DEBOUNCE_MS = 250;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function peopleFound(n: number): string {
  if (n === 0) return "No one found";
  return n === 1 ? "1 person found" : `${n} people found`;
}

export function PersonPicker(props: PersonPickerProps) {
  return (
    <QueryClientScope>
      <PersonPickerField {...props} />
    </QueryClientScope>
  );
}

function PersonPickerField({ label, hint, error, search, value, onChange, exclude, id }: PersonPickerProps) {
  const autoId = useId();
  const baseId = id ?? `person-picker-${autoId.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const inputId = baseId;
  const hintId = hint ? `${baseId}-hint` : undefined;
  const errorId = error ? `${baseId}-error` : undefined;
  const chipsId = `${baseId}-chosen`;
  const inputRef = useRef<HTMLInputElement | null>(null);

  const [inputValue, setInputValue] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const query = useDebounced(inputValue.trim(), DEBOUNCE_MS);
  const enabled = query.length >= MIN_QUERY;

  const results = useQuery({
    // Each picker keeps its own results: two pickers may search different things.
    queryKey: ["person-picker", baseId, query],
    queryFn: () => search(query),
    enabled,
    staleTime: 10_000,
    retry: false,
  });

  const hidden = useMemo(() => new Set([...(exclude ?? []), ...value.map((p) => p.id)]), [exclude, value]);
  const items = useMemo(() => (enabled && results.data ? results.data.filter((p) => !hidden.has(p.id)) : []), [enabled, results.data, hidden]);
  const typedEnough = inputValue.trim().length >= MIN_QUERY;
  const settled = typedEnough && enabled && query === inputValue.trim();
  const loading = typedEnough && (!settled || results.isFetching);
  const failed = settled && !results.isFetching && results.isError;
  const ready = settled && !results.isFetching && results.isSuccess;

  const { getSelectedItemProps, getDropdownProps, removeSelectedItem } = useMultipleSelection<PickedPerson>({
    selectedItems: value,
    itemToKey: (p) => p?.id,
    onSelectedItemsChange: ({ selectedItems }) => onChange(selectedItems ?? []),
    onStateChange: ({ type, selectedItems }) => {
      // Removing through the keyboard (Backspace in the field, Backspace/Delete on a chip).
      if (
        (type === useMultipleSelection.stateChangeTypes.DropdownKeyDownBackspace ||
          type === useMultipleSelection.stateChangeTypes.SelectedItemKeyDownBackspace ||
          type === useMultipleSelection.stateChangeTypes.SelectedItemKeyDownDelete) &&
        selectedItems
      ) {
        const removed = value.find((p) => !selectedItems.some((s) => s.id === p.id));
        if (removed) setAnnouncement(`${removed.name} removed`);
      }
    },
  });

  const { isOpen, highlightedIndex, getLabelProps, getMenuProps, getInputProps, getItemProps } = useCombobox<PickedPerson>({
    items,
    itemToString: (p) => (p ? p.name : ""),
    itemToKey: (p) => p?.id,
    inputId,
    labelId: `${baseId}-label`,
    menuId: `${baseId}-listbox`,
    inputValue,
    selectedItem: null,
    defaultHighlightedIndex: 0,
    stateReducer: (_state, { changes, type }) => {
      switch (type) {
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
        case useCombobox.stateChangeTypes.ItemClick:
          // Keep the list open after a pick, so several people can be picked in a row.
          return { ...changes, isOpen: true, highlightedIndex: 0 };
        case useCombobox.stateChangeTypes.InputBlur:
          // Leaving the field never picks someone by accident.
          return { ...changes, selectedItem: null };
        default:
          return changes;
      }
    },
    onStateChange: ({ type, selectedItem, inputValue: typed }) => {
      switch (type) {
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
        case useCombobox.stateChangeTypes.ItemClick:
          if (selectedItem && !value.some((p) => p.id === selectedItem.id)) {
            onChange([...value, selectedItem]);
            setInputValue("");
            setAnnouncement(`${selectedItem.name} added`);
          }
          break;
        case useCombobox.stateChangeTypes.InputChange:
          setInputValue(typed ?? "");
          setAnnouncement("");
          break;
      }
    },
  });

  const showMenu = isOpen && items.length > 0;
  // What is shown and announced (WCAG 4.1.3): loading, the count, the failure, or the last pick.
  const statusText = !typedEnough ? (inputValue.trim() ? `Type at least ${MIN_QUERY} characters` : "") : loading ? "Searching…" : failed ? "The search failed. Try again." : ready ? peopleFound(items.length) : "";
  const describedBy = [hintId, errorId, value.length ? chipsId : undefined].filter(Boolean).join(" ") || undefined;

  return (
    <div className={error ? "border-l-4 border-red-700 pl-4" : undefined}>
      <label {...getLabelProps({ htmlFor: inputId })} className="block font-semibold">
        {label}
      </label>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />

      {value.length ? (
        <div className="mt-2">
          <p id={chipsId} className="sr-only">
            {value.length === 1 ? "1 person chosen" : `${value.length} people chosen`}
          </p>
          <ul aria-label={`Chosen: ${label}`} className="flex flex-wrap gap-2">
            {value.map((person, index) => (
              <li key={person.id} className="inline-flex max-w-full items-center gap-1 rounded-full border-2 border-gray-800 bg-gray-100 pr-2">
                <button
                  type="button"
                  {...getSelectedItemProps({
                    selectedItem: person,
                    index,
                    onClick: (event) => {
                      // Removed here; downshift's own click handling would move focus to a chip.
                      (event.nativeEvent as Event & { preventDownshiftDefault?: boolean }).preventDownshiftDefault = true;
                      removeSelectedItem(person);
                      setAnnouncement(`${person.name} removed`);
                      inputRef.current?.focus();
                    },
                  })}
                  // Every chip is reachable with Tab, not only with the arrow keys.
                  tabIndex={0}
                  className="inline-flex min-h-11 max-w-full items-center gap-2 rounded-full px-3 py-1 text-left hover:bg-gray-200"
                >
                  <span className="sr-only">Remove </span>
                  <span className="break-all">{person.name}</span>
                  <span aria-hidden="true" className="text-lg leading-none">
                    ×
                  </span>
                </button>
                {person.audience === "external" ? <span className="rounded bg-amber-100 px-1 text-xs font-semibold text-amber-900">External</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="relative mt-2">
        <input
          {...getInputProps(
            getDropdownProps({
              ref: inputRef,
              // While the list is open, ← and Backspace belong to the field, not to the chips.
              preventKeyAction: showMenu,
            }),
          )}
          type="text"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`block w-full min-h-11 rounded border-2 px-3 py-2 ${error ? "border-red-700" : "border-gray-800"}`}
        />
        <ul
          {...getMenuProps()}
          hidden={!showMenu}
          className="absolute left-0 right-0 z-30 mt-1 max-h-80 overflow-y-auto rounded border-2 border-gray-800 bg-white shadow-lg"
        >
          {showMenu
            ? items.map((person, index) => (
                <li
                  key={person.id}
                  {...getItemProps({ item: person, index })}
                  className={`flex min-h-11 cursor-pointer flex-wrap items-center gap-x-2 px-3 py-2 ${highlightedIndex === index ? "bg-brand-700 text-white" : "text-gray-900"}`}
                >
                  <span className="font-semibold">{person.name}</span>
                  <span className={`break-all text-sm ${highlightedIndex === index ? "text-white" : "text-gray-700"}`}>{person.email}</span>
                  {person.audience === "external" ? (
                    <span className="rounded bg-amber-100 px-1 text-xs font-semibold text-amber-900">External</span>
                  ) : null}
                </li>
              ))
            : null}
        </ul>
      </div>
      <p role="status" aria-live="polite" className={`mt-1 min-h-6 text-sm ${failed ? "font-semibold text-red-700" : "text-gray-700"}`}>
        {statusText || announcement}
      </p>
    </div>
  );
}
