"use client";
/**
 * D1: the last half hour of a scope, refreshed every 30 seconds without reloading the page
 * (GET /api/analytics/live, polled through React Query), and only while the tab is visible.
 * Screen readers hear the one summary line when its figures change (aria-live polite), never
 * the table or the time of each refresh.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryClientScope } from "@/components/ui/query-client-scope";
import type { LiveView } from "@/lib/analytics/live";
import { Chart } from "./chart";
import { FigureTable } from "./figure-table";
import { formatCount, plural } from "./format";

export const LIVE_POLL_MS = 30_000;

async function fetchLive(scope: string): Promise<LiveView> {
  const response = await fetch(`/api/analytics/live?scope=${encodeURIComponent(scope)}`, { cache: "no-store", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as LiveView;
}

function LiveFigures({ scope, initial }: { scope: string; initial: LiveView }) {
  const { data, isError } = useQuery({
    queryKey: ["analytics", "live", scope],
    queryFn: () => fetchLive(scope),
    initialData: initial,
    initialDataUpdatedAt: Date.now(),
    staleTime: 0,
    refetchInterval: LIVE_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    retry: false,
  });
  const live = data;
  return (
    <>
      <p aria-live="polite" className="mt-4 text-xl font-semibold">
        {plural(live.views, "view", "views")} by {plural(live.people, "person", "people")} in the last 30 minutes.
      </p>
      <p className="mt-1 text-gray-800">
        As of {live.asOf}, refreshed every 30 seconds while this page is open.{" "}
        <span role="status">{isError ? "The latest refresh failed: these figures may be out of date." : ""}</span>
      </p>
      <Chart
        height={140}
        description={`Bar chart of views in each of the last 30 minutes, ${formatCount(live.views)} in all. The figures are in the table that follows.`}
        data={live.minutes.map((m) => ({ label: m.label, views: m.views }))}
        series={[{ key: "views", name: "Views", color: "#1d4f91" }]}
      />
      <details className="mt-2">
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-700 underline">Views minute by minute, as a table</summary>
        <FigureTable
          id="live-minutes"
          caption="Views in each of the last 30 minutes"
          columns={[{ label: "Minute" }, { label: "Views", numeric: true }]}
          rows={live.minutes.map((m) => ({ key: m.label, head: m.label, cells: [formatCount(m.views)] }))}
        />
      </details>
      <h3 className="mt-6 text-xl font-bold">Being read now</h3>
      {live.items.length === 0 ? (
        <p className="mt-2">No content has been read in the last 30 minutes.</p>
      ) : (
        <FigureTable
          id="live-items"
          caption="The most read content of the last 30 minutes"
          columns={[{ label: "Content" }, { label: "Views", numeric: true }, { label: "People", numeric: true }]}
          rows={live.items.map((i) => ({
            key: i.href,
            head: (
              <Link href={i.href} className="text-brand-700 underline">
                {i.title}
              </Link>
            ),
            cells: [formatCount(i.views), formatCount(i.people)],
          }))}
        />
      )}
    </>
  );
}

export function LivePanel({ scope, initial }: { scope: string; initial: LiveView }) {
  return (
    <QueryClientScope>
      <LiveFigures scope={scope} initial={initial} />
    </QueryClientScope>
  );
}
