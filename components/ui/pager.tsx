import Link from "next/link";

/** Keyset paging: "Older" follows the cursor; "Newest" returns to the first page. */
export function Pager({ basePath, next, isFirstPage, label }: { basePath: string; next: string | null; isFirstPage: boolean; label: string }) {
  if (!next && isFirstPage) return null;
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap justify-between gap-4">
      {!isFirstPage ? (
        <Link href={basePath} className="inline-block min-h-11 py-3 text-brand-700 underline">
          ← Newest
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={`${basePath}?before=${encodeURIComponent(next)}`} className="inline-block min-h-11 py-3 text-brand-700 underline">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}
