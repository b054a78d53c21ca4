import type { ContentSummary } from "@/lib/content/queries";
import { TYPE_LABELS, formatDate, formatDateTime } from "./format";

/**
 * A list of items the viewer can view; the caller's query has already applied access (C3).
 * Plain links, not next/link: a listing links to dozens of dynamic pages, and next/link would
 * prefetch each one in view (a server render apiece) and render a client component per link.
 */
export function ContentList({ items, empty, showStatus = false }: { items: ContentSummary[]; empty: string; showStatus?: boolean }) {
  if (!items.length) return <p className="mt-4 text-gray-700">{empty}</p>;
  return (
    <ul className="mt-4 divide-y divide-gray-300 border-y border-gray-300">
      {items.map((item) => (
        <li key={item.id} className="py-4">
          <p className="text-sm text-gray-700">
            <span className="font-semibold">{TYPE_LABELS[item.type]}</span>
            {showStatus && item.status === "draft" ? (
              <span className="ml-2 rounded bg-yellow-200 px-2 py-0.5 text-xs font-bold uppercase text-gray-900">Draft</span>
            ) : null}
            {item.section ? (
              <>
                {" in "}
                <a href={`/sections/${item.section.slug}`} className="text-brand-700 underline">
                  {item.section.title}
                </a>
              </>
            ) : null}
          </p>
          <h3 className="mt-1 text-lg font-bold">
            <a href={`/content/${item.id}`} className="text-brand-700 underline underline-offset-2 hover:no-underline">
              {item.title}
            </a>
          </h3>
          {item.type === "event" && item.eventStartsAt ? <p className="text-sm">{formatDateTime(item.eventStartsAt)}</p> : null}
          {item.excerpt ? <p className="mt-1 text-gray-800">{item.excerpt}</p> : null}
          <p className="mt-1 text-sm text-gray-700">
            {item.publishedAt ? `Published ${formatDate(item.publishedAt)}` : `Last changed ${formatDate(item.updatedAt)}`}
          </p>
        </li>
      ))}
    </ul>
  );
}
