/**
 * D2: the people directory and profiles, as their pages show them (P6, E2, E4, E5, K4): the
 * directory (app/(portal)/people/page.tsx) and a profile (app/(portal)/people/[id]/page.tsx),
 * by the pages' own functions (lib/people/directory.ts) as the token's person.
 */
import { z } from "zod";
import { PEOPLE_SEARCH_MAX } from "@/lib/people/directory-params";
import { CONTROL_MESSAGE_ONE_LINE, hasControlCharacters, searchText } from "@/lib/validation/text";
import { cursorParam, defineEndpoint } from "../endpoint";
import { contentSummarySchema, named, pageOf } from "../schemas";

/** A team or location key as the directory's filters take it (at most 100 characters, one line); empty means any. */
const filterKey = (what: string) =>
  z
    .string()
    .max(100, `A ${what} key has at most 100 characters.`)
    .refine((v) => !hasControlCharacters(v), CONTROL_MESSAGE_ONE_LINE)
    .optional();

export const personTeamSchema = named(
  "PersonTeam",
  z
    .object({
      key: z.string().nullable().meta({ description: "The team's key for /teams/{key}, or null when the caller may not open the team (P5, E5: the page names it without a link)." }),
      name: z.string(),
    })
    .meta({ description: "A team a person is in." }),
);

export const personLocationSchema = named(
  "PersonLocation",
  z
    .object({
      id: z.number().int().nullable().meta({ description: "The location's id for /locations/{id}, or null when the caller may not use the locations directory (P6, E5: the page names it without a link)." }),
      name: z.string(),
    })
    .meta({ description: "Where a person works (P6)." }),
);

const imageField = z
  .string()
  .nullable()
  .meta({ description: "The site address of their profile image, as the page shows it (served to a signed-in session that may view the profile, E4: not to a token), or null when they have none." });

/** What a directory card and a profile both show. */
const personFields = {
  id: z.uuid().meta({ description: "Their id for /people/{id}: everyone the directory lists may be opened (P6, E4)." }),
  name: z.string(),
  email: z.string(),
  audience: z.enum(["organisational", "external"]),
  blocked: z.boolean().meta({ description: "Blocked (P3): only webmasters are ever shown a blocked person." }),
  jobTitle: z.string().nullable(),
  organisation: z.string().nullable().meta({ description: "Their department or organisation." }),
  workPhone: z.string().nullable(),
  image: imageField,
  location: personLocationSchema.nullable(),
};

export const personCardSchema = named(
  "PersonCard",
  z
    .object({
      ...personFields,
      teams: z.array(personTeamSchema).meta({ description: "Their first teams by name (a card names at most four)." }),
      teamCount: z.number().int().meta({ description: "How many teams they are in (the card says “and n more” beyond the ones named)." }),
    })
    .meta({ description: "A person as the directory's card shows them (P6)." }),
);

const filterChoice = z.object({ key: z.string(), name: z.string() });

export const peopleDirectorySchema = named(
  "PeopleDirectory",
  pageOf(personCardSchema, "The people the caller may view (E4, E5; blocked people for webmasters only) that match, in name order, a page at a time.")
    .extend({
      filters: z
        .object({
          teams: z.array(filterChoice).meta({ description: "The teams the directory's team filter offers the caller: the upper levels of the teams they may see, and the one chosen (P5, E5)." }),
          locations: z.array(filterChoice).meta({ description: "The locations its location filter offers (P6)." }),
        })
        .meta({ description: "What the page's filters offer: the keys `team` and `location` accept." }),
    })
    .meta({ description: "A page of the people directory, as the page shows it to the caller (P6, E4, E5)." }),
);

export const listPeople = defineEndpoint({
  operationId: "listPeople",
  method: "get",
  path: "/people",
  summary: "The people directory",
  description:
    "The people directory as its page shows it to the caller (P6, E4, E5): the people whose profile they may view, in name order, searched and filtered as on the page. Organisational people and webmasters always have it; external people only while the webmaster's Users switch is on (E5), otherwise it is absent (404), as the page.",
  needs: "read",
  query: z.object({
    q: searchText(PEOPLE_SEARCH_MAX, `Search for at most ${PEOPLE_SEARCH_MAX} characters of a name, job title, team, location, department or organisation.`)
      .optional()
      .meta({ description: "Words to look for in people's names, job titles, teams, locations, departments and organisations (P6)." }),
    team: filterKey("team").meta({ description: "Only people in the team of this key or any team below it (P5): one of `filters.teams`. Empty: any team." }),
    location: filterKey("location").meta({ description: "Only people at the location of this key (P6): one of `filters.locations`. Empty: any location." }),
    audience: z
      .enum(["all", "organisational", "external"], { error: "Choose all, organisational or external." })
      .optional()
      .meta({ description: "Only organisational or only external people (P1). Offered to organisational people and webmasters only, as on the page: an external caller may ask only for all." }),
    cursor: cursorParam,
  }),
  response: peopleDirectorySchema,
  notFound: "There is no people directory for you: external people have it only while the Users switch is on (E5).",
});

export const profileSchema = named(
  "Profile",
  z
    .object({
      ...personFields,
      mobile: z.string().nullable().meta({ description: "Their mobile number, only while they choose to show it (P6); null otherwise, for themselves too." }),
      about: z.string().nullable(),
      teams: z.array(personTeamSchema).meta({ description: "Their teams by name (at most 50)." }),
      isSelf: z.boolean().meta({ description: "It is the caller's own profile (E2)." }),
      following: z.boolean().meta({ description: "The caller follows them (K4)." }),
      mayFollow: z.boolean().meta({ description: "The page offers the caller to follow them (K4: anyone but oneself whose profile one may view)." }),
      content: pageOf(contentSummarySchema, "The items they published that the caller may view (C2, C4), most recently changed first, a page at a time."),
    })
    .meta({ description: "A person's profile, as its page shows it to the caller (P6, E2, E4, E5)." }),
);

export const getPerson = defineEndpoint({
  operationId: "getPerson",
  method: "get",
  path: "/people/{id}",
  summary: "A person's profile and their published items",
  description:
    "A person's profile as its page shows it to the caller (P6, E2, E4, E5): everyone has their own; others' are for organisational people and webmasters, and for external people while the Users switch is on; blocked people's for webmasters only. With a page of the items they published that the caller may view (C2, C4). Anyone else's answers 404, the same as an unknown id.",
  needs: "read",
  pathParams: z.object({ id: z.uuid().meta({ description: "The person's id, as in /people/<id>." }) }),
  query: z.object({ cursor: cursorParam }),
  response: profileSchema,
  notFound: "No profile you may view has this id.",
});
