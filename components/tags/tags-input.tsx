"use client";
/**
 * D7: choose an item's tags — pick one in use (suggested as one types, from what the writer
 * may view: lib/tags/queries.ts) or make a new one — shown as a list with a remove button
 * each. An ARIA 1.2 combobox (downshift); Enter or a comma adds what was typed when no
 * suggestion is highlighted. The value is the list of tags as stored (lib/tags/schemas.ts);
 * the server parses it again.
 */
import { useCombobox } from "downshift";
import { useEffect, useId, useRef, useState } from "react";
import { ComboboxMenu } from "@/components/ui/combobox-menu";
import { FieldNotes } from "@/components/ui/form";
import { suggestTagsAction } from "@/lib/tags/actions";
import { TAGS_MAX, TAG_MAX, normaliseTag, oneTagProblem } from "@/lib/tags/schemas";

type Option = { tag: string; isNew: boolean };

export function TagsInput({
  label = "Tags",
  value,
  onChange,
  onBlur,
  error,
}: {
  label?: string;
  value: string[];
  onChange: (tags: string[]) => void;
  onBlur?: () => void;
  error?: string;
}) {
  const baseId = useId();
  const [input, setInput] = useState("");
  const [suggested, setSuggested] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const latest = useRef(0);

  const typed = normaliseTag(input);
  useEffect(() => {
    if (!typed) {
      setSuggested([]);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      const result = await suggestTagsAction({ text: typed }).catch(() => null);
      if (ticket === latest.current) setSuggested(result?.ok ? result.data : []);
    }, 200);
    return () => clearTimeout(timer);
  }, [typed]);

  const options: Option[] = [
    ...suggested.filter((t) => !value.includes(t)).map((tag) => ({ tag, isNew: false })),
    ...(typed && !suggested.includes(typed) && !value.includes(typed) && !oneTagProblem(typed) ? [{ tag: typed, isNew: true }] : []),
  ];

  function add(raw: string) {
    const tag = normaliseTag(raw);
    if (!tag) return;
    const why = oneTagProblem(tag) ?? (value.includes(tag) ? `“${tag}” is already one of the tags.` : value.length >= TAGS_MAX ? `Use at most ${TAGS_MAX} tags.` : null);
    if (why) {
      setProblem(why);
      return;
    }
    setProblem(null);
    onChange([...value, tag]);
    setInput("");
    setAnnouncement(`Tag added: ${tag}.`);
  }

  function remove(tag: string) {
    onChange(value.filter((t) => t !== tag));
    setProblem(null);
    setAnnouncement(`Tag removed: ${tag}.`);
  }

  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex } = useCombobox<Option>({
    id: baseId,
    items: options,
    inputValue: input,
    selectedItem: null,
    itemToString: (item) => item?.tag ?? "",
    // The text is this component's own state, set as each key is typed (below): choosing an
    // option adds it and clears the box instead of putting its text there.
    onSelectedItemChange: ({ selectedItem }) => {
      if (selectedItem) add(selectedItem.tag);
    },
  });

  const hintId = `${baseId}-hint`;
  const errorId = `${baseId}-error`;
  const shownError = problem ?? error;

  return (
    <div className={shownError ? "border-l-4 border-red-700 pl-4" : undefined}>
      <label {...getLabelProps()} className="block font-semibold">
        {label} (optional)
      </label>
      <FieldNotes
        hintId={hintId}
        hint={`Type to find tags in use, or a new tag, then press Enter. Up to ${TAGS_MAX} tags of at most ${TAG_MAX} characters.`}
        errorId={errorId}
        error={shownError ?? undefined}
      />
      {value.length ? (
        <ul aria-label={`${label} chosen`} className="mt-2 flex flex-wrap gap-2">
          {value.map((tag) => (
            <li key={tag} className="flex items-center gap-1 rounded-full border border-gray-500 bg-gray-100 py-0.5 pl-3 pr-1">
              <span>{tag}</span>
              <button
                type="button"
                onClick={() => remove(tag)}
                aria-label={`Remove tag ${tag}`}
                className="flex min-h-11 min-w-11 items-center justify-center rounded-full font-bold hover:bg-gray-300"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="relative">
        <input
          {...getInputProps({
            "aria-describedby": [hintId, shownError ? errorId : null].filter(Boolean).join(" "),
            "aria-invalid": shownError ? true : undefined,
            onBlur,
            // Set at once, not after downshift's own update: typed quickly, no key is lost.
            onChange: (event) => {
              setInput((event.target as HTMLInputElement).value);
              setProblem(null);
            },
            onKeyDown: (event) => {
              // Never submit the form from here: Enter adds the highlighted option, or the tag typed.
              if (event.key === "Enter") event.preventDefault();
              const nothingHighlighted = highlightedIndex < 0 || !isOpen;
              if ((event.key === "Enter" && nothingHighlighted) || event.key === ",") {
                (event as unknown as { nativeEvent: { preventDownshiftDefault?: boolean } }).nativeEvent.preventDownshiftDefault = true;
                event.preventDefault();
                add(input);
              }
            },
          })}
          autoComplete="off"
          className={`mt-1 block min-h-11 w-full rounded border-2 px-3 py-2 ${shownError ? "border-red-700" : "border-gray-800"}`}
        />
        <ComboboxMenu
          isOpen={isOpen}
          items={options}
          highlightedIndex={highlightedIndex}
          getMenuProps={getMenuProps}
          getItemProps={getItemProps}
          itemKey={(option) => `${option.isNew ? "new" : "tag"}-${option.tag}`}
        >
          {(option) => (option.isNew ? `New tag: ${option.tag}` : option.tag)}
        </ComboboxMenu>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
