import type { Metadata } from "next";
import Link from "next/link";
import { IN_ORDER, Pager } from "@/components/ui/pager";
import { forbidden } from "next/navigation";
import { formatDateTime } from "@/components/content/format";
import { PeopleTable } from "@/components/admin/users/people-table";
import { buttonClass } from "@/components/ui/button";
import { requireViewer } from "@/lib/access/viewer";
import { listPeopleForAdmin } from "@/lib/people/admin-queries";
import { FILTER_LABELS, PEOPLE_FILTERS, PEOPLE_SORTS, SORT_LABELS, peopleListParams } from "@/lib/people/schemas";
import { FilterSearch, FilterSelect } from "@/components/ui/filter-select";

export const metadata: Metadata = { title: "People" };

/** M1: the user management table, webmasters only (403 for everyone else, decided in the query layer). */
export default async function PeopleAdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireViewer()]);
  const params = peopleListParams.parse({
    filter: typeof raw.filter === "string" ? raw.filter : undefined,
    sort: typeof raw.sort === "string" ? raw.sort : undefined,
    q: typeof raw.q === "string" ? raw.q : "",
    after: typeof raw.after === "string" ? raw.after : undefined,
  });
  const result = await listPeopleForAdmin(viewer, params);
  if (result.status === "forbidden") forbidden();

  const base = new URLSearchParams();
  if (params.filter !== "all") base.set("filter", params.filter);
  if (params.sort !== "name") base.set("sort", params.sort);
  if (params.q) base.set("q", params.q);

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">People</h1>
        <Link href="/admin/users/new" className={buttonClass.primary}>
          Add a person
        </Link>
      </div>
      <form method="get" action="/admin/users" className="mt-6 grid gap-4 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end" aria-label="Filter and search people">
        <FilterSelect id="people-filter" name="filter" label="Show" value={params.filter} options={PEOPLE_FILTERS.map((f) => ({ value: f, label: FILTER_LABELS[f] }))} />
        <FilterSelect id="people-sort" name="sort" label="Sort by" value={params.sort} options={PEOPLE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))} />
        <FilterSearch id="people-q" label="Search by name or e-mail" value={params.q} maxLength={200} />
        <button type="submit" className={buttonClass.secondary}>
          Apply
        </button>
      </form>
      <p className="mt-4" role="status">
        {FILTER_LABELS[params.filter]}
        {params.q ? ` matching “${params.q}”` : ""}, sorted by {SORT_LABELS[params.sort].toLowerCase()}
        {params.after ? " (a later page)" : ""}.
      </p>
      {result.rows.length === 0 ? (
        <p className="mt-6 rounded border border-gray-300 bg-gray-50 p-4">{params.after ? "There are no more people." : "No people match."}</p>
      ) : (
        <PeopleTable
          filter={params.filter}
          filterLabel={FILTER_LABELS[params.filter]}
          viewerId={viewer.id}
          rows={result.rows.map((r) => ({ id: r.id, name: r.name, email: r.email, audience: r.audience, roles: r.roles, status: r.status, lastAccess: r.lastAccessAt ? formatDateTime(r.lastAccessAt) : "Never" }))}
        />
      )}
      <Pager basePath="/admin/users" next={result.next} isFirstPage={!params.after} label="People pages" params={Object.fromEntries(base)} cursorParam="after" words={IN_ORDER} />
    </>
  );
}
