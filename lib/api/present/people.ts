import "server-only";
/**
 * D2: the people pages' answers (lib/people/directory.ts) in the API's shape, with what the
 * pages show and nothing more: a team's key only where the page links the team, a location's
 * id only where it links the location (the caller may use the locations directory, E5), the
 * image's address where the page shows the image.
 */
import type { z } from "zod";
import type { Page, ContentSummary } from "@/lib/content/listings";
import type { DirectoryChoices, PersonCard, PersonLocation, PersonTeam, Profile } from "@/lib/people/directory";
import { profileImageSrc } from "@/lib/people/profile-fields";
import type { peopleDirectorySchema, personCardSchema, personLocationSchema, personTeamSchema, profileSchema } from "../endpoints/people";
import { apiContentSummary } from "./common";

export const apiPersonTeam = (team: PersonTeam): z.input<typeof personTeamSchema> => ({ key: team.linked ? team.key : null, name: team.name });

export const apiPersonLocation = (location: PersonLocation | null, linked: boolean): z.input<typeof personLocationSchema> | null =>
  location ? { id: linked ? location.id : null, name: location.name } : null;

/** A profile image's address, as <Avatar> shows it. */
export const apiImage = (personId: string, imageId: string | null): string | null => (imageId ? profileImageSrc(personId, imageId) : null);

function apiPersonFields(person: Omit<PersonCard, "teams" | "teamCount">, locationsLinked: boolean) {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    audience: person.audience,
    blocked: person.blocked,
    jobTitle: person.jobTitle,
    organisation: person.organisation,
    workPhone: person.workPhone,
    image: apiImage(person.id, person.imageId),
    location: apiPersonLocation(person.location, locationsLinked),
  };
}

export function apiPersonCard(card: PersonCard, locationsLinked: boolean): z.input<typeof personCardSchema> {
  return { ...apiPersonFields(card, locationsLinked), teams: card.teams.map(apiPersonTeam), teamCount: card.teamCount };
}

export function apiPeopleDirectory(page: Page<PersonCard>, choices: DirectoryChoices, locationsLinked: boolean): z.input<typeof peopleDirectorySchema> {
  return {
    items: page.items.map((card) => apiPersonCard(card, locationsLinked)),
    next: page.next,
    filters: { teams: choices.teams.map(({ key, name }) => ({ key, name })), locations: choices.locations.map(({ key, name }) => ({ key, name })) },
  };
}

export function apiProfile(profile: Profile, content: Page<ContentSummary>, locationsLinked: boolean): z.input<typeof profileSchema> {
  return {
    ...apiPersonFields(profile, locationsLinked),
    mobile: profile.mobile,
    about: profile.about,
    teams: profile.teams.map(apiPersonTeam),
    isSelf: profile.isSelf,
    following: profile.following,
    mayFollow: profile.mayFollow,
    content: { items: content.items.map(apiContentSummary), next: content.next },
  };
}
