import type { ReactNode } from "react";
import { ExternalBadge } from "@/components/ui/external-badge";
import type { PersonCard, PersonLocation, PersonTeam } from "@/lib/people/directory";
import { Avatar } from "./avatar";
import { profileHref } from "./person-name";

const link = "text-brand-700 underline underline-offset-2 hover:no-underline";

/** A phone number as a tel: address (digits and a leading +). */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith("+") ? "+" : ""}${trimmed.replace(/[^0-9]/g, "")}`;
}

/** A person's teams, each linked when the viewer may open it (P5, E5), and how many more. */
export function TeamNames({ teams, total }: { teams: PersonTeam[]; total?: number }) {
  const more = (total ?? teams.length) - teams.length;
  return (
    <>
      {teams.map((t, i) => (
        <span key={t.key}>
          {i ? ", " : ""}
          {t.linked ? (
            <a href={`/teams/${encodeURIComponent(t.key)}`} className={link}>
              {t.name}
            </a>
          ) : (
            t.name
          )}
        </span>
      ))}
      {more > 0 ? ` and ${more} more` : ""}
    </>
  );
}

/** A location, linked to the Locations directory when the viewer may use it (P6, E5). */
export function LocationName({ location, linked }: { location: PersonLocation; linked: boolean }) {
  return linked ? (
    <a href={`/locations/${location.id}`} className={link}>
      {location.name}
    </a>
  ) : (
    <>{location.name}</>
  );
}

/**
 * The people directory's cards (P6): photo, name linking to the profile, job title, department
 * or organisation, teams, location, and ways to get in touch. The caller's query has decided
 * who may be listed (mayViewProfile).
 */
export function PersonCards({ people, empty, locationsLinked }: { people: PersonCard[]; empty: ReactNode; locationsLinked: boolean }) {
  if (!people.length) return <div className="mt-6 rounded border border-gray-300 bg-gray-50 p-4">{empty}</div>;
  return (
    <ul className="mt-6 grid gap-4 sm:grid-cols-2">
      {people.map((p) => (
        <li key={p.id} className="flex gap-4 rounded border border-gray-300 p-4">
          <Avatar personId={p.id} name={p.name} imageId={p.imageId} size="md" />
          <div className="min-w-0 flex-1 space-y-1">
            <h2 className="text-lg font-bold break-words">
              <a href={profileHref(p.id)} className={link}>
                {p.name}
              </a>
              {p.audience === "external" ? <ExternalBadge /> : null}
              {p.blocked ? <span className="ml-2 inline-block rounded bg-gray-200 px-2 py-0.5 text-sm font-semibold text-gray-900">Blocked</span> : null}
            </h2>
            {p.jobTitle ? <p className="break-words text-gray-900">{p.jobTitle}</p> : null}
            {p.organisation ? <p className="break-words text-gray-800">{p.organisation}</p> : null}
            {p.teams.length ? (
              <p className="break-words text-sm text-gray-800">
                <span className="font-semibold">{p.teamCount === 1 ? "Team" : "Teams"}:</span> <TeamNames teams={p.teams} total={p.teamCount} />
              </p>
            ) : null}
            {p.location ? (
              <p className="break-words text-sm text-gray-800">
                <span className="font-semibold">Location:</span> <LocationName location={p.location} linked={locationsLinked} />
              </p>
            ) : null}
            <p className="flex flex-col gap-1 pt-1 text-sm sm:flex-row sm:flex-wrap sm:gap-x-4">
              <a href={`mailto:${p.email}`} className={`${link} inline-block min-h-6 break-all`}>
                <span className="sr-only">E-mail {p.name}: </span>
                {p.email}
              </a>
              {p.workPhone ? (
                <a href={telHref(p.workPhone)} className={`${link} inline-block min-h-6`}>
                  <span className="sr-only">Call {p.name} at work: </span>
                  {p.workPhone}
                </a>
              ) : null}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
