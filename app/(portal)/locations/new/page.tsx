import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateLocationForm } from "@/components/locations/location-form";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { requireExternalApp } from "@/lib/access/external-guard";
import { canAsWebmaster } from "@/lib/access/policies";

export const metadata: Metadata = { title: "New location" };

/** P6: webmasters add a location to the directory. */
export default async function NewLocationPage() {
  const viewer = await requireExternalApp("locations");
  if (!canAsWebmaster(viewer, "locations.manage")) notFound();
  return (
    <>
      <Breadcrumbs trail={[{ href: "/locations", label: "Locations" }]} />
      <h1 className="mt-2 text-3xl font-bold">New location</h1>
      <CreateLocationForm />
    </>
  );
}
