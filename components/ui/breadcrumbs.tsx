import Link from "next/link";

export interface Crumb {
  href: string;
  label: string;
}

/**
 * Where a page sits (WCAG 2.4.8): the trail of links, then the page itself when `current`
 * is given (aria-current). Links are not prefetched: a breadcrumb is followed rarely, and a
 * prefetch is a server render per link on every view.
 */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current?: string }) {
  const separated = "before:mx-1 before:content-['›']";
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1">
        {trail.map((crumb, i) => (
          <li key={`${i}:${crumb.href}`} className={i ? separated : undefined}>
            <Link href={crumb.href} prefetch={false} className="inline-block py-1 text-brand-700 underline">
              {crumb.label}
            </Link>
          </li>
        ))}
        {current !== undefined ? (
          <li aria-current="page" className={`break-words ${trail.length ? separated : ""}`}>
            {current}
          </li>
        ) : null}
      </ol>
    </nav>
  );
}
