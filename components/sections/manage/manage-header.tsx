import Link from "next/link";
import type { SectionLink } from "@/lib/sections/queries";

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
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          {section.breadcrumbs.map((b) => (
            <li key={b.slug} className="after:mx-1 after:content-['›']">
              <Link href={`/sections/${b.slug}`} className="text-brand-700 underline">
                {b.title}
              </Link>
            </li>
          ))}
          <li>
            <Link href={`/sections/${section.slug}`} className="text-brand-700 underline">
              {section.title}
            </Link>
          </li>
        </ol>
      </nav>
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
