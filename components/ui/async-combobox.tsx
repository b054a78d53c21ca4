"use client";
import { useCombobox } from "downshift";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { ComboboxMenu } from "./combobox-menu";
import { FieldNotes } from "./form";

/**
 * Pick one thing by typing part of its name: an ARIA 1.2 combobox (downshift) whose
 * options come from a server search, debounced, from two characters on.
 */
export interface AsyncComboboxProps<T> {
  label: string;
  hint?: string;
  error?: string;
  search: (query: string) => Promise<T[] | null>;
  value: T | null;
  onChange: (item: T | null) => void;
  itemKey: (item: T) => string;
  itemLabel: (item: T) => string;
  renderItem?: (item: T) => ReactNode;
  id?: string;
}

export function AsyncCombobox<T>({ label, hint, error, search, value, onChange, itemKey, itemLabel, renderItem, id }: AsyncComboboxProps<T>) {
  const autoId = useId();
  const baseId = id ?? autoId;
  const [input, setInput] = useState(value ? itemLabel(value) : "");
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<"idle" | "loading" | "done" | "failed">("idle");
  const latest = useRef(0);
  const clearedByTyping = useRef(false);

  useEffect(() => {
    const query = input.trim();
    if (query.length < 2 || (value && itemLabel(value) === input)) {
      setItems([]);
      setStatus("idle");
      return;
    }
    const ticket = ++latest.current;
    setStatus("loading");
    const timer = setTimeout(async () => {
      try {
        const found = await search(query);
        if (ticket !== latest.current) return;
        setItems(found ?? []);
        setStatus(found ? "done" : "failed");
      } catch {
        if (ticket === latest.current) setStatus("failed");
      }
    }, 250);
    return () => clearTimeout(timer);
  }, [input, search, value, itemLabel]);

  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex } = useCombobox<T>({
    id: baseId,
    items,
    inputValue: input,
    selectedItem: value,
    itemToString: (item) => (item ? itemLabel(item) : ""),
    onInputValueChange: ({ inputValue, type, selectedItem }) => {
      // Typing over a chosen item clears it (below), and downshift then empties the field to
      // match the cleared value: keep what was typed. A value cleared or set from outside shows.
      if (type === useCombobox.stateChangeTypes.ControlledPropUpdatedSelectedItem && !selectedItem && clearedByTyping.current) {
        clearedByTyping.current = false;
        return;
      }
      setInput(inputValue ?? "");
      if (type === useCombobox.stateChangeTypes.InputChange && value) {
        clearedByTyping.current = true;
        onChange(null);
      }
    },
    onSelectedItemChange: ({ selectedItem }) => onChange(selectedItem ?? null),
  });

  const hintId = hint ? `${baseId}-hint` : undefined;
  const errorId = error ? `${baseId}-error` : undefined;
  const statusText =
    status === "loading" ? "Searching…" : status === "failed" ? "The search failed. Try again." : status === "done" ? (items.length ? `${items.length} found` : "Nothing found") : "";

  return (
    <div className={error ? "border-l-4 border-red-700 pl-4" : undefined}>
      <label {...getLabelProps()} className="block font-semibold">
        {label}
      </label>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />
      <div className="relative">
        <input
          {...getInputProps({
            "aria-describedby": [hintId, errorId, `${baseId}-status`].filter(Boolean).join(" "),
            "aria-invalid": error ? true : undefined,
          })}
          className={`mt-1 block min-h-11 w-full rounded border-2 px-3 py-2 ${error ? "border-red-700" : "border-gray-800"}`}
        />
        <ComboboxMenu isOpen={isOpen} items={items} highlightedIndex={highlightedIndex} getMenuProps={getMenuProps} getItemProps={getItemProps} itemKey={itemKey}>
          {(item) => (renderItem ? renderItem(item) : itemLabel(item))}
        </ComboboxMenu>
      </div>
      <p id={`${baseId}-status`} role="status" aria-live="polite" className="mt-1 text-sm text-gray-700">
        {statusText}
      </p>
    </div>
  );
}
