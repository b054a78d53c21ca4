"use client";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * The main navigation. From a tablet's width up its links are one row; on a phone they sit
 * behind a Menu button (rows of wrapped links took a third of the first screen), which opens
 * them as a list below it and closes on Escape (focus back on the button) and when the page
 * changes. The menu is open only on the page it was opened on.
 */
export function MainNav({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  return (
    <nav aria-label="Main" className="bg-brand-800">
      <div className="mx-auto max-w-5xl px-2">
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpenOn(open ? null : pathname)}
          className="inline-flex min-h-11 items-center gap-2 px-3 py-3 font-semibold text-white md:hidden"
        >
          <span aria-hidden="true" className="text-lg leading-none">
            {open ? "×" : "☰"}
          </span>
          Menu
        </button>
        <ul
          id={listId}
          className={`${open ? "flex" : "hidden"} flex-col pb-2 md:flex md:flex-row md:flex-wrap md:gap-x-2 md:pb-0`}
        >
          {children}
        </ul>
      </div>
    </nav>
  );
}
