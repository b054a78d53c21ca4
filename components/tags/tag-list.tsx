import Link from "next/link";
import { tagHref } from "@/lib/tags/schemas";

/** D7: an item's tags, each a link to its tag's page. */
export function TagList({ tags, className = "mt-8" }: { tags: string[]; className?: string }) {
  if (!tags.length) return null;
  return (
    <section aria-labelledby="item-tags" className={className}>
      <h2 id="item-tags" className="text-lg font-bold">
        Tags
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {tags.map((tag) => (
          <li key={tag}>
            <Link href={tagHref(tag)} className="inline-flex min-h-11 items-center rounded-full border border-brand-700 px-3 text-brand-700 underline hover:bg-brand-50">
              {tag}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
