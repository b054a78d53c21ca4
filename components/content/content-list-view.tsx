"use client";

import { ItemPlace } from "@/components/content/item-place";

/** One listed item as the server prepared it: every string final, dates already formatted. */
export interface ListedItem {
  id: string;
  typeLabel: string;
  title: string;
  draft: boolean;
  section: { slug: string; title: string } | null;
  /** The home group, when the viewer may see it (G6); shown instead of a section it is shared into. */
  group: { slug: string; name: string } | null;
  /** C7: an event's dates, written once (formatEventRange). */
  eventWhen: string | null;
  /** C7: the event is over: labelled "Ended" in words, not by colour alone. */
  eventEnded: boolean;
  excerpt: string;
  dateLine: string;
  /** K1: "N comments", or null for none. */
  comments: string | null;
}

/**
 * The markup of a content list. A client component only so that the server sends the
 * listed items as data (about 200 bytes each) rather than as a tree of elements: React's
 * server renderer splits a large element tree into a row per element once a row passes
 * 3 200 bytes, and each such row is scheduled, streamed and parsed on its own, which cost
 * more than everything else the section page and the feed do (bench/README.md, Session 5).
 */
export function ContentListView({ items }: { items: ListedItem[] }) {
  return (
    <ul className="mt-4 divide-y divide-gray-300 border-y border-gray-300">
      {items.map((item) => (
        <li key={item.id} className="py-4">
          <p className="text-sm text-gray-700">
            <span className="font-semibold">{item.typeLabel}</span>
            {item.draft ? <span className="ml-2 rounded bg-yellow-200 px-2 py-0.5 text-xs font-bold uppercase text-gray-900">Draft</span> : null}
            <ItemPlace section={item.section} group={item.group} />
          </p>
          <h3 className="mt-1 text-lg font-bold">
            <a href={`/content/${item.id}`} className="text-brand-700 underline underline-offset-2 hover:no-underline">
              {item.title}
            </a>
          </h3>
          {item.eventWhen ? (
            <p className="text-sm">
              {item.eventEnded ? <span className="mr-2 rounded border border-gray-700 px-2 py-0.5 text-xs font-bold uppercase text-gray-900">Ended</span> : null}
              {item.eventWhen}
            </p>
          ) : null}
          {item.excerpt ? <p className="mt-1 text-gray-800">{item.excerpt}</p> : null}
          <p className="mt-1 text-sm text-gray-700">
            {item.dateLine}
            {item.comments ? <> · {item.comments}</> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
