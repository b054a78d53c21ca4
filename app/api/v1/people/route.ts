import { externalMayUse } from "@/lib/access/external-access";
import { listPeople } from "@/lib/api/endpoints/people";
import { apiPeopleDirectory } from "@/lib/api/present/people";
import { apiRoute, badQuery, refusal } from "@/lib/api/route";
import { listDirectoryChoices, listPeople as listDirectoryPeople } from "@/lib/people/directory";
import { peopleDirectoryParams } from "@/lib/people/directory-params";

/**
 * GET /api/v1/people (D2): the people directory, composed exactly as its page
 * (app/(portal)/people/page.tsx) composes it, by the same functions as the token's person:
 * absent (404) for whoever the page refuses (externalMayUse "users", E5); the page's own
 * parameters (peopleDirectoryParams); a team or location filter only among the choices the
 * page offers (listDirectoryChoices: a team the caller may not see is never a filter, P5 E5);
 * and listPeople, whose query decides whom the caller may view (mayViewProfile, E4).
 * Where the page quietly reads a filter it cannot use as "any", the API says so (400): a
 * client has no select box to show it what was applied.
 */
export const GET = apiRoute(listPeople, async ({ viewer, query }) => {
  if (!(await externalMayUse(viewer, "users"))) return refusal(listPeople, "not-found");
  const params = peopleDirectoryParams({ q: query.q, team: query.team || undefined, location: query.location || undefined, audience: query.audience, after: query.cursor }, viewer);
  const errors: Record<string, string> = {};
  if (params.searchError) errors.q = params.searchError;
  // The page offers the audience filter to organisational people and webmasters only: for anyone else it reads as "all".
  if (query.audience && query.audience !== params.audience) errors.audience = "Only organisational people filter the directory by audience: leave it out, or ask for all.";
  const [choices, locationsLinked] = await Promise.all([listDirectoryChoices(viewer, params.team), externalMayUse(viewer, "locations")]);
  const team = choices.teams.find((t) => t.key === params.team) ?? null;
  const location = choices.locations.find((l) => l.key === params.location) ?? null;
  // An unknown team and one the caller may not see get the same answer: nothing tells them apart.
  if (params.team && !team) errors.team = "No team you may see has this key: use one of filters.teams.";
  if (params.location && !location) errors.location = "The location filter offers no location with this key: use one of filters.locations.";
  if (Object.keys(errors).length) {
    return badQuery(errors);
  }
  const shown = await listDirectoryPeople(viewer, { ...params, team: team?.key ?? null, location: location?.key ?? null });
  return { ok: apiPeopleDirectory(shown, choices, locationsLinked) };
});

/** POST /api/v1/people (D2, M3): add a person, by the Add a person page's own action as the token's person (lib/api/handlers/people-writes.ts). */
export { postPerson as POST } from "@/lib/api/handlers/people-writes";
