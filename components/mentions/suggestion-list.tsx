"use client";
/** E6: the listbox of people to mention, under the field being written; chosen by click or by the field's keys. */
import type { MentionSuggestion } from "@/lib/mentions/schemas";

export function suggestionOptionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

export function SuggestionList({
  id,
  items,
  active,
  open,
  onChoose,
  onHover,
}: {
  id: string;
  items: MentionSuggestion[];
  active: number;
  open: boolean;
  onChoose: (person: MentionSuggestion) => void;
  onHover: (index: number) => void;
}) {
  return (
    <ul id={id} role="listbox" aria-label="People to mention" className={`z-30 mt-1 max-h-72 w-full overflow-auto rounded border border-gray-300 bg-white shadow-lg ${open ? "" : "hidden"}`}>
      {open
        ? items.map((person, index) => (
            <li
              key={person.id}
              id={suggestionOptionId(id, index)}
              role="option"
              aria-selected={index === active}
              // Keeps the focus (and the caret) in the field being written.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => onHover(index)}
              onClick={() => onChoose(person)}
              className={`cursor-pointer px-3 py-3 ${index === active ? "bg-brand-700 text-white" : ""}`}
            >
              {person.name}
              {person.audience === "external" ? <span className="ml-2 text-sm">{" "}(external)</span> : null}
            </li>
          ))
        : null}
    </ul>
  );
}
