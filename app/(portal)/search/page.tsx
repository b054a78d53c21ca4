import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { formatDate } from "@/components/content/format";
import { type ListedHit, SearchResultsView } from "@/components/search/search-results-view";
import { buttonClass } from "@/components/ui/button";
import { FilterSelect, filterFieldClass } from "@/components/ui/filter-select";
import { requireViewer } from "@/lib/access/viewer";
import { type SearchHit, maySearch, searchContent } from "@/lib/search/content-search";
import { highlightSegments } from "@/lib/search/highlight";
import { SUGGEST_EACH, type Suggestions, suggest } from "@/lib/search/suggest";
import { recordView } from "@/lib/analytics/record";
import {
  SEARCH_MAX,
  SEARCH_MAX_PAGES,
  SEARCH_PAGE_SIZE,
  SEARCH_SORTS,
  SEARCH_SORT_LABELS,
  SEARCH_TYPES,
  SEARCH_HIT_LABELS,
  SEARCH_TYPE_LABELS,
  type SearchParams,
  keptSearchParams,
  searchParams as readSearchParams,
} from "@/lib/search/params";

export const metadata: Metadata = { title: "Search" };

const href = (params: Record<string, string>) => {
  const query = new URLSearchParams(params).toString();
  return query ? `/search?${query}` : "/search";
};

/**
 * D4 C4 E4: search everything the viewer may view. Organisational people and webmasters;
 * external people get 403 (and no box in the header). Every hit, count and extract is
 * decided in the query by the same predicate as the listings (lib/search/content-search.ts).
 */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireViewer()]);
  if (!maySearch(viewer)) forbidden();
  const params = readSearchParams(raw);
  // Sections, groups, people and teams whose names hold the words, beside the content: on the
  // first page of an unfiltered search only (the filters narrow content).
  const [outcome, places] = await Promise.all([
    searchContent(viewer, params),
    params.q && params.page === 1 && !params.type && !params.section && !params.group && !params.tag && !params.author ? suggest(viewer, params.q, undefined, { withContent: false }) : null,
  ]);
  if (outcome.kind === "forbidden") forbidden();
  // D1 D4: an unfiltered search (the places are looked for only then) that found nothing is counted by what was asked, never by whom.
  const foundNothing = places !== null && outcome.kind === "results" && outcome.total === 0 && Object.values(places).every((list: unknown[]) => list.length === 0);
  const missed = foundNothing ? params.q : null;
  recordView(viewer, { page: "search", missedTerm: missed });

  return (
    <>
      <h1 className="text-3xl font-bold">Search</h1>
      <SearchForm params={params} />
      {outcome.kind === "none" ? (
        <p className="mt-6">Type a word or two above: titles and text of everything you can open are searched.</p>
      ) : outcome.kind === "no-words" ? (
        <p className="mt-6" role="status">
          “{params.q}” has no words to search for: very common words (“the”, “and”) and punctuation are left out. Try a more particular word.
        </p>
      ) : (
        <>
          {places ? <Places places={places} q={params.q} /> : null}
          <Results params={params} outcome={outcome} />
        </>
      )}
    </>
  );
}

function SearchForm({ params }: { params: SearchParams }) {
  const narrowed = params.type || params.section || params.group || params.tag || params.author || params.from || params.to || params.sort !== "relevance";
  return (
    <form method="get" action="/search" role="search" aria-label="Search the portal" className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end">
      <div className="sm:col-span-2 lg:col-span-4">
        <label htmlFor="search-q" className="block font-semibold">
          Search for
        </label>
        <p id="search-q-hint" className="text-sm text-gray-700">
          Every word must appear. Put a phrase in &quot;quotes&quot;; put - before a word to leave it out.
        </p>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={params.q}
          maxLength={SEARCH_MAX + 50}
          aria-invalid={params.error ? true : undefined}
          aria-describedby={params.error ? "search-q-hint search-error" : "search-q-hint"}
          className={filterFieldClass}
        />
      </div>
      <FilterSelect id="search-type" name="type" label="Type" value={params.type ?? ""} options={SEARCH_TYPES.map((t) => ({ value: t, label: SEARCH_TYPE_LABELS[t] }))} anyLabel="Any type" />
      <div>
        <label htmlFor="search-from" className="block font-semibold">
          From
        </label>
        <input id="search-from" name="from" type="date" defaultValue={params.from ?? ""} className={filterFieldClass} />
      </div>
      <div>
        <label htmlFor="search-to" className="block font-semibold">
          To
        </label>
        <input id="search-to" name="to" type="date" defaultValue={params.to ?? ""} className={filterFieldClass} />
      </div>
      <div>
        <label htmlFor="search-tag" className="block font-semibold">
          Tag
        </label>
        <input id="search-tag" name="tag" type="text" defaultValue={params.tag ?? ""} maxLength={160} autoComplete="off" className={filterFieldClass} />
      </div>
      <FilterSelect id="search-sort" name="sort" label="Order" value={params.sort} options={SEARCH_SORTS.map((s) => ({ value: s, label: SEARCH_SORT_LABELS[s] }))} />
      {params.section ? <input type="hidden" name="section" value={params.section} /> : null}
      {params.group ? <input type="hidden" name="group" value={params.group} /> : null}
      {params.author ? <input type="hidden" name="author" value={params.author} /> : null}
      <div className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClass.primary}>
          Search
        </button>
        {narrowed ? (
          <Link href={href(params.q ? { q: params.q } : {})} prefetch={false} className={buttonClass.link}>
            Clear the filters
          </Link>
        ) : null}
      </div>
      {params.error ? (
        <p id="search-error" className="border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800 sm:col-span-2 lg:col-span-4" role="alert">
          {params.error}
        </p>
      ) : null}
    </form>
  );
}

