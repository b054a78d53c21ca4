import type { SectionSummary } from "@/lib/sections/queries";

/** Plain links, as in ContentList: no prefetching of every section in a list. */
export function SectionList({ sections, empty }: { sections: SectionSummary[]; empty: string }) {
  if (!sections.length) return <p className="mt-4 text-gray-700">{empty}</p>;
  return (
    <ul className="mt-4 grid gap-4 sm:grid-cols-2">
      {sections.map((s) => (
        <li key={s.slug} className="rounded border border-gray-300 p-4">
          <a href={`/sections/${s.slug}`} className="text-lg font-bold text-brand-700 underline underline-offset-2 hover:no-underline">
            {s.title}
          </a>
          {s.description ? <p className="mt-1 text-gray-800">{s.description}</p> : null}
        </li>
      ))}
    </ul>
  );
}
