import type { Metadata } from "next";
import Link from "next/link";
import { QueryList } from "@/components/queries/query-list";
import { buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { requireExternalApp } from "@/lib/access/external-guard";
import { listQueries } from "@/lib/queries-app/queries";
import { QUERY_SCOPES, QUERY_STATUS_FILTERS, SCOPE_LABELS, STATUS_FILTER_LABELS, queryListParams } from "@/lib/queries-app/schemas";
import { FilterSelect } from "@/components/ui/filter-select";
import { recordView } from "@/lib/analytics/record";

export const metadata: Metadata = { title: "Queries" };

/**
 * G4 G8 E5: every query the viewer may read — questions to the organisation, readable by
 * everyone who may use Queries — filtered by status and by whose, newest first, in keyset
 * pages. 404 for anyone who may not use the app (requireExternalApp).
 */
export default async function QueriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireExternalApp("queries")]);
  const params = queryListParams(raw);
  const page = await listQueries(viewer, params);
  recordView(viewer, { page: "app", app: "queries" }); // D1

  const kept: Record<string, string> = {};
  if (params.status !== "all") kept.status = params.status;
  if (params.scope !== "all") kept.scope = params.scope;

  const empty = params.before ? (
    <p>There are no more queries.</p>
  ) : params.scope === "queue" ? (
    <p>No queries{params.status === "all" ? "" : ` (${STATUS_FILTER_LABELS[params.status].toLowerCase()})`} were sent to your teams.</p>
  ) : params.scope === "mine" ? (
    <p>You have not asked any{params.status === "all" ? "" : ` ${STATUS_FILTER_LABELS[params.status].toLowerCase()}`} queries yet.</p>
  ) : (
    <p>There are no{params.status === "all" ? "" : ` ${STATUS_FILTER_LABELS[params.status].toLowerCase()}`} queries yet.</p>
  );

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-3xl font-bold">Queries</h1>
        <Link href="/queries/new" className={buttonClass.primary}>
          Ask a query
        </Link>
      </div>
      <p className="mt-3 max-w-prose text-lg text-gray-800">
        Questions to the organisation, each sent to a team that answers it. Queries and their answers can be read by everyone who uses Queries.
      </p>
      <form method="get" action="/queries" className="mt-6 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label="Filter queries">
        <FilterSelect id="queries-scope" name="scope" label="Show" value={params.scope} options={QUERY_SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))} />
        <FilterSelect id="queries-status" name="status" label="Status" value={params.status} options={QUERY_STATUS_FILTERS.map((s) => ({ value: s, label: STATUS_FILTER_LABELS[s] }))} />
        <button type="submit" className={buttonClass.secondary}>
          Apply
        </button>
      </form>
      <p className="mt-4" role="status">
        {SCOPE_LABELS[params.scope]}
        {params.status === "all" ? "" : `, ${STATUS_FILTER_LABELS[params.status].toLowerCase()}`}, newest first{params.before ? " (an older page)" : ""}.
      </p>
      <QueryList rows={page.items} empty={empty} />
      <Pager basePath="/queries" next={page.next} isFirstPage={!params.before} label="Query pages" params={kept} />
    </>
  );
}
