import Link from "next/link";

export interface Crumb {
  label: string;
  /** Absent for the page itself, which ends the trail. */
  href?: string;
}

/** Where a page sits: its places as links, the page itself last and marked current. */
export function Breadcrumbs({ trail }: { trail: readonly Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1">
        {trail.map((crumb, i) => (
          <li key={`${i}-${crumb.label}`} className={i > 0 ? "before:mx-1 before:content-['›']" : undefined} aria-current={crumb.href ? undefined : "page"}>
            {crumb.href ? (
              <Link href={crumb.href} className="inline-block py-1 text-brand-700 underline">
                {crumb.label}
              </Link>
            ) : (
              crumb.label
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
