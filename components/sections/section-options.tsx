"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";

export interface SectionOption {
  href: string;
  label: string;
}

/** The section's "Options" menu: only the things the viewer may do here are offered. */
export function SectionOptions({ options }: { options: SectionOption[] }) {
  if (!options.length) return null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="inline-flex min-h-11 items-center gap-2 rounded border-2 border-gray-800 bg-white px-4 py-2 font-semibold hover:bg-gray-100">
        Options <span aria-hidden="true">▾</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-30 min-w-48 rounded border border-gray-300 bg-white p-1 text-gray-900 shadow-lg">
          {options.map((o) => (
            <DropdownMenu.Item key={o.href} asChild className="block min-h-11 rounded px-3 py-3 outline-none data-[highlighted]:bg-brand-700 data-[highlighted]:text-white">
              <Link href={o.href}>{o.label}</Link>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
