import Link from "next/link";
import type { ReactNode } from "react";
import type { Leader } from "@/lib/analytics/queries";
import { DownloadLink } from "./download-link";
import { FigureTable } from "./figure-table";
import { formatCount } from "./format";

/**
 * D1 D6: a list of the most viewed items, sections or groups of the period, as a table. The
 * queries list only what the viewer can view, so every row's link is one they can follow.
 */
export function LeaderSection({
  id,
  heading,
  intro,
  leaders,
  caption,
  nameLabel,
  linkOf = (l) => l.href,
  empty,
  csvHref,
  csvLabel,
}: {
  id: string;
  heading: string;
  intro?: ReactNode;
  leaders: Leader[];
  caption: string;
  nameLabel: string;
  /** Where a row's name leads: the item's page, or a section's or group's own figures. */
  linkOf?: (leader: Leader) => string;
  empty: string;
  csvHref: string;
  csvLabel: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-10">
      <h2 id={`${id}-heading`} className="text-2xl font-bold">
        {heading}
      </h2>
      {intro ? <p className="mt-2 max-w-prose text-gray-800">{intro}</p> : null}
      {leaders.length === 0 ? (
        <p className="mt-4 rounded border border-gray-300 bg-gray-50 p-4">{empty}</p>
      ) : (
        <FigureTable
          id={`${id}-table`}
          caption={caption}
          columns={[{ label: nameLabel }, { label: "Views", numeric: true }, { label: "People each day, added up", numeric: true }]}
          rows={leaders.map((l) => ({
            key: l.id,
            head: (
              <Link href={linkOf(l)} className="text-brand-700 underline">
                {l.title}
              </Link>
            ),
            cells: [formatCount(l.views), formatCount(l.personDays)],
          }))}
        />
      )}
      <DownloadLink href={csvHref}>{csvLabel}</DownloadLink>
    </section>
  );
}
