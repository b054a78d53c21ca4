"use client";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * The header's account menu: a <details> (it opens and closes without JavaScript) that, once
 * the page has loaded, closes as people expect a menu to: on Escape (focus goes back to its
 * button), on a click or a focus outside it, and when the page changes.
 */
export function AccountMenu({
  summary,
  children,
}: {
  summary: ReactNode;
  children: ReactNode;
}) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  // A link in the menu took the person to another page: the menu is not left open over it.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const details = menu.current;
    if (!details) return;
    const outside = (target: EventTarget | null) =>
      !(target instanceof Node && details.contains(target));
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      const focusWasInside = !outside(document.activeElement);
      details.open = false;
      if (focusWasInside) details.querySelector("summary")?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && outside(event.target)) details.open = false;
    };
    const onFocusIn = (event: FocusEvent) => {
      if (details.open && outside(event.target)) details.open = false;
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("focusin", onFocusIn);
    };
  }, []);

  return (
    <details ref={menu} className="relative ml-auto">
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded px-2 py-2 hover:bg-brand-800">
        {summary}
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 max-w-[90vw] rounded border border-gray-300 bg-white p-4 text-gray-900 shadow-lg">
        {children}
      </div>
    </details>
  );
}
