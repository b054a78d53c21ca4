"use client";
/**
 * D4: the header's search box. A plain GET form to /search, so it works before any script has
 * loaded; with scripts, typing two or more characters suggests titles of content, sections,
 * groups, people and teams (the server decides what the person may see: lib/search/suggest.ts).
 *
 * An ARIA combobox: the box names the open list (aria-controls, aria-activedescendant) and a
 * role=status line says how many suggestions there are. Up and Down move through them, Enter
 * opens the chosen one (or, with none chosen, searches), Escape closes the list. On a phone
 * the box takes a row of its own under the name and the account menu.
 */
import { useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { TYPE_LABELS } from "@/components/content/format";
import { suggestSearchAction } from "@/lib/search/actions";
import { SEARCH_MAX, SUGGEST_MIN } from "@/lib/search/params";
import type { Suggestions } from "@/lib/search/suggest";

const PAUSE_MS = 200;

interface Option {
  href: string;
  label: string;
  /** What it is, read after the label ("News", "Section", "Person"). */
  kind: string;
}

function optionsOf(s: Suggestions): Option[] {
  return [
    ...s.content.map((c) => ({ href: `/content/${c.id}`, label: c.title, kind: TYPE_LABELS[c.type] })),
    ...s.sections.map((x) => ({ href: `/sections/${x.slug}`, label: x.title, kind: "Section" })),
    ...s.groups.map((g) => ({ href: `/groups/${g.slug}`, label: g.name, kind: "Group" })),
    ...s.people.map((p) => ({ href: `/people/${p.id}`, label: p.name, kind: p.jobTitle ? `Person, ${p.jobTitle}` : "Person" })),
    ...s.teams.map((t) => ({ href: `/teams/${t.key}`, label: t.name, kind: "Team" })),
  ];
}

export function HeaderSearch() {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-suggestions`;
  const [text, setText] = useState("");
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState("");
  const ticket = useRef(0);

  useEffect(() => {
    const typed = text.trim();
    if (typed.length < SUGGEST_MIN) {
      ticket.current++;
      setOptions([]);
      setStatus("");
      return;
    }
    const mine = ++ticket.current;
    const timer = setTimeout(async () => {
      const result = await suggestSearchAction({ query: typed }).catch(() => null);
      if (mine !== ticket.current) return;
      const found = result?.ok ? optionsOf(result.data) : [];
      setOptions(found);
      setActive(-1);
      setStatus(
        !result?.ok
          ? "Suggestions are not available: press Enter to search."
          : found.length
            ? `${found.length} ${found.length === 1 ? "suggestion" : "suggestions"}: up and down arrows to move, Enter to open, Escape to close.`
            : "No suggestions: press Enter to search.",
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const shown = open && options.length > 0;
  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <form method="get" action="/search" role="search" aria-label="Site" className="relative order-last flex w-full gap-2 sm:order-none sm:w-auto sm:max-w-sm sm:flex-1">
      <label htmlFor={`${id}-q`} className="sr-only">
        Search the portal
      </label>
      <input
        id={`${id}-q`}
        name="q"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        maxLength={SEARCH_MAX + 50}
        placeholder="Search"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            if (!options.length) return;
            e.preventDefault();
            setOpen(true);
            const by = e.key === "ArrowDown" ? 1 : -1;
            setActive((i) => (i < 0 ? (by > 0 ? 0 : options.length - 1) : (i + by + options.length) % options.length));
          } else if (e.key === "Escape" && shown) {
            e.preventDefault();
            setOpen(false);
            setActive(-1);
          } else if (e.key === "Enter" && shown && active >= 0) {
            e.preventDefault();
            const chosen = options[active]!;
            setOpen(false);
            router.push(chosen.href);
          }
        }}
        className="min-h-11 w-full min-w-0 rounded border-2 border-white bg-white px-3 py-2 text-gray-900 placeholder:text-gray-600"
      />
      <button type="submit" className="min-h-11 shrink-0 rounded border-2 border-white px-3 py-2 font-semibold hover:bg-brand-800">
        Search
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        className={`absolute left-0 right-0 top-full z-30 mt-1 max-h-96 overflow-auto rounded border border-gray-300 bg-white text-gray-900 shadow-lg ${shown ? "" : "hidden"}`}
      >
        {shown
          ? options.map((o, i) => (
              <li
                key={`${o.href}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                // Keeps the focus in the box until the choice is made.
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => {
                  setOpen(false);
                  router.push(o.href);
                }}
                className={`cursor-pointer px-3 py-2 ${i === active ? "bg-brand-700 text-white" : ""}`}
              >
                <span className="font-semibold">{o.label}</span>
                <span className="sr-only">, </span>
                <span className={`block text-sm ${i === active ? "text-white" : "text-gray-700"}`}>{o.kind}</span>
              </li>
            ))
          : null}
      </ul>
      <span role="status" className="sr-only">
        {open ? status : ""}
      </span>
    </form>
  );
}
