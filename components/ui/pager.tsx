import Link from "next/link";

/** Keyset paging: "Older" follows the cursor; "Newest" returns to the first page. */
export function Pager({
  basePath,
  next,
  isFirstPage,
  label,
  params = {},
  cursorParam = "before",
  labels = { first: "← Newest", next: "Older →" },
}: {
  basePath: string;
  next: string | null;
  isFirstPage: boolean;
  label: string;
  /** Query parameters every page keeps (e.g. filters). */
  params?: Record<string, string>;
  /** The query parameter holding the cursor: a page with two listings pages each by its own. */
  cursorParam?: string;
  /** The links' words, for a listing that is not newest first. */
  labels?: { first: string; next: string };
}) {
  if (!next && isFirstPage) return null;
  const kept = Object.entries(params).filter(([, v]) => v !== "");
  const href = (extra: [string, string][]) => {
    const query = new URLSearchParams([...kept, ...extra]).toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap justify-between gap-4">
      {!isFirstPage ? (
        <Link href={href([])} className="inline-block min-h-11 py-3 text-brand-700 underline">
          {labels.first}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={href([[cursorParam, next]])} className="inline-block min-h-11 py-3 text-brand-700 underline">
          {labels.next}
        </Link>
      ) : null}
    </nav>
  );
}
