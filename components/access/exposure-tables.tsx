/**
 * B4: the exposure report's two tables, sections and groups: each row a place, its published
 * items, (for a team or organisation) how many of its people, and every way in. A person's
 * rows link to the explainer, which says each way in full.
 */
import Link from "next/link";
import type { ExposedGroup, ExposedSection, ExposureReason, ExposureReport } from "@/lib/access/exposure/types";
import type { FilteredExposure } from "@/lib/exposure/queries";
import { PAGE_SIZE } from "@/lib/exposure/schemas";
import { sectionName } from "./explain-words";
import { reasonWords } from "./exposure-words";

const cell = "py-3 pr-4";
const number = (n: number) => n.toLocaleString("en-GB");

interface Row {
  key: number;
  name: string;
  href: string | null;
  badge: string | null;
  items: number;
  people: number | null;
  reasons: ExposureReason[];
  /** The explainer's target ("section:12"), on a person's report. */
  target: string;
}

interface Table {
  rows: Row[];
  total: number;
  page: number;
  pages: number;
}

function ExposureTable({ report, id, heading, caption, verb, table, empty }: { report: ExposureReport; id: string; heading: string; caption: string; verb: string; table: Table; empty: string }) {
  const { subject } = report;
  const many = subject.kind !== "person";
  const first = (table.page - 1) * PAGE_SIZE + 1;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-2xl font-bold">
        {heading}
      </h2>
      {table.total ? (
        <p className="mt-1 text-sm text-gray-700">
          {table.pages > 1 ? `${heading} ${number(first)}–${number(first + table.rows.length - 1)} of ${number(table.total)}` : `${number(table.total)} in all`}
        </p>
      ) : null}
      {table.rows.length ? (
        <div className="mt-2 relative overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr className="border-b-2 border-gray-800">
                <th scope="col" className="py-2 pr-4">{heading.replace(/s$/, "")}</th>
                <th scope="col" className="py-2 pr-4">Published items</th>
                {many ? <th scope="col" className="py-2 pr-4">People</th> : null}
                <th scope="col" className="py-2 pr-4">How</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key} className="border-b border-gray-300 align-top">
                  <th scope="row" className={`${cell} font-normal`}>
                    {row.href ? (
                      <Link href={row.href} className="text-brand-700 underline">
                        {row.name}
                      </Link>
                    ) : (
                      row.name
                    )}
                    {row.badge ? <span className="ml-2 rounded bg-gray-100 px-1 text-sm text-gray-800">{row.badge}</span> : null}
                  </th>
                  <td className={cell}>{number(row.items)}</td>
                  {many ? <td className={cell}>{row.people === null ? "" : number(row.people)}</td> : null}
                  <td className={cell}>
                    <ul className="space-y-1">
                      {row.reasons.map((r, i) => (
                        <li key={i}>{reasonWords(r, subject.kind)}</li>
                      ))}
                    </ul>
                    {subject.kind === "person" ? (
                      <Link href={`/access/explain?target=${encodeURIComponent(row.target)}&person=${subject.key}`} className="mt-1 inline-block text-sm text-brand-700 underline">
                        Explain<span className="sr-only"> why {subject.name} can {verb} {row.name}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-2 text-gray-700">{empty}</p>
      )}
    </section>
  );
}

const sectionRow = (s: ExposedSection): Row => ({
  key: s.section.id,
  name: sectionName(s.section),
  href: s.section.href,
  badge: s.restricted ? "Restricted" : null,
  items: s.items,
  people: s.people,
  reasons: s.reasons,
  target: `section:${s.section.id}`,
});

const groupRow = (g: ExposedGroup): Row => ({
  key: g.group.id,
  name: g.group.name ?? "A group you cannot see",
  href: g.group.href,
  badge: g.group.visibility.charAt(0).toUpperCase() + g.group.visibility.slice(1),
  items: g.items,
  people: g.people,
  reasons: g.reasons,
  target: `group:${g.group.id}`,
});

export function ExposedSectionsTable({ report, table, empty }: { report: ExposureReport; table: FilteredExposure["sections"]; empty: string }) {
  return (
    <ExposureTable
      report={report}
      id="exposure-sections"
      heading="Sections"
      caption={`Sections ${report.subject.name} can view, and how`}
      verb="view"
      table={{ ...table, rows: table.rows.map(sectionRow) }}
      empty={empty}
    />
  );
}

export function ExposedGroupsTable({ report, table, empty }: { report: ExposureReport; table: FilteredExposure["groups"]; empty: string }) {
  return (
    <ExposureTable
      report={report}
      id="exposure-groups"
      heading="Groups"
      caption={`Groups whose content ${report.subject.name} can read, and how`}
      verb="read"
      table={{ ...table, rows: table.rows.map(groupRow) }}
      empty={empty}
    />
  );
}
