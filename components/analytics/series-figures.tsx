import type { Bucket, SeriesPoint } from "@/lib/analytics/queries";
import { Chart, type ChartSeries } from "./chart";
import { DownloadLink } from "./download-link";
import { FigureTable } from "./figure-table";
import { BUCKET_NOUNS, BUCKET_PLURALS, bucketName, bucketTick, formatAverage, formatCount } from "./format";

const INTRANET: ChartSeries = { key: "intranet", name: "Intranet views", color: "#1d4f91" };
const EXTRANET: ChartSeries = { key: "extranet", name: "Extranet views", color: "#b45309" };
const PEOPLE: ChartSeries = { key: "people", name: "People", color: "#0f766e" };

function Key({ series }: { series: ChartSeries[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1" aria-label="Chart key">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-4 w-4 rounded-sm" style={{ backgroundColor: s.color }} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/**
 * D1: views (intranet and extranet stacked) and people over the period, each a chart with
 * its table (the chart's text alternative) and the CSV of both.
 *
 * People are counted per day (a person is one whatever they viewed that day, and counts
 * again another day): a week's or month's figure is the average a day, with the days'
 * counts added up beside it, never "distinct people", which nothing here knows.
 */
export function SeriesFigures({ series, bucket, period, csvHref }: { series: SeriesPoint[]; bucket: Bucket; period: string; csvHref: string }) {
  const by = BUCKET_PLURALS[bucket];
  const name = (p: SeriesPoint) => bucketName(p.start, bucket, p.days);
  const total = series.reduce(
    (t, p) => ({ intranet: t.intranet + p.intranetViews, extranet: t.extranet + p.extranetViews, views: t.views + p.views, personDays: t.personDays + p.personDays, days: t.days + p.days }),
    { intranet: 0, extranet: 0, views: 0, personDays: 0, days: 0 },
  );
  const daily = bucket === "day";
  const average = (p: { personDays: number; days: number }) => (p.days ? p.personDays / p.days : 0);
  return (
    <>
      <section aria-labelledby="views-heading" className="mt-10">
        <h2 id="views-heading" className="text-2xl font-bold">
          Views
        </h2>
        <p className="mt-2 max-w-prose text-gray-800">Pages viewed each {by}, {period}: by organisational people (intranet) and by external people (extranet).</p>
        <Key series={[INTRANET, EXTRANET]} />
        <Chart
          description={`Bar chart of views each ${by}, ${period}, intranet and extranet stacked: ${formatCount(total.views)} in all. The figures are in the table that follows.`}
          data={series.map((p) => ({ label: bucketTick(p.start, bucket), intranet: p.intranetViews, extranet: p.extranetViews }))}
          series={[INTRANET, EXTRANET]}
        />
        <FigureTable
          id="views-table"
          caption={`Views each ${by}, ${period}`}
          columns={[{ label: BUCKET_NOUNS[bucket] }, { label: "Intranet", numeric: true }, { label: "Extranet", numeric: true }, { label: "All views", numeric: true }]}
          rows={series.map((p) => ({ key: p.start, head: name(p), cells: [formatCount(p.intranetViews), formatCount(p.extranetViews), formatCount(p.views)] }))}
          total={{ key: "total", head: "Total", cells: [formatCount(total.intranet), formatCount(total.extranet), formatCount(total.views)] }}
        />
        <DownloadLink href={csvHref}>Download views and people each {by} (CSV)</DownloadLink>
      </section>

      <section aria-labelledby="people-heading" className="mt-10">
        <h2 id="people-heading" className="text-2xl font-bold">
          People
        </h2>
        <p className="mt-2 max-w-prose text-gray-800">
          {daily
            ? "How many people viewed pages each day. A person counts once a day however many pages they view, and again on each day they come back."
            : `How many people viewed pages on an average day of each ${by}. People are counted once a day, so a person who came on three days of a ${by} counts three times in "people each day, added up".`}
        </p>
        <Key series={[{ ...PEOPLE, name: daily ? "People that day" : "Average people a day" }]} />
        <Chart
          description={`Bar chart of ${daily ? "people each day" : `the average number of people a day, each ${by}`}, ${period}. The figures are in the table that follows.`}
          data={series.map((p) => ({ label: bucketTick(p.start, bucket), people: daily ? p.personDays : Math.round(average(p) * 10) / 10 }))}
          series={[PEOPLE]}
          decimals={!daily}
        />
        <FigureTable
          id="people-table"
          caption={`People each ${by}, ${period}`}
          columns={
            daily
              ? [{ label: BUCKET_NOUNS[bucket] }, { label: "People", numeric: true }]
              : [{ label: BUCKET_NOUNS[bucket] }, { label: "Average people a day", numeric: true }, { label: "People each day, added up", numeric: true }, { label: "Days", numeric: true }]
          }
          rows={series.map((p) => ({
            key: p.start,
            head: name(p),
            cells: daily ? [formatCount(p.personDays)] : [formatAverage(average(p)), formatCount(p.personDays), formatCount(p.days)],
          }))}
          total={{
            key: "total",
            head: "Whole period",
            cells: daily ? [`${formatAverage(average(total))} a day on average`] : [formatAverage(average(total)), formatCount(total.personDays), formatCount(total.days)],
          }}
        />
        <DownloadLink href={csvHref}>Download people and views each {by} (CSV)</DownloadLink>
      </section>
    </>
  );
}
