import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ExposureForm } from "@/components/access/exposure-form";
import { ExposedGroupsTable, ExposedSectionsTable } from "@/components/access/exposure-tables";
import { summaryWords } from "@/components/access/exposure-words";
import { buttonClass } from "@/components/ui/button";
import { FilterSearch, FilterSelect } from "@/components/ui/filter-select";
import { requireViewer } from "@/lib/access/viewer";
import { choiceOf, filterExposure, getExposure, mayReportExposure } from "@/lib/exposure/queries";
import { FILTER_MAX, SHOW, SHOW_LABELS, THROUGH, THROUGH_LABELS, filterParams, filtersFromParams, subjectFromParams, subjectParams } from "@/lib/exposure/schemas";

export const metadata: Metadata = { title: "Exposure report" };

/**
 * B4: everything a person, a team or a partner organisation can view — every section and group,
 * how many published items, and every way in — filterable and exportable as CSV. Webmasters only.
 */
export default async function ExposurePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireViewer()]);
  if (!(await mayReportExposure(viewer))) forbidden();
  const subject = subjectFromParams(raw);
  const asked = raw.person !== undefined || raw.team !== undefined || raw.organisation !== undefined;
  const answer = subject ? await getExposure(viewer, subject) : null;
  const report = answer?.status === "ok" ? answer.value : null;
  const { filters, problems } = filtersFromParams(raw);
  const shown = report ? filterExposure(report, filters) : null;
  const kept = report && subject ? { ...subjectParams(subject), ...filterParams(filters) } : {};
  const exportHref = `/access/exposure/export?${new URLSearchParams(kept).toString()}`;
  const pageHref = (extra: Record<string, string>) => `/access/exposure?${new URLSearchParams({ ...kept, ...extra }).toString()}`;
  const filtered = filters.q !== "" || filters.through !== "";

  return (
    <>
      <h1 className="text-3xl font-bold">Exposure report</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Everything a person, a team or a partner organisation can view: every section and group, how many published items are there, and every way in. The
        sections are decided exactly as the pages decide them.
      </p>
      <ExposureForm initial={report ? choiceOf(report) : null} />
      {asked && !report ? (
        <p role="status" className="mt-6 border-l-4 border-amber-500 bg-amber-50 p-4">
          There is no such person, team or partner organisation (a partner organisation is named by its external people). Choose one again from the list.
        </p>
      ) : null}
      {report && shown && subject ? (
        <div data-testid="exposure-report">
          <h2 className="mt-8 text-2xl font-bold">
            {report.subject.href ? (
              <Link href={report.subject.href} className="text-brand-700 underline">
                {report.subject.name}
              </Link>
            ) : (
              report.subject.name
            )}
          </h2>
          <p className="mt-2 max-w-prose text-lg">{summaryWords(report)}</p>
          {problems.length ? (
            <ul role="status" className="mt-4 list-disc border-l-4 border-amber-500 bg-amber-50 py-3 pl-8 pr-4">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <form method="get" action="/access/exposure" className="mt-6 flex flex-wrap items-end gap-4" aria-label="Filter the report">
            {Object.entries(subjectParams(subject)).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <FilterSearch id="exposure-q" label="Name contains" value={filters.q} maxLength={FILTER_MAX} />
            <FilterSelect id="exposure-through" name="through" label="Access through" value={filters.through} anyLabel="Any way in" options={THROUGH.map((t) => ({ value: t, label: THROUGH_LABELS[t] }))} />
            <FilterSelect id="exposure-show" name="show" label="Show" value={filters.show} options={SHOW.map((s) => ({ value: s, label: SHOW_LABELS[s] }))} />
            <button type="submit" className={buttonClass.secondary}>
              Filter
            </button>
            <a href={exportHref} className={buttonClass.secondary} download>
              Download as CSV
            </a>
          </form>
          {filters.show !== "groups" ? (
            <>
              <ExposedSectionsTable report={report} table={shown.sections} empty={filtered ? "No section matches the filters." : "No section."} />
              <TablePager name="spage" table={shown.sections} href={pageHref} label="Pages of sections" />
            </>
          ) : null}
          {filters.show !== "sections" && report.subject.kind !== "team" ? (
            <>
              <ExposedGroupsTable report={report} table={shown.groups} empty={filtered ? "No group matches the filters." : "No group."} />
              <TablePager name="gpage" table={shown.groups} href={pageHref} label="Pages of groups" />
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function TablePager({ name, table, href, label }: { name: string; table: { page: number; pages: number }; href: (extra: Record<string, string>) => string; label: string }) {
  if (table.pages < 2) return null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap justify-between gap-4">
      {table.page > 1 ? (
        <Link href={href({ [name]: String(table.page - 1) })} className="inline-block min-h-11 py-3 text-brand-700 underline">
          ← Previous page
        </Link>
      ) : (
        <span />
      )}
      <span className="py-3">
        Page {table.page} of {table.pages}
      </span>
      {table.page < table.pages ? (
        <Link href={href({ [name]: String(table.page + 1) })} className="inline-block min-h-11 py-3 text-brand-700 underline">
          Next page →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
