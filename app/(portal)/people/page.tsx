import type { Metadata } from "next";
import Link from "next/link";
import { PersonCards } from "@/components/people/person-cards";
import { buttonClass } from "@/components/ui/button";
import { IN_ORDER, Pager } from "@/components/ui/pager";
import { externalMayUse } from "@/lib/access/external-access";
import { requireExternalApp } from "@/lib/access/external-guard";
import { listDirectoryChoices, listPeople } from "@/lib/people/directory";
import { AUDIENCE_FILTERS, AUDIENCE_FILTER_LABELS, PEOPLE_SEARCH_MAX, peopleDirectoryParams } from "@/lib/people/directory-params";
import { FilterSelect, filterFieldClass } from "@/components/ui/filter-select";
import { recordView } from "@/lib/analytics/record";

export const metadata: Metadata = { title: "People" };

/**
 * P6 E4 E5: the people directory. Organisational people and webmasters always; external
 * people only with the Users switch (otherwise 404, and the header has no link). Who is
 * listed is decided in the query (mayViewProfile: never a blocked person, webmasters aside).
 */
export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireExternalApp("users")]);
  const params = peopleDirectoryParams(raw, viewer);
  recordView(viewer, { page: "directory", path: "/people" }); // D1
  const [choices, locationsLinked] = await Promise.all([listDirectoryChoices(viewer, params.team), externalMayUse(viewer, "locations")]);
  const offersAudience = viewer.isWebmaster || viewer.audience === "organisational";
  // A filter the choices do not hold (a changed key, a team the viewer may not see) reads as "any".
  const team = choices.teams.find((t) => t.key === params.team) ?? null;
  const location = choices.locations.find((l) => l.key === params.location) ?? null;
  const shown = await listPeople(viewer, { ...params, team: team?.key ?? null, location: location?.key ?? null });

  const kept: Record<string, string> = {};
  if (params.q) kept.q = params.q;
  if (team) kept.team = team.key;
  if (location) kept.location = location.key;
  if (params.audience !== "all") kept.audience = params.audience;

  const narrowed = params.q || team || location || params.audience !== "all";
  const describe = [
    params.audience !== "all" ? AUDIENCE_FILTER_LABELS[params.audience] : "Everyone",
    team ? `in ${team.name}` : "",
    location ? `at ${location.name}` : "",
    params.q ? `matching “${params.q}”` : "",
  ]
    .filter(Boolean)
    .join(" ");

  const empty = params.after ? (
    <p>There are no more people.</p>
  ) : narrowed ? (
    <p>Nobody matches. Check the spelling, search for part of a name, or clear the filters.</p>
  ) : (
    <p>There is nobody in the directory yet.</p>
  );

  return (
    <>
      <h1 className="text-3xl font-bold">People</h1>
      <p className="mt-3 text-lg text-gray-800">Find colleagues by name, job title, team, location, department or organisation.</p>
      <form method="get" action="/people" className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" aria-label="Search and filter people">
        <div className="sm:col-span-2">
          <label htmlFor="people-q" className="block font-semibold">
            Search
          </label>
          <p id="people-q-hint" className="text-sm text-gray-700">
            Part of a name, job title, team, location, department or organisation.
          </p>
          <input
            id="people-q"
            name="q"
            type="search"
            defaultValue={params.searchError ? "" : params.q}
            maxLength={PEOPLE_SEARCH_MAX}
            aria-invalid={params.searchError ? true : undefined}
            aria-describedby={params.searchError ? "people-q-hint people-q-error" : "people-q-hint"}
            className={filterFieldClass}
          />
        </div>
        <FilterSelect id="people-team" name="team" label="Team" value={team?.key ?? ""} options={choices.teams.map((t) => ({ value: t.key, label: t.name }))} anyLabel="Any team" />
        <FilterSelect id="people-location" name="location" label="Location" value={location?.key ?? ""} options={choices.locations.map((l) => ({ value: l.key, label: l.name }))} anyLabel="Any location" />
        {offersAudience ? (
          <FilterSelect id="people-audience" name="audience" label="Show" value={params.audience} options={AUDIENCE_FILTERS.map((a) => ({ value: a, label: AUDIENCE_FILTER_LABELS[a] }))} />
        ) : null}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className={buttonClass.primary}>
            Search
          </button>
          {narrowed ? (
            <Link href="/people" prefetch={false} className={buttonClass.link}>
              Clear
            </Link>
          ) : null}
        </div>
        {params.searchError ? (
          <p id="people-q-error" className="border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800 sm:col-span-2 lg:col-span-4" role="alert">
            {params.searchError}
          </p>
        ) : null}
      </form>
      <p className="mt-4" role="status">
        {describe}
        {team ? " (and its teams)" : ""}
        {params.after ? ", a later page" : ""}.
      </p>
      <PersonCards people={shown.items} empty={empty} locationsLinked={locationsLinked} />
      <Pager basePath="/people" next={shown.next} isFirstPage={!params.after} label="People pages" params={kept} cursorParam="after" words={IN_ORDER} />
    </>
  );
}
