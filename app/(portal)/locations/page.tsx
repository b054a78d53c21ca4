import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { IN_ORDER, Pager } from "@/components/ui/pager";
import { requireExternalApp } from "@/lib/access/external-guard";
import { listLocations } from "@/lib/locations/queries";
import { withoutControlCharacters } from "@/lib/validation/text";
import { recordView } from "@/lib/analytics/record";

export const metadata: Metadata = { title: "Locations" };

const SEARCH_MAX = 100;

/** P6 E5: the locations directory (externals only with the Locations switch: otherwise absent, 404). */
export default async function LocationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireExternalApp("locations")]);
  const q = typeof raw.q === "string" ? withoutControlCharacters(raw.q).trim().slice(0, SEARCH_MAX) : "";
  const after = typeof raw.after === "string" ? raw.after : null;
  const page = await listLocations(viewer, { q, after });
  if (!page) return null;
  recordView(viewer, { page: "directory", path: "/locations" }); // D1
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">Locations</h1>
        {page.mayManage ? (
          <Link href="/locations/new" className={buttonClass.primary}>
            New location
          </Link>
        ) : null}
      </div>
      <p className="mt-3 text-lg text-gray-800">The places people work from, with their addresses.</p>
      <form method="get" action="/locations" className="mt-6 flex flex-wrap items-end gap-4" role="search" aria-label="Search locations">
        <div className="min-w-0 flex-1">
          <label htmlFor="locations-q" className="block font-semibold">
            Search by name or address
          </label>
          <input id="locations-q" name="q" type="search" defaultValue={q} maxLength={SEARCH_MAX} className="mt-1 block min-h-11 w-full rounded border-2 border-gray-800 bg-white px-3 py-2" />
        </div>
        <button type="submit" className={buttonClass.secondary}>
          Search
        </button>
      </form>
      {page.locations.length === 0 ? (
        <p className="mt-8">
          {after ? "There are no more locations." : q ? `No location has “${q}” in its name or address. Check the spelling, or search for part of it.` : "There are no locations yet."}
        </p>
      ) : (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2" aria-label="Locations">
          {page.locations.map((l) => (
            <li key={l.id} className="rounded border border-gray-300 p-4">
              <h2 className="text-xl font-bold">
                <Link href={`/locations/${l.id}`} className="text-brand-700 underline">
                  {l.name}
                </Link>
              </h2>
              {l.address ? <p className="mt-1 text-gray-800">{l.address.split("\n").filter(Boolean).join(", ")}</p> : null}
              {l.peopleCount !== null ? <p className="mt-1 text-sm text-gray-700">{l.peopleCount === 1 ? "1 person" : `${l.peopleCount} people`}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pager basePath="/locations" next={page.next} isFirstPage={!after} label="Locations pages" params={{ q }} cursorParam="after" words={IN_ORDER} />
    </>
  );
}
