"use client";

import { ItemPlace } from "@/components/content/item-place";

import type { Segment } from "@/lib/search/highlight";

/** One search hit as the server prepared it: every string final, dates formatted, highlights split. */
export interface ListedHit {
  id: string;
  href: string;
  typeLabel: string;
  draft: boolean;
  title: Segment[];
  extract: Segment[];
  section: { slug: string; title: string } | null;
  group: { slug: string; name: string } | null;
  dateLine: string;
  /** `href`: this search narrowed to the author's items (null when it already is); null: no author to name. */
  author: { name: string; href: string | null } | null;
}

/** Matched words in <mark>: plain strings, escaped by React like any text (never HTML from the item). */
function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.marked ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-inherit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/**
 * The hits of a search (D4), as data sent to the client rather than a server-rendered tree, for
 * the same reason as ContentListView (components/content/content-list-view.tsx). The list is
 * numbered from the page's first hit so screen readers say where in the results one is.
 */
export function SearchResultsView({ hits, start }: { hits: ListedHit[]; start: number }) {
  return (
    <ol start={start} className="mt-4 divide-y divide-gray-300 border-y border-gray-300" aria-label="Results">
      {hits.map((hit) => (
        <li key={`${hit.typeLabel}-${hit.id}`} className="py-4">
          <p className="text-sm text-gray-700">
            <span className="font-semibold">{hit.typeLabel}</span>
            {hit.draft ? <span className="ml-2 rounded bg-yellow-200 px-2 py-0.5 text-xs font-bold uppercase text-gray-900">Draft</span> : null}
            <ItemPlace section={hit.section} group={hit.group} />
            {" · "}
            {hit.dateLine}
            {hit.author ? " · by " : null}
            {hit.author?.href ? (
              <a href={hit.author.href} className="text-brand-700 underline">
                {hit.author.name}
                <span className="sr-only"> (search only their items)</span>
              </a>
            ) : (
              hit.author?.name
            )}
          </p>
          <h2 className="mt-1 text-lg font-bold">
            <a href={hit.href} className="text-brand-700 underline underline-offset-2 hover:no-underline">
              <Highlighted segments={hit.title} />
            </a>
          </h2>
          {hit.extract.length ? (
            <p className="mt-1 text-gray-800">
              <Highlighted segments={hit.extract} />
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