type Found = Extract<Awaited<ReturnType<typeof searchContent>>, { kind: "results" }>;

function Results({ params, outcome }: { params: SearchParams; outcome: Found }) {
  const allCount = SEARCH_TYPES.reduce((n, t) => n + outcome.byType[t], 0);
  const more = (n: number) => (outcome.broad && n > 0 ? `${n}+` : String(n));
  const pages = Math.min(SEARCH_MAX_PAGES, Math.max(1, Math.ceil(outcome.total / SEARCH_PAGE_SIZE)));
  const start = (params.page - 1) * SEARCH_PAGE_SIZE + 1;
  const hits: ListedHit[] = outcome.hits.map((hit) => ({
    id: hit.id,
    href: hitHref(hit),
    typeLabel: SEARCH_HIT_LABELS[hit.type],
    draft: hit.status === "draft",
    // A wall post has no title: it is named by its author.
    title: hit.type === "wall" ? [{ text: `Wall post by ${hit.author?.name ?? "a former member"}`, marked: false }] : highlightSegments(hit.title),
    extract: highlightSegments(hit.extract),
    section: hit.section,
    group: hit.group,
    dateLine: dateLineOf(hit),
    author: hit.author ? { name: hit.author.name, href: params.author ? null : href(keptSearchParams(params, { author: hit.author.id, page: null })) } : null,
  }));
  const place = outcome.group ? `in the group ${outcome.group.name}` : outcome.section ? `in ${outcome.section.title} and the sections below it` : "";
  const summary = [
    outcome.total === 0 ? "No results" : `${more(outcome.total)} ${outcome.total === 1 && !outcome.broad ? "result" : "results"}`,
    `for “${params.q}”`,
    params.type ? `among ${SEARCH_TYPE_LABELS[params.type].toLowerCase()}` : "",
    place,
    params.tag ? `tagged “${params.tag}”` : "",
    outcome.author ? `by ${outcome.author.name}` : "",
    params.from || params.to ? `dated ${params.from ? `from ${params.from} ` : ""}${params.to ? `to ${params.to}` : ""}`.trim() : "",
    pages > 1 ? `(page ${params.page} of ${pages})` : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <>
      {outcome.unknownPlace ? (
        <p className="mt-6 border-l-4 border-yellow-600 bg-yellow-50 p-3" role="alert">
          The section or group in this search&rsquo;s address is not one you can search in: the whole portal is searched instead.{" "}
          <Link href={href(keptSearchParams({ ...params, section: null, group: null }))} prefetch={false} className="text-brand-700 underline">
            Search without it
          </Link>
        </p>
      ) : null}
      {params.tag || outcome.author ? (
        <ul className="mt-6 flex flex-wrap gap-x-6 gap-y-2" aria-label="Filters in use">
          {params.tag ? (
            <li>
              Tagged “{params.tag}”:{" "}
              <Link href={href(keptSearchParams(params, { tag: null }))} prefetch={false} className="text-brand-700 underline">
                any tag<span className="sr-only"> (remove the tag filter)</span>
              </Link>
            </li>
          ) : null}
          {outcome.author ? (
            <li>
              Written by {outcome.author.name}:{" "}
              <Link href={href(keptSearchParams(params, { author: null }))} prefetch={false} className="text-brand-700 underline">
                anyone<span className="sr-only"> (remove the author filter)</span>
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {outcome.section || outcome.group ? (
        <p className="mt-6">
          Searching only {place}.{" "}
          <Link href={href(keptSearchParams({ ...params, section: null, group: null }))} prefetch={false} className="text-brand-700 underline">
            Search everywhere
          </Link>
        </p>
      ) : null}
      <nav aria-label="Result types" className="mt-6">
        <ul className="flex flex-wrap gap-2">
          <li>
            <FacetLink href={href(keptSearchParams(params, { type: null }))} current={!params.type} label={`All types (${more(allCount)})`} />
          </li>
          {SEARCH_TYPES.filter((t) => outcome.byType[t] > 0 || params.type === t).map((t) => (
            <li key={t}>
              <FacetLink href={href(keptSearchParams(params, { type: t }))} current={params.type === t} label={`${SEARCH_TYPE_LABELS[t]} (${more(outcome.byType[t])})`} />
            </li>
          ))}
        </ul>
      </nav>
      <p className="mt-4" role="status">
        {summary}.
      </p>
      {outcome.broad ? <p className="text-sm text-gray-700">Many items match: the most recent are ranked. Add a word or a filter to find older ones.</p> : null}
      {hits.length ? (
        <SearchResultsView hits={hits} start={start} />
      ) : params.page > 1 && outcome.total > 0 ? (
        <p className="mt-4">There are no more results.</p>
      ) : (
        <div className="mt-4">
          <p>Nothing you can open matches. You could:</p>
          <ul className="mt-2 list-disc pl-6">
            <li>check the spelling, or use fewer or more general words;</li>
            {params.type || params.tag || params.author || params.from || params.to || outcome.section || outcome.group ? <li>clear the filters;</li> : null}
            {params.q.includes('"') ? <li>search for the words without the quotes;</li> : null}
            {/(^|\s)-\S/.test(params.q) ? <li>leave out the words with - before them;</li> : null}
            <li>look in the section or group where it would be.</li>
          </ul>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Result pages" className="mt-6 flex flex-wrap gap-4">
          {params.page > 1 ? (
            <Link href={href(keptSearchParams(params, { page: String(params.page - 1) }))} prefetch={false} className={buttonClass.link}>
              ← Previous page
            </Link>
          ) : null}
          {params.page < pages ? (
            <Link href={href(keptSearchParams(params, { page: String(params.page + 1) }))} prefetch={false} className={buttonClass.link}>
              Next page →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

/** Where a hit opens: its own page (a group file's page is in its group). */
function hitHref(hit: SearchHit): string {
  switch (hit.type) {
    case "file":
      return hit.group ? `/groups/${hit.group.slug}/files/${hit.id}` : "/groups";
    case "idea":
      return `/ideas/${hit.id}`;
    case "wall":
      return `/wall/${hit.id}`;
    case "query":
      return `/queries/${hit.id}`;
    default:
      return `/content/${hit.id}`;
  }
}

function dateLineOf(hit: SearchHit): string {
  switch (hit.type) {
    case "file":
      return `Changed ${formatDate(hit.updatedAt)}`;
    case "idea":
      return `Submitted ${formatDate(hit.publishedAt ?? hit.updatedAt)}`;
    case "wall":
      return `Posted ${formatDate(hit.publishedAt ?? hit.updatedAt)}`;
    case "query":
      return `Asked ${formatDate(hit.publishedAt ?? hit.updatedAt)}`;
    default:
      return hit.publishedAt ? `Published ${formatDate(hit.publishedAt)}` : `Last changed ${formatDate(hit.updatedAt)}`;
  }
}

function FacetLink({ href: to, current, label }: { href: string; current: boolean; label: string }) {
  return (
    <Link
      href={to}
      prefetch={false}
      aria-current={current ? "page" : undefined}
      className={`inline-flex min-h-11 items-center rounded-full border-2 px-4 py-1 ${current ? "border-brand-700 bg-brand-700 font-semibold text-white" : "border-gray-800 text-gray-900 underline-offset-2 hover:underline"}`}
    >
      {label}
    </Link>
  );
}

/** Sections, groups, people, teams and locations whose names hold the words (each as its own directory shows it). */
function Places({ places, q }: { places: Suggestions; q: string }) {
  const groups: { heading: string; items: { href: string; label: string; detail?: string | null }[]; more?: string }[] = [
    { heading: "Sections", items: places.sections.map((s) => ({ href: `/sections/${s.slug}`, label: s.title })) },
    { heading: "Groups", items: places.groups.map((g) => ({ href: `/groups/${g.slug}`, label: g.name })), more: `/groups?q=${encodeURIComponent(q)}` },
    { heading: "People", items: places.people.map((p) => ({ href: `/people/${p.id}`, label: p.name, detail: p.jobTitle })), more: `/people?q=${encodeURIComponent(q)}` },
    { heading: "Teams", items: places.teams.map((t) => ({ href: `/teams/${t.key}`, label: t.name })) },
    { heading: "Locations", items: places.locations.map((l) => ({ href: `/locations/${l.id}`, label: l.name })) },
  ].filter((g) => g.items.length > 0);
  if (!groups.length) return null;
  return (
    <section aria-labelledby="search-places" className="mt-6 rounded border border-gray-300 bg-gray-50 p-4">
      <h2 id="search-places" className="text-lg font-bold">
        Names that match
      </h2>
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        {groups.map((g) => (
          <div key={g.heading}>
            <h3 className="font-semibold">{g.heading}</h3>
            <ul className="mt-1 space-y-1">
              {g.items.map((item) => (
                <li key={item.href}>
                  <a href={item.href} className="text-brand-700 underline">
                    {item.label}
                  </a>
                  {item.detail ? <span className="text-sm text-gray-700">, {item.detail}</span> : null}
                </li>
              ))}
            </ul>
            {g.more && g.items.length >= SUGGEST_EACH ? (
              <p className="mt-1 text-sm">
                <a href={g.more} className="text-brand-700 underline">
                  More {g.heading.toLowerCase()}
                </a>
              </p>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  );
}
