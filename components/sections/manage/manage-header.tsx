import Link from "next/link";
import type { SectionLink } from "@/lib/sections/queries";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";

const TABS = [
  { path: "", label: "Members and roles" },
  { path: "/settings", label: "Settings" },
  { path: "/new-section", label: "New subsection" },
] as const;

/** Breadcrumbs (visible ancestors only), the title, and the manage pages' own navigation. */
export function ManageHeader({
  section,
  current,
  heading,
}: {
  section: { slug: string; title: string; breadcrumbs: SectionLink[] };
  current: "" | "/settings" | "/new-section";
  heading: string;
}) {
  const base = `/sections/${section.slug}/manage`;
  return (
    <>
      <Breadcrumbs trail={[...section.breadcrumbs.map((b) => ({ href: `/sections/${b.slug}`, label: b.title })), { href: `/sections/${section.slug}`, label: section.title }]} />
      <h1 className="text-3xl font-bold">{heading}</h1>
      <nav aria-label="Manage this section" className="mt-4 border-b-2 border-gray-300">
        <ul className="flex flex-wrap gap-x-1">
          {TABS.map((t) => (
            <li key={t.path}>
              <Link
                href={base + t.path}
                aria-current={current === t.path ? "page" : undefined}
                className={`inline-block min-h-11 px-3 py-3 ${current === t.path ? "border-b-4 border-brand-700 font-bold" : "text-brand-700 underline"}`}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
