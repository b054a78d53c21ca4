import type { Metadata } from "next";
import { IN_ORDER, Pager } from "@/components/ui/pager";
import { GroupCards } from "@/components/groups/group-cards";
import { buttonClass } from "@/components/ui/button";
import { externalMayUse } from "@/lib/access/external-access";
import { requireViewer } from "@/lib/access/viewer";
import { GROUP_FILTER_LABELS, GROUP_SEARCH_MAX, groupDirectoryParams, groupFiltersFor } from "@/lib/groups/directory-params";
import { listGroups } from "@/lib/groups/queries";
import { FilterSelect, filterFieldClass } from "@/components/ui/filter-select";

export const metadata: Metadata = { title: "Groups" };

/**
 * G1, G3, E5: the groups directory, for both audiences. Which groups are listed is decided
 * in the query (secret ones only to their members; an external person without the Groups
 * switch sees only their own groups).
 */
export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireViewer()]);
  const params = groupDirectoryParams(raw, viewer);
  const [page, browses] = await Promise.all([listGroups(viewer, params), externalMayUse(viewer, "groups")]);
  const filters = groupFiltersFor(viewer);

  const base = new URLSearchParams();
  if (params.filter !== "all") base.set("filter", params.filter);
  if (params.q) base.set("q", params.q);

  const empty = params.after ? (
    <p>There are no more groups.</p>
  ) : params.q ? (
    <p>No groups have “{params.q}” in their name. Check the spelling, search for part of the name, or choose All groups.</p>
  ) : !browses ? (
    <p>You are not a member of any group yet. A group&apos;s admin can invite you.</p>
  ) : params.filter === "mine" ? (
    <p>You are not in any group yet. Open a public group to join it, or ask to join a private one.</p>
  ) : (
    <p>There are no {params.filter === "all" ? "" : `${params.filter} `}groups yet.</p>
  );

  return (
    <>
      <h1 className="text-3xl font-bold">Groups</h1>
      <p className="mt-3 text-lg text-gray-800">
        {browses
          ? "Groups bring people together around a shared interest or piece of work. Public groups are open to everyone; private groups show their content to members only."
          : "The groups you are a member of."}
      </p>
      <form method="get" action="/groups" className="mt-6 grid gap-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end" aria-label="Filter and search groups">
        <FilterSelect id="groups-filter" name="filter" label="Show" value={params.filter} options={filters.map((f) => ({ value: f, label: GROUP_FILTER_LABELS[f] }))} />
        <div>
          <label htmlFor="groups-q" className="block font-semibold">
            Search by name
          </label>
          <input
            id="groups-q"
            name="q"
            type="search"
            defaultValue={params.searchError ? "" : params.q}
            maxLength={GROUP_SEARCH_MAX}
            aria-invalid={params.searchError ? true : undefined}
            aria-describedby={params.searchError ? "groups-q-error" : undefined}
            className={filterFieldClass}
          />
        </div>
        <button type="submit" className={buttonClass.secondary}>
          Apply
        </button>
        {params.searchError ? (
          <p id="groups-q-error" className="border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800 sm:col-span-3" role="alert">
            {params.searchError}
          </p>
        ) : null}
      </form>
      <p className="mt-4" role="status">
        {GROUP_FILTER_LABELS[params.filter]}
        {params.q ? ` with “${params.q}” in the name` : ""}
        {params.after ? " (a later page)" : ""}.
      </p>
      <GroupCards groups={page.items} empty={empty} />
      <Pager basePath="/groups" next={page.next} isFirstPage={!params.after} label="Group pages" params={Object.fromEntries(base)} cursorParam="after" words={IN_ORDER} />
    </>
  );
}
