import { type EventView, type PlaceFilter, eventsHref } from "@/lib/content/event-params";

/**
 * C7: the events page's two views, as plain links (no script): the month's grid and the list,
 * each keeping the place chosen; the one shown is marked as the current page.
 */
export function EventViews({ view, month, place }: { view: EventView; month: string; place: PlaceFilter | null }) {
  const views: { view: EventView; label: string; href: string }[] = [
    { view: "month", label: "Month", href: eventsHref({ view: "month", month, place }) },
    { view: "list", label: "List", href: eventsHref({ view: "list", place }) },
  ];
  return (
    <nav aria-label="Event views" className="mt-4">
      <ul className="flex flex-wrap gap-2">
        {views.map((v) => (
          <li key={v.view}>
            <a
              href={v.href}
              aria-current={v.view === view ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded border-2 px-4 font-semibold ${
                v.view === view ? "border-gray-900 bg-gray-900 text-white" : "border-gray-800 bg-white text-brand-700 underline"
              }`}
            >
              {v.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
