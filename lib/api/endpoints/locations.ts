/**
 * D2: locations, as their pages show them (P6, E5): the directory (app/(portal)/locations)
 * and a location's page (app/(portal)/locations/[id]), by the pages' own functions
 * (lib/locations/queries.ts) as the token's person.
 */
import { z } from "zod";
import { cursorParam, defineEndpoint } from "../endpoint";
import { named, pageOf } from "../schemas";
import { searchText } from "@/lib/validation/text";

/** The locations page's search box holds at most this many characters. */
const LOCATION_SEARCH_MAX = 100;

const mayManage = z.boolean().meta({ description: "The caller may create, edit and delete locations (webmasters, P6)." });
const address = z.string().nullable().meta({ description: "Its postal address, a line for each line, or null." });

export const locationCardSchema = named(
  "LocationCard",
  z
    .object({
      id: z.number().int().meta({ description: "Its id, for /locations/{id}." }),
      name: z.string(),
      address,
      peopleCount: z
        .number()
        .int()
        .nullable()
        .meta({ description: "How many people there the caller may view (E4); null when the caller may not use the people directory (E5: the Users switch)." }),
    })
    .meta({ description: "A location as the directory lists it." }),
);

export const locationsSchema = named(
  "Locations",
  pageOf(locationCardSchema, "The locations that match, in name order, a page at a time.")
    .extend({ mayManage })
    .meta({ description: "A page of the locations directory, as its page shows it to the caller (P6, E5)." }),
);

export const listLocations = defineEndpoint({
  operationId: "listLocations",
  method: "get",
  path: "/locations",
  summary: "The locations directory",
  description:
    "The locations directory as its page shows it to the caller (P6, E5): every location, searched by name or address, with how many people there the caller may view when they may use the people directory. External people have it only while the Locations switch is on, otherwise it is absent (404), as the page.",
  needs: "read",
  query: z.object({
    q: searchText(LOCATION_SEARCH_MAX, `Search for at most ${LOCATION_SEARCH_MAX} characters of a location's name or address.`)
      .optional()
      .meta({ description: "Words to look for in locations' names and addresses." }),
    cursor: cursorParam,
  }),
  response: locationsSchema,
  notFound: "There is no locations directory for you: external people have it only while the Locations switch is on (E5).",
});

export const locationPersonSchema = named(
  "LocationPerson",
  z
    .object({
      id: z.uuid().meta({ description: "Their id for /people/{id}: everyone listed here may be opened (E4)." }),
      name: z.string(),
      jobTitle: z.string().nullable(),
      image: z.string().nullable().meta({ description: "The site address of their profile image (served to a signed-in session, not to a token), or null when they have none." }),
    })
    .meta({ description: "A person at a location, as its page lists them." }),
);

export const locationSchema = named(
  "Location",
  z
    .object({
      id: z.number().int(),
      name: z.string(),
      address,
      mayManage,
      people: pageOf(locationPersonSchema, "The people there whose profile the caller may view (E4; blocked people for webmasters only), in name order, a page at a time.")
        .nullable()
        .meta({ description: "The people there, or null when the caller may not use the people directory (E5: the Users switch)." }),
    })
    .meta({ description: "A location, as its page shows it to the caller (P6, E5)." }),
);

export const getLocation = defineEndpoint({
  operationId: "getLocation",
  method: "get",
  path: "/locations/{id}",
  summary: "A location and the people there",
  description:
    "A location as its page shows it to the caller (P6, E5): its address, and the people there as the people directory allows (external people see them only while the Users switch is on). External people without the Locations switch get 404, as for an unknown id.",
  needs: "read",
  pathParams: z.object({
    id: z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number)
      .meta({ description: "The location's id, as in /locations/<id>." }),
  }),
  query: z.object({ cursor: cursorParam.meta({ description: "The `people.next` of the page before, for the next page of the people there; a cursor that is not one reads as the first page." }) }),
  response: locationSchema,
  notFound: "No location you may view has this id: external people have the locations directory only while the Locations switch is on (E5).",
});
