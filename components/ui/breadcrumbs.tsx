import Link from "next/link";

/**
 * Where a page sits: links to the pages above it, then its own name (aria-current). The
 * pages that write this out by hand can move to it one by one.
 */
export function Breadcrumbs({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1">
        {trail.map((step, i) => (
          <li key={step.href} className={i > 0 ? "before:mx-1 before:content-['›']" : undefined}>
            <Link href={step.href} className="inline-block py-1 text-brand-700 underline">
              {step.label}
            </Link>
          </li>
        ))}
        <li aria-current="page" className="break-all before:mx-1 before:content-['›']">
          {current}
        </li>
      </ol>
    </nav>
  );
}
