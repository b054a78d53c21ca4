"use client";
/**
 * The options list under a downshift combobox, the same for every picker that suggests as
 * one types (people, tags): hidden while closed or empty, the highlighted option in the
 * brand colour, each option large enough to touch.
 */
import type { UseComboboxPropGetters } from "downshift";
import type { ReactNode } from "react";

export function ComboboxMenu<T>({
  isOpen,
  items,
  highlightedIndex,
  getMenuProps,
  getItemProps,
  itemKey,
  children,
}: {
  isOpen: boolean;
  items: T[];
  highlightedIndex: number;
  getMenuProps: UseComboboxPropGetters<T>["getMenuProps"];
  getItemProps: UseComboboxPropGetters<T>["getItemProps"];
  itemKey: (item: T) => string;
  /** An option's content. */
  children: (item: T) => ReactNode;
}) {
  return (
    <ul
      {...getMenuProps()}
      className={`absolute z-30 mt-1 max-h-72 w-full overflow-auto rounded border border-gray-300 bg-white shadow-lg ${isOpen && items.length ? "" : "hidden"}`}
    >
      {isOpen
        ? items.map((item, index) => (
            <li key={itemKey(item)} {...getItemProps({ item, index })} className={`cursor-pointer px-3 py-3 ${highlightedIndex === index ? "bg-brand-700 text-white" : ""}`}>
              {children(item)}
            </li>
          ))
        : null}
    </ul>
  );
}
