import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { FigureTable } from "@/components/analytics/figure-table";
import { type ScopeOptionGroup, FiguresForm } from "@/components/analytics/figures-form";
import { DownloadLink } from "@/components/analytics/download-link";
import { formatAverage, formatCount, formatDay } from "@/components/analytics/format";
import { LeaderSection } from "@/components/analytics/leaders";
import { LivePanel } from "@/components/analytics/live-panel";
import { AnalyticsRetentionForm } from "@/components/analytics/retention-form";
import { MatomoForm } from "@/components/analytics/matomo-form";
import { SeriesFigures } from "@/components/analytics/series-figures";
import { requireViewer } from "@/lib/access/viewer";
import { dayOf } from "@/lib/analytics/day";
import { presentLive } from "@/lib/analytics/live";
import { APP_LABELS, AUDIENCE_LABELS, AUDIENCE_PARAMS, PRESETS, audienceFor, autoBucket, exportHref, figuresQuery, offersAudience, parseFigures, parseScope } from "@/lib/analytics/params";
import { ANALYTICS_APPS, analyticsChoices, liveFigures, searchesWithoutResults, topContent, topPlaces, viewSeries } from "@/lib/analytics/queries";
import { defaultScope, describeScope, hasChoices } from "@/lib/analytics/scope";
import { getAnalyticsRetention, getMatomo } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Analytics" };

type Search = Record<string, string | string[] | undefined>;

const TOP = 20;

