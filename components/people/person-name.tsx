/**
 * A person's name, linked to their profile page only when the viewer may open it (E4, E5:
 * the query that read the name computed `linked` with profileLink(), lib/people/directory.ts);
 * otherwise plain text. With `imageId` given (string or null) the photo or initials come first.
 * A plain <a>: lists name many people, and next/link would prefetch each profile in view.
 */
import { Avatar } from "./avatar";

export interface NamedPerson {
  id: string;
  name: string;
  /** The viewer may open this person's profile. */
  linked: boolean;
  /** The profile image (undefined: no photo shown at all; null: the initials). */
  imageId?: string | null;
}

export function profileHref(personId: string): string {
  return `/people/${personId}`;
}

export function PersonName({ person, className = "" }: { person: NamedPerson; className?: string }) {
  const name = person.linked ? (
    <a href={profileHref(person.id)} className={`break-words text-brand-700 underline underline-offset-2 hover:no-underline ${className}`}>
      {person.name}
    </a>
  ) : (
    <span className={`break-words ${className}`}>{person.name}</span>
  );
  if (person.imageId === undefined) return name;
  return (
    <span className="inline-flex items-center gap-2">
      {/* The image route answers only those who may view the profile: for anyone else, the initials. */}
      <Avatar personId={person.id} name={person.name} imageId={person.linked ? person.imageId : null} />
      {name}
    </span>
  );
}
