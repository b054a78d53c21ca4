"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A main-navigation link that tells assistive technology which page is current. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href;
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`inline-block min-h-11 px-3 py-3 text-white underline-offset-4 hover:underline ${current ? "border-b-4 border-white font-semibold" : ""}`}
    >
      {children}
    </Link>
  );
}
