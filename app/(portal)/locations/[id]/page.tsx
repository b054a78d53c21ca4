import type { Metadata } from "next";
import Link from "next/link";
import { LocationAddress } from "@/components/locations/address";
import { Avatar } from "@/components/people/avatar";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { IN_ORDER, Pager } from "@/components/ui/pager";
import { requireExternalApp } from "@/lib/access/external-guard";
import { lookupTitle } from "@/lib/lookup";
import { getLocation } from "@/lib/locations/queries";
import { found } from "@/lib/page-lookup";
import { getViewer } from "@/lib/access/viewer";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function idOf(raw: string): number {
  return /^\d{1,10}$/.test(raw) ? Number(raw) : 0;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const viewer = await getViewer();
  if (!viewer) return {};
  return { title: lookupTitle(await getLocation(viewer, idOf((await params).id)), (l) => l.name) };
}

/** P6 E5: a location: its address, a map link, and the people there as the people directory allows. */
export default async function LocationPage({ params, searchParams }: Props) {
  const [{ id }, raw, viewer] = await Promise.all([params, searchParams, requireExternalApp("locations")]);
  const after = typeof raw.after === "string" ? raw.after : null;
  const location = found(await getLocation(viewer, idOf(id), { after }));
  return (
    <>
      <Breadcrumbs trail={[{ href: "/locations", label: "Locations" }]} />
      <div className="mt-2 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">{location.name}</h1>
        {location.mayManage ? (
          <Link href={`/locations/${location.id}/edit`} className={buttonClass.secondary}>
            Edit or delete
          </Link>
        ) : null}
      </div>
      <section aria-labelledby="address-heading" className="mt-6">
        <h2 id="address-heading" className="text-xl font-bold">
          Address
        </h2>
        <div className="mt-2">
          <LocationAddress name={location.name} address={location.address} />
        </div>
      </section>
      {location.people ? (
        <section aria-labelledby="people-heading" className="mt-8" id="people">
          <h2 id="people-heading" className="text-xl font-bold">
            People here
          </h2>
          {location.people.length === 0 ? (
            <p className="mt-2">{after ? "There are no more people here." : "Nobody is listed at this location."}</p>
          ) : (
            <ul className="mt-3 grid gap-3 sm:grid-cols-2">
              {location.people.map((p) => (
                <li key={p.id} className="flex items-center gap-3">
                  <Avatar personId={p.id} name={p.name} imageId={p.imageId} />
                  <span>
                    <Link href={`/people/${p.id}`} className="text-brand-700 underline">
                      {p.name}
                    </Link>
                    {p.jobTitle ? <span className="block text-sm text-gray-700">{p.jobTitle}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <Pager basePath={`/locations/${location.id}`} next={location.nextPeople} isFirstPage={!after} label="People pages" cursorParam="after" words={IN_ORDER} fragment="#people" />
        </section>
      ) : null}
    </>
  );
}
