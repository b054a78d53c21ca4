import Link from "next/link";

const NEWEST = { first: "← Newest", next: "Older →" };
/** For lists in name order (directories, members). */
export const IN_ORDER = { first: "← First page", next: "Next page →" };

/**
 * Keyset paging: the next link follows the cursor; the first returns to the first page.
 * Listings newest first use `before` and say "Older"; lists in name order use `after`
 * (`cursorParam`) and IN_ORDER's words.
 */
export function Pager({
  basePath,
  next,
  isFirstPage,
  label,
  params = {},
  cursorParam = "before",
  words = NEWEST,
  fragment = "",
}: {
  basePath: string;
  next: string | null;
  isFirstPage: boolean;
  label: string;
  /** Query parameters every page keeps (e.g. filters). */
  params?: Record<string, string>;
  /** The query parameter holding the cursor: a page with two listings pages each by its own. */
  cursorParam?: string;
  words?: { first: string; next: string };
  /** Where on the page the links land ("#members"). */
  fragment?: string;
}) {
  if (!next && isFirstPage) return null;
  const kept = Object.entries(params).filter(([, v]) => v !== "");
  const href = (extra: [string, string][]) => {
    const query = new URLSearchParams([...kept, ...extra]).toString();
    return `${query ? `${basePath}?${query}` : basePath}${fragment}`;
  };
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap justify-between gap-4">
      {!isFirstPage ? (
        <Link href={href([])} className="inline-block min-h-11 py-3 text-brand-700 underline">
          {words.first}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={href([[cursorParam, next]])} className="inline-block min-h-11 py-3 text-brand-700 underline">
          {words.next}
        </Link>
      ) : null}
    </nav>
  );
}