/**
 * D1 D6: usage figures, counts only: webmasters everything, section managers their sections,
 * group admins their groups. 403 for people who run nothing (as the access explainer); a
 * scope the viewer may not see answers exactly as an unknown one (404), so nobody learns a
 * section or group exists from here. The address says what is shown (./params.ts).
 */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [params, viewer] = await Promise.all([searchParams, requireViewer()]);
  const choices = viewer.audience === "organisational" ? await analyticsChoices(viewer) : null;
  if (!choices || !hasChoices(choices)) forbidden();
  const scope = params.scope === undefined ? defaultScope(choices) : parseScope(typeof params.scope === "string" ? params.scope : null);
  const info = scope ? await describeScope(viewer, scope) : null;
  if (!info) notFound();

  const now = new Date();
  const today = dayOf(now);
  const { choices: figures, errors, typed } = parseFigures(params, today);
  const { range, bucket } = figures;
  const site = info.scope.kind === "site";
  const audience = audienceFor(viewer, info.scope, figures.audience);
  const filter = AUDIENCE_PARAMS[audience];
  const [series, content, topSections, topGroups, searches, live, retention, matomo] = await Promise.all([
    viewSeries(viewer, info.scope, range, bucket, filter),
    info.scope.kind === "app" ? null : topContent(viewer, info.scope, range, TOP, filter),
    site ? topPlaces(viewer, "section", range, TOP, filter) : null,
    site ? topPlaces(viewer, "group", range, TOP, filter) : null,
    site ? searchesWithoutResults(viewer, range, TOP, filter) : null,
    liveFigures(viewer, info.scope, now),
    site && viewer.isWebmaster ? getAnalyticsRetention() : null,
    site && viewer.isWebmaster ? getMatomo() : null,
  ]);
  // The permission was checked above; a change in between reads as the scope gone.
  if (!series || !live) notFound();

  const period = figures.period === "custom" ? `${formatDay(range.from)} to ${formatDay(range.to)}` : `${PRESETS[figures.period].toLowerCase()} (${formatDay(range.from)} to ${formatDay(range.to)})`;
  const shown = { ...figures, audience };
  const csv = (view: string) => exportHref(view, info.param, shown);
  const scopeHref = (param: string) => `/analytics?${figuresQuery(param, shown)}`;
  const totals = series.reduce((t, p) => ({ views: t.views + p.views, personDays: t.personDays + p.personDays, days: t.days + p.days }), { views: 0, personDays: 0, days: 0 });

  const scopes: ScopeOptionGroup[] = [];
  if (choices.site) {
    scopes.push({ label: "The site", options: [{ value: "site", label: "The whole site" }] });
    scopes.push({ label: "Apps", options: ANALYTICS_APPS.map((app) => ({ value: `app:${app}`, label: APP_LABELS[app] })) });
  }
  if (choices.sections.length) scopes.push({ label: "Your sections", options: choices.sections.map((s) => ({ value: `section:${s.id}`, label: s.title })) });
  if (choices.groups.length) scopes.push({ label: "Your groups", options: choices.groups.map((g) => ({ value: `group:${g.id}`, label: g.name })) });
  // A webmaster who came from the site's top sections or groups: the scope they opened.
  if (!scopes.some((g) => g.options.some((o) => o.value === info.param))) scopes.push({ label: "Chosen", options: [{ value: info.param, label: info.name }] });

  return (
    <>
      <h1 className="text-3xl font-bold">Analytics</h1>
      <p className="mt-2 max-w-prose text-lg">
        Figures for{" "}
        {info.href ? (
          <Link href={info.href} className="font-semibold text-brand-700 underline">
            {info.name}
          </Link>
        ) : (
          <strong>{info.name}</strong>
        )}
        , {period}
        {audience === "all" ? "" : `, ${AUDIENCE_LABELS[audience].toLowerCase()} only`}.
      </p>
      <p className="mt-2 max-w-prose text-gray-800">
        Counts only: Portico never records who viewed what. Content you cannot view yourself is left out of every list. Today&apos;s figures so far are counted again
        every few minutes.
      </p>

      <FiguresForm scope={info.param} scopes={scopes} choices={figures} autoBucket={autoBucket(range, figures.period)} errors={errors} typed={typed} audience={offersAudience(viewer, info.scope)} />

      <section aria-labelledby="totals-heading" className="mt-10">
        <h2 id="totals-heading" className="text-2xl font-bold">
          In this period
        </h2>
        <dl className="mt-4 grid gap-4 sm:grid-cols-2">
          <div className="rounded border-2 border-gray-300 p-4">
            <dt className="font-semibold">Views</dt>
            <dd className="text-3xl font-bold">{formatCount(totals.views)}</dd>
          </div>
          <div className="rounded border-2 border-gray-300 p-4">
            <dt className="font-semibold">People a day, on average</dt>
            <dd className="text-3xl font-bold">{formatAverage(totals.days ? totals.personDays / totals.days : 0)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="live-heading" className="mt-10">
        <h2 id="live-heading" className="text-2xl font-bold">
          Now: the last 30 minutes
        </h2>
        <LivePanel scope={info.param} initial={presentLive(live, now)} />
      </section>

      <SeriesFigures series={series} bucket={bucket} period={period} csvHref={csv("series")} />

      {content ? (
        <LeaderSection
          id="content"
          heading="Most viewed content"
          leaders={content}
          caption={`The ${TOP} most viewed items, ${period}`}
          nameLabel="Content"
          empty="No content was viewed in this period, or none that you can view."
          csvHref={csv("content")}
          csvLabel="Download the most viewed content (CSV, up to 100 items)"
        />
      ) : null}
      {topSections ? (
        <LeaderSection
          id="sections"
          heading="Most viewed sections"
          intro="Each section's own pages and the content homed in it. Choose a section for its own figures."
          leaders={topSections}
          caption={`The ${TOP} most viewed sections, ${period}`}
          nameLabel="Section"
          linkOf={(l) => scopeHref(`section:${l.id}`)}
          empty="No section was viewed in this period."
          csvHref={csv("sections")}
          csvLabel="Download the most viewed sections (CSV, up to 100)"
        />
      ) : null}
      {topGroups ? (
        <LeaderSection
          id="groups"
          heading="Most viewed groups"
          intro="Each group's own pages and the content homed in it. Choose a group for its own figures."
          leaders={topGroups}
          caption={`The ${TOP} most viewed groups, ${period}`}
          nameLabel="Group"
          linkOf={(l) => scopeHref(`group:${l.id}`)}
          empty="No group was viewed in this period."
          csvHref={csv("groups")}
          csvLabel="Download the most viewed groups (CSV, up to 100)"
        />
      ) : null}
      {searches ? (
        <section aria-labelledby="searches-heading" className="mt-10">
          <h2 id="searches-heading" className="text-2xl font-bold">
            Searches that found nothing
          </h2>
          <p className="mt-2 max-w-prose text-gray-800">
            What people searched for and found nothing, most asked first: content that may be missing, or named differently. Only organisational people can search.
          </p>
          {searches.length === 0 ? (
            <p className="mt-4 rounded border border-gray-300 bg-gray-50 p-4">Every search in this period found something.</p>
          ) : (
            <FigureTable
              id="searches-table"
              caption={`The ${TOP} searches most often without results, ${period}`}
              columns={[{ label: "Searched for" }, { label: "Searches", numeric: true }]}
              rows={searches.map((s) => ({ key: s.term, head: <span className="break-all">{s.term}</span>, cells: [formatCount(s.searches)] }))}
            />
          )}
          <DownloadLink href={csv("searches")}>Download the searches that found nothing (CSV, up to 100)</DownloadLink>
        </section>
      ) : null}

      {retention ? (
        <SettingSection
          id="retention"
          heading="How long figures are kept"
          intro={`Each day's figures are kept for ${retention.months} ${retention.months === 1 ? "month" : "months"}, then deleted. Single page views, which never name the person, are deleted after a week.`}
        >
          <AnalyticsRetentionForm months={retention.months} />
        </SettingSection>
      ) : null}

      {matomo ? (
        <SettingSection
          id="matomo"
          heading="Send page views to Matomo"
          intro={`${matomo.url ? `Page views are sent to ${matomo.url} as site ${matomo.siteId}, as well as counted here.` : "Page views are counted here only."} If your organisation runs Matomo, Portico's server can send it each page view too, with no script in anyone's browser. Matomo is told the page's address, intranet or extranet, the kind of page, an id for the person that changes every day (never who they are), and what a search that found nothing asked for; never a title.`}
        >
          <MatomoForm url={matomo.url} siteId={matomo.siteId} />
        </SettingSection>
      ) : null}
    </>
  );
}

/** A webmaster's setting below the figures: its heading, what it does, its form. */
function SettingSection({ id, heading, intro, children }: { id: string; heading: string; intro: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-12 border-t-2 border-gray-300 pt-6">
      <h2 id={`${id}-heading`} className="text-2xl font-bold">
        {heading}
      </h2>
      <p className="mt-2 max-w-prose text-gray-800">{intro}</p>
      {children}
    </section>
  );
}
