import type { Metadata } from "next";
import { DeleteLocation } from "@/components/locations/delete-location";
import { EditLocationForm } from "@/components/locations/location-form";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { requireExternalApp } from "@/lib/access/external-guard";
import { getLocationForEdit } from "@/lib/locations/queries";
import { found } from "@/lib/page-lookup";

export const metadata: Metadata = { title: "Edit location" };

/** P6 (webmasters): edit a location's name and address, or delete it (moving its people first). */
export default async function EditLocationPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, viewer] = await Promise.all([params, requireExternalApp("locations")]);
  const location = found(await getLocationForEdit(viewer, /^\d{1,10}$/.test(id) ? Number(id) : 0));
  return (
    <>
      <Breadcrumbs trail={[{ href: "/locations", label: "Locations" }, { href: `/locations/${location.id}`, label: location.name }]} />
      <h1 className="mt-2 text-3xl font-bold">Edit {location.name}</h1>
      <section className="mt-6">
        <h2 id="edit-heading" className="text-xl font-bold">
          Name and address
        </h2>
        <EditLocationForm locationId={location.id} version={location.version} name={location.name} address={location.address} />
      </section>
      <section className="mt-10 border-t border-gray-300 pt-6">
        <h2 id="delete-heading" className="text-xl font-bold">
          Delete this location
        </h2>
        <DeleteLocation locationId={location.id} name={location.name} peopleCount={location.peopleCount} others={location.others} />
      </section>
    </>
  );
}
