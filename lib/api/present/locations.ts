import "server-only";
/** D2: the locations pages' answers (lib/locations/queries.ts) in the API's shape. */
import type { z } from "zod";
import type { LocationView, LocationsPage } from "@/lib/locations/queries";
import type { locationSchema, locationsSchema } from "../endpoints/locations";
import { apiImage } from "./people";

export function apiLocations(page: LocationsPage): z.input<typeof locationsSchema> {
  return {
    items: page.locations.map(({ id, name, address, peopleCount }) => ({ id, name, address, peopleCount })),
    next: page.next,
    mayManage: page.mayManage,
  };
}

/** The people there only when the page lists them (null: the caller may not use the people directory, E5). */
export function apiLocation(location: LocationView): z.input<typeof locationSchema> {
  return {
    id: location.id,
    name: location.name,
    address: location.address,
    mayManage: location.mayManage,
    people: location.people
      ? { items: location.people.map((p) => ({ id: p.id, name: p.name, jobTitle: p.jobTitle, image: apiImage(p.id, p.imageId) })), next: location.nextPeople }
      : null,
  };
}
