import "server-only";
/**
 * The locations directory's reads (P6, E5). Locations themselves are not access-controlled
 * beyond the directory's switch (externals only with the Locations switch, E5): the caller's
 * page guard (`requireExternalApp("locations")`) decides that, and each read asks again. The
 * people at a location are listed as the people directory allows: only to viewers who may
 * use it (the Users switch for externals), and only people whose profile they may view
 * (`mayViewProfile`, in the same query).
 */
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { qualified } from "@/db/sql";
import { locations, people } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { externalMayUse } from "@/lib/access/external-access";
import { mayViewProfile } from "@/lib/access/profiles";
import type { AccessSubject } from "@/lib/access/types";
import { type Lookup, NOT_FOUND, ok } from "@/lib/lookup";

export const LOCATIONS_PAGE_SIZE = 50;
export const LOCATION_PEOPLE_PAGE_SIZE = 50;

const nameCursor = cursorCodec({ name: "text", id: "int" });
const personCursor = cursorCodec({ name: "text", id: "uuid" });

export interface LocationCard {
  id: number;
  name: string;
  address: string | null;
  /** People there the viewer may view; null when the viewer may not use the people directory. */
  peopleCount: number | null;
}

export interface LocationsPage {
  locations: LocationCard[];
  next: string | null;
  mayManage: boolean;
}

/** Escapes LIKE's wildcards so a search for "50%" finds "50%", not everything. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The people at a location the viewer may view, as SQL on `people` (the directory's rule). */
function visiblePeopleAt(viewer: AccessSubject, locationId: number | ReturnType<typeof sql>) {
  return and(eq(people.locationId, locationId as number), mayViewProfile(viewer, people.id, people.blocked));
}

/** /locations: by name, searched by name or address, keyset pages; null when the viewer may not use the directory. */
export async function listLocations(viewer: AccessSubject, options: { q?: string; after?: string | null } = {}, given?: Db): Promise<LocationsPage | null> {
  const db = given ?? (await getDb());
  if (!(await externalMayUse(viewer, "locations", db))) return null;
  const showPeople = await externalMayUse(viewer, "users", db);
  const after = nameCursor.decode(options.after);
  const q = options.q?.trim() ?? "";
  const rows = await db
    .select({
      id: locations.id,
      name: locations.name,
      address: locations.address,
      peopleCount: showPeople
        ? sql<number>`(select count(*)::int from ${people} where ${visiblePeopleAt(viewer, qualified("locations", "id"))})`
        : sql<null>`null`,
    })
    .from(locations)
    .where(
      and(
        q ? or(ilike(locations.name, containing(q)), ilike(locations.address, containing(q))) : undefined,
        after ? sql`(${locations.name}, ${locations.id}) > (${after.name}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(locations.name), asc(locations.id))
    .limit(LOCATIONS_PAGE_SIZE + 1);
  const page = rows.slice(0, LOCATIONS_PAGE_SIZE);
  const last = page.at(-1);
  return {
    locations: page,
    next: rows.length > LOCATIONS_PAGE_SIZE && last ? nameCursor.encode({ name: last.name, id: last.id }) : null,
    mayManage: viewer.isWebmaster,
  };
}

export interface LocationPerson {
  id: string;
  name: string;
  jobTitle: string | null;
  imageId: string | null;
}

export interface LocationView {
  id: number;
  name: string;
  address: string | null;
  version: number;
  /** Null when the viewer may not use the people directory (E5: the Users switch). */
  people: LocationPerson[] | null;
  nextPeople: string | null;
  mayManage: boolean;
}

/** /locations/<id>: the location and the people there as the directory allows. Unknown ids and a directory the viewer may not use: not found. */
export async function getLocation(viewer: AccessSubject, locationId: number, options: { after?: string | null } = {}, given?: Db): Promise<Lookup<LocationView>> {
  const db = given ?? (await getDb());
  if (!Number.isSafeInteger(locationId) || locationId < 1 || locationId > 2_147_483_647) return NOT_FOUND;
  if (!(await externalMayUse(viewer, "locations", db))) return NOT_FOUND;
  const [location] = await db
    .select({ id: locations.id, name: locations.name, address: locations.address, version: locations.version })
    .from(locations)
    .where(eq(locations.id, locationId))
    .limit(1);
  if (!location) return NOT_FOUND;
  if (!(await externalMayUse(viewer, "users", db))) return ok({ ...location, people: null, nextPeople: null, mayManage: viewer.isWebmaster });
  const after = personCursor.decode(options.after);
  const rows = await db
    .select({ id: people.id, name: people.name, jobTitle: people.jobTitle, imageId: people.imageId })
    .from(people)
    .where(and(visiblePeopleAt(viewer, locationId), after ? sql`(${people.name}, ${people.id}) > (${after.name}, ${after.id}::uuid)` : undefined))
    .orderBy(asc(people.name), asc(people.id))
    .limit(LOCATION_PEOPLE_PAGE_SIZE + 1);
  const page = rows.slice(0, LOCATION_PEOPLE_PAGE_SIZE);
  const last = page.at(-1);
  return ok({
    ...location,
    people: page,
    nextPeople: rows.length > LOCATION_PEOPLE_PAGE_SIZE && last ? personCursor.encode({ name: last.name, id: last.id }) : null,
    mayManage: viewer.isWebmaster,
  });
}

export interface LocationForEdit {
  id: number;
  name: string;
  address: string;
  version: number;
  /** How many people are there (all of them: the webmaster moves them all when deleting). */
  peopleCount: number;
  /** The other locations people can move to. */
  others: { id: number; name: string }[];
}

/** The edit page: webmasters only (others: not found, as the page offers them nothing to edit). */
export async function getLocationForEdit(viewer: AccessSubject, locationId: number, given?: Db): Promise<Lookup<LocationForEdit>> {
  if (!viewer.isWebmaster) return NOT_FOUND;
  const db = given ?? (await getDb());
  if (!Number.isSafeInteger(locationId) || locationId < 1 || locationId > 2_147_483_647) return NOT_FOUND;
  const [location] = await db
    .select({
      id: locations.id,
      name: locations.name,
      address: locations.address,
      version: locations.version,
      peopleCount: sql<number>`(select count(*)::int from ${people} where ${people.locationId} = ${qualified("locations", "id")})`,
    })
    .from(locations)
    .where(eq(locations.id, locationId))
    .limit(1);
  if (!location) return NOT_FOUND;
  const others = await db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(sql`${locations.id} <> ${locationId}`)
    .orderBy(asc(locations.name), asc(locations.id))
    .limit(1000);
  return ok({ ...location, address: location.address ?? "", others });
}
